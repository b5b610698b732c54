/**
 * Pure preparation of a SheetModel for Excel: cell values, number formats, chunk plans and
 * indentation runs. No Office.js here, so all of it is testable in Node.
 */
import { excelDateCell, isIsoMonth } from '../../shared/dates'
import { DATE_FORMAT, DATETIME_FORMAT, MONTH_FORMAT, TITLE_ROWS, type CellValue, type SheetColumn, type SheetModel } from '../../shared/sheets/model'
import { columnLetter } from '../../shared/xlsx'

/** A value as written into a cell. */
export type ExcelCell = string | number | null

/** Request budget per sync: below Excel on the web's 5 MB request limit, with room for the envelope. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 4_000_000

/** What a chunk's request carries besides its values and formats (calls, object paths). */
export const CHUNK_OVERHEAD_BYTES = 2_000

/** Zero-based worksheet row of the table's header and of its first data row. */
export const HEADER_ROW = TITLE_ROWS
export const FIRST_DATA_ROW = TITLE_ROWS + 1

/** Text cells get the text format so that lot codes like `00123` or `1-2` are not turned into numbers or dates. */
export const TEXT_FORMAT = '@'

/**
 * One model row as cells: dates become Excel serial numbers, a month only (`YYYY-MM`) its last
 * day's (a value that is not an ISO date stays text).
 */
export function excelRow(row: CellValue[], columns: SheetColumn[]): ExcelCell[] {
  return columns.map((column, i) => {
    const v = row[i] ?? null
    return typeof v === 'string' && (column.kind === 'date' || column.kind === 'datetime') ? excelDateCell(v) : v
  })
}

/** Number format of each column; null leaves a number column on General. */
export function columnFormats(columns: SheetColumn[]): Array<string | null> {
  return columns.map((c) => (c.kind === 'date' ? DATE_FORMAT : c.kind === 'datetime' ? DATETIME_FORMAT : c.kind === 'text' ? TEXT_FORMAT : null))
}

/** The number formats of one row: its columns' (the same array), but the month format for a month-only date. */
export function rowFormats(row: CellValue[], columns: SheetColumn[], formats: Array<string | null>): Array<string | null> {
  let own: Array<string | null> | null = null
  for (let i = 0; i < columns.length; i++) {
    if (columns[i].kind === 'date' && isIsoMonth(row[i])) (own ??= [...formats])[i] = MONTH_FORMAT
  }
  return own ?? formats
}

/** Estimated request bytes of one row: its values and its formats as JSON, with separators. */
export function rowBytes(row: ExcelCell[], formats: Array<string | null>): number {
  return JSON.stringify(row).length + JSON.stringify(formats).length + 2
}

/**
 * End (exclusive) of the chunk starting at `start`: as many rows as fit `budget` bytes, at most
 * `maxRows`, and always at least one.
 */
export function chunkEnd(sizes: number[], start: number, budget: number, maxRows = Infinity): number {
  let end = start
  let bytes = 0
  while (end < sizes.length && end - start < maxRows && (end === start || bytes + sizes[end] <= budget)) bytes += sizes[end++]
  return end
}

/** Sizes of the model's rows as sent to Excel, the cells themselves and each row's number formats. */
export function prepareRows(model: SheetModel): { cells: ExcelCell[][]; formats: Array<Array<string | null>>; sizes: number[] } {
  const columns = columnFormats(model.columns)
  const formats = model.rows.map((r) => rowFormats(r, model.columns, columns))
  const cells = model.rows.map((r) => excelRow(r, model.columns))
  return { cells, formats, sizes: cells.map((r, i) => rowBytes(r, formats[i])) }
}

/** The chunks writeSheet sends when Excel accepts every request: `[start, end)` row ranges. */
export function planChunks(model: SheetModel, maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES): Array<[number, number]> {
  const { sizes } = prepareRows(model)
  const chunks: Array<[number, number]> = []
  for (let start = 0; start < sizes.length; ) {
    const end = chunkEnd(sizes, start, maxPayloadBytes - CHUNK_OVERHEAD_BYTES)
    chunks.push([start, end])
    start = end
  }
  return chunks
}

/** Excel's indent levels go from 0 to 250. */
export const MAX_INDENT = 250

/** Runs of rows with the same indentation level above 0 (level 0 is what a cleared cell has). */
export function indentRuns(levels: number[]): Array<{ start: number; count: number; level: number }> {
  const runs: Array<{ start: number; count: number; level: number }> = []
  for (let i = 0; i < levels.length; ) {
    const level = Math.max(0, Math.min(MAX_INDENT, Math.floor(levels[i] || 0)))
    let j = i + 1
    while (j < levels.length && Math.max(0, Math.min(MAX_INDENT, Math.floor(levels[j] || 0))) === level) j++
    if (level > 0) runs.push({ start: i, count: j - i, level })
    i = j
  }
  return runs
}

/**
 * Conditional-format formula for "date in `column` on or before today, not blank", relative to
 * the first data row (Excel shifts it down the range).
 */
export function dueFormula(column: number): string {
  const cell = `$${columnLetter(column + 1)}${FIRST_DATA_ROW + 1}`
  return `=AND(${cell}<>"",${cell}<=TODAY())`
}
