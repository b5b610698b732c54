/**
 * Reading an .xlsx to import with exceljs's streaming reader, so memory holds the rows, never
 * the workbook. Hidden sheets are passed over; the first visible sheet with a header row that
 * fits the import is read.
 */
import type { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { RawCell } from '../../shared/import/values'
import { LedgerError } from '../domain/errors'
import { HEADER_SEARCH_ROWS, RowCollector, type ImportTable } from './table'

/** A cell value as exceljs gives it, as a plain RawCell (formulas give their result, rich text its text). */
export function plainCell(v: unknown): RawCell {
  if (v === null || v === undefined) return null
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; result?: unknown; text?: unknown; error?: string }
    if (o.richText) return o.richText.map((r) => r.text).join('')
    if ('result' in o) return plainCell(o.result)
    if (typeof o.text === 'string') return o.text
    if (o.error) return o.error
  }
  return String(v)
}

function rowCells(values: unknown): RawCell[] {
  // exceljs rows are 1-based sparse arrays.
  const out: RawCell[] = []
  const list = Array.isArray(values) ? values : []
  for (let i = 1; i < list.length; i++) out.push(plainCell(list[i]))
  return out
}

/**
 * The rows of the first visible sheet whose headers `fits` accepts. `fits` sees the header row's
 * texts; the sheet is refused when no sheet fits.
 */
export async function readXlsx(input: Readable | string, file: string, fits: (headers: string[]) => boolean, maxRows: number): Promise<ImportTable> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input as never, {
    sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore',
  })
  const skipped: string[] = []
  let table: ImportTable | null = null
  for await (const sheet of reader) {
    const ws = sheet as unknown as AsyncIterable<{ number: number; values: unknown }> & { name: string; state?: string }
    if (table || (ws.state && ws.state !== 'visible')) {
      if (!table) skipped.push(ws.name)
      for await (const _ of ws) void _
      continue
    }
    let headerRow = 0
    let headers: string[] = []
    const rows = new RowCollector(maxRows)
    let looked = 0
    for await (const row of ws) {
      const cells = rowCells(row.values)
      if (!headerRow) {
        // The header is the first row that fits, among the first few: a title block may sit above it.
        if (looked >= HEADER_SEARCH_ROWS || cells.every((c) => c === null || String(c).trim() === '')) continue
        looked++
        const texts = cells.map((c) => (c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim()))
        if (fits(texts)) {
          headerRow = row.number
          headers = texts
        }
        continue
      }
      rows.add(row.number, cells)
    }
    const taken = headerRow > 0
    if (taken) table = { file, sheet: ws.name, headerRow, headers, rows: rows.rows, skipped }
    else skipped.push(ws.name)
  }
  if (!table) {
    throw new LedgerError('validation_failed', `no sheet of ${file} has the columns this import needs${skipped.length ? ` (looked at ${skipped.join(', ')})` : ''}`, [
      { path: 'file', message: 'no sheet with the needed columns' },
    ])
  }
  return table
}
