/**
 * Reading an .xlsx to import with exceljs's streaming reader, so memory holds the rows, never
 * the workbook. The archive is checked first (xlsx-check.ts); exceljs then reads only the parts
 * it needs. Hidden sheets are passed over unread; the first visible sheet with a header row that
 * fits the import is read. Whatever exceljs cannot read, a row past Excel's last row or a cell
 * longer than Excel allows makes the file `unreadable_file`, said in a sentence.
 */
import ExcelJS from 'exceljs'
import type { RawCell } from '../../shared/import/values'
import { columnLetter, MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS } from '../../shared/xlsx'
import { LedgerError } from '../domain/errors'
import { Breather } from './breather'
import { excerpt } from './excerpt'
import { HEADER_SEARCH_ROWS, RowCollector, type ImportTable } from './table'
import { unreadable } from './unreadable'
import { checkedWorkbook } from './xlsx-check'
import { findCellAddress } from './xlsx-locate'
import { partsArchive, type WorkbookPart } from './xlsx-parts'

/** What Excel shows for a number formatted as a date past its calendar (exceljs gives an invalid Date). */
const NOT_A_DAY = '########'

/** A cell value as exceljs gives it, as a plain RawCell (formulas give their result, rich text its text). */
export function plainCell(v: unknown): RawCell {
  if (v === null || v === undefined) return null
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? NOT_A_DAY : v
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v
  if (typeof v === 'object') {
    const o = v as { richText?: Array<{ text: string }>; result?: unknown; text?: unknown; error?: string }
    if (o.richText) return o.richText.map((r) => r.text).join('')
    if ('result' in o) return plainCell(o.result)
    if (typeof o.text === 'string') return o.text
    if (o.error) return o.error
  }
  return String(v)
}

/** exceljs's refusal of a cell address's column. */
const COLUMN_LETTERS = /Invalid column letter: ?(\S*)/

/**
 * A failure of exceljs (or of the XML parser under it) as a sentence about `where` (the
 * workbook, or a sheet), `after` the last row read.
 */
function readFailure(err: Error, where: string, after: number, cell: string | null): string {
  const since = after ? ` (after row ${after})` : ''
  if (cell) return `${where} has a cell ${cell}, past Excel's last column XFD`
  const column = COLUMN_LETTERS.exec(err.message)
  if (column) return `${where} has a cell in column ${excerpt(column[1], 12)}${since}, past Excel's last column XFD`
  if (/out of bounds/i.test(err.message)) return `${where} has a cell past Excel's last column XFD${since}`
  const address = /Invalid Address: ?(.*)/.exec(err.message)
  if (address) return `${where} has a cell whose address "${excerpt(address[1], 20)}" is not one${since}`
  // saxes: "line:column: what".
  if (/^\d+:\d+: /.test(err.message)) {
    const entities = /entity/i.test(err.message) ? ': it uses entities of a document type declaration (DOCTYPE), which Excel never writes' : ''
    return `${where} is not well-formed XML (${excerpt(err.message, 80)})${entities}`
  }
  return `${where} is damaged, or was not written by a spreadsheet program (${excerpt(err.message, 80)})`
}

type SheetReader = AsyncIterable<{ number: number; values: unknown }> & { name?: string; state?: string; id?: unknown }

/**
 * The rows of the first visible sheet of the workbook `bytes` (the file `file`) whose headers
 * `fits` accepts, at most `maxRows` of them. `fits` sees the header row's texts; the file is
 * refused when no sheet fits.
 */
export async function readXlsx(bytes: Buffer, file: string, fits: (headers: string[]) => boolean, maxRows: number): Promise<ImportTable> {
  const parts = await checkedWorkbook(bytes, file)
  const input = partsArchive(bytes, parts)
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input as never, {
    sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore',
  })
  const skipped: string[] = []
  // exceljs yields the sheets in the order of the parts it reads: this one is being read.
  const sheetParts = parts.filter((p) => p.role === 'sheet')
  let sheetPart: WorkbookPart | undefined
  let table: ImportTable | null = null
  let where = 'the workbook'
  let after = 0
  const breather = new Breather()
  try {
    for await (const sheet of reader) {
      const ws = sheet as unknown as SheetReader
      sheetPart = sheetParts.shift()
      const name = ws.name ?? `sheet ${String(ws.id)}`
      // Not iterated, a sheet is skipped by exceljs without being parsed.
      if (ws.state && ws.state !== 'visible') {
        skipped.push(name)
        continue
      }
      where = `sheet "${excerpt(name, 60)}"`
      after = 0
      let headerRow = 0
      let headers: string[] = []
      const rows = new RowCollector(maxRows, file)
      let looked = 0
      for await (const row of ws) {
        // exceljs gives NaN for a row without its number (optional in the format): it follows the row before.
        const number = Number.isNaN(row.number) ? after + 1 : row.number
        if (number > MAX_ROWS) throw unreadable(file, `${where} has a row ${number.toLocaleString('en-US')}, past Excel's last row ${MAX_ROWS.toLocaleString('en-US')}: the file was not written by Excel, or is damaged`)
        if (!(number > after)) throw unreadable(file, `${where} lists row ${number.toLocaleString('en-US')} after row ${after.toLocaleString('en-US')}: the file was not written by Excel, or is damaged`)
        after = number
        // Below the header only its columns count: a lone cell far right costs nothing.
        const cells = rowCells(row.values, headerRow ? headers.length : MAX_COLUMNS, (column, chars) => {
          throw unreadable(file, `${where}, cell ${columnLetter(column)}${number}, holds ${chars.toLocaleString('en-US')} characters, more than the ${MAX_CELL_CHARS.toLocaleString('en-US')} Excel allows in a cell`)
        })
        if (breather.due()) await breather.breathe()
        if (!headerRow) {
          // The header is the first row that fits, among the first few: a title block may sit above it.
          if (looked >= HEADER_SEARCH_ROWS || cells.every((c) => c === null || String(c).trim() === '')) continue
          looked++
          const texts = cells.map((c) => (c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim()))
          if (fits(texts)) {
            headerRow = number
            headers = texts
          }
          continue
        }
        rows.add(number, cells)
      }
      if (headerRow > 0) {
        table = { file, sheet: ws.name ?? name, headerRow, headers, rows: rows.rows, skipped }
        // Everything needed is read: the rest of the archive is left unread.
        break
      }
      skipped.push(name)
    }
  } catch (err) {
    if (err instanceof LedgerError) throw err
    const letters = COLUMN_LETTERS.exec((err as Error).message)?.[1]
    const cell = letters && sheetPart ? await findCellAddress(bytes, sheetPart, letters) : null
    throw unreadable(file, readFailure(err as Error, where, after, cell), err)
  } finally {
    input.destroy()
  }
  if (!table) {
    throw new LedgerError('validation_failed', `no sheet of ${excerpt(file, 120)} has the columns this import needs${skipped.length ? ` (looked at ${skipped.map((s) => excerpt(s, 60)).join(', ')})` : ''}`, [
      { path: 'file', message: 'no sheet with the needed columns' },
    ])
  }
  return table
}

/**
 * A row's cells (exceljs gives a 1-based sparse array), the first `width` of them; `tooLong` is
 * called for a text longer than a cell may hold.
 */
function rowCells(values: unknown, width: number, tooLong: (column: number, chars: number) => never): RawCell[] {
  const out: RawCell[] = []
  const list = Array.isArray(values) ? values : []
  const end = Math.min(list.length, width + 1)
  for (let i = 1; i < end; i++) {
    const cell = plainCell(list[i])
    if (typeof cell === 'string' && cell.length > MAX_CELL_CHARS) tooLong(i, cell.length)
    out.push(cell)
  }
  return out
}
