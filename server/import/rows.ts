/**
 * From a table's rows to the fields of a kind of import: which column holds which field, the
 * values read by their kind, and every problem with its sheet, row and column.
 */
import type { FieldName } from '../../shared/import/headers'
import { matchHeaders } from '../../shared/import/headers'
import { barcodeFills, KINDS, type ImportKind } from '../../shared/import/kinds'
export { headersFit } from '../../shared/import/kinds'
import { statusColumnOf } from '../../shared/import/status-text'
import { readCell, readExpiryCell, type DateFormat, type RawCell } from '../../shared/import/values'
import type { ImportProblem } from '../../shared/import/report'
import { columnLetter } from '../../shared/xlsx'
import { readBarcode } from './barcode'
import { Breather } from './breather'
import { excerpt } from './excerpt'
import type { ImportTable } from './table'


export type FieldValues = Partial<Record<FieldName, string | number | null>>

/** A row read: its values, and the column of each field (for problems). */
export interface ReadRow {
  row: number
  values: FieldValues
  /** The GTIN of the row's barcode: the product its product column names must have it. */
  barcodeGtin?: string
  /** The serial of a barcode that holds a lot too, when the lot cell was filled from it. */
  barcodeSerial?: string
}

export interface ReadResult {
  rows: ReadRow[]
  /** Field → column letter. */
  columns: Partial<Record<FieldName, string>>
  /** Field → its column's header as the file writes it (for messages). */
  headers: Partial<Record<FieldName, string>>
  /** Headers no field of the kind matched (reported, not fatal). */
  unknown: string[]
  problems: ImportProblem[]
}

/**
 * Reads every row of `table` as `kind`, collecting all problems. `today` (in the workspace's
 * zone) anchors GS1's century window for the dates of a Barcode column. Other requests are let
 * in every few milliseconds (see `Breather`).
 */
export async function readRows(kind: ImportKind, table: ImportTable, dateFormat: DateFormat, today: string): Promise<ReadResult> {
  const spec = KINDS[kind]
  const wanted = spec.columns.map((c) => c.field)
  // A Status column an earlier check wrote is the import's own: neither data nor an unknown column.
  const status = statusColumnOf(table.headers)
  const matched = matchHeaders(status === -1 ? table.headers : table.headers.map((h, i) => (i === status ? '' : h)), wanted)
  const byField = matched.columns
  // Reported back as they were written: a header of any length comes back as its start.
  const unknown = matched.unknown.map((h) => excerpt(h, 100))
  const problems: ImportProblem[] = []
  const columns: Partial<Record<FieldName, string>> = {}
  const headers: Partial<Record<FieldName, string>> = {}
  for (const c of spec.columns) {
    const index = byField[c.field]
    if (index !== undefined) {
      columns[c.field] = columnLetter(index + 1)
      headers[c.field] = excerpt(table.headers[index] || c.header, 60)
    } else if (c.required && !(byField.barcode !== undefined && barcodeFills(kind, c.field))) {
      problems.push({ sheet: table.sheet, row: table.headerRow, column: null, code: 'missing_column', message: `no "${c.header}" column (required)` })
    }
  }
  const rows: ReadRow[] = []
  if (problems.length) return { rows, columns, headers, unknown, problems }
  const barcodeAt = byField.barcode
  // Made once, not per row: making a function costs more than reading a row's cells.
  const problem = (row: number, index: number, code: ImportProblem['code'], message: string) =>
    problems.push({ sheet: table.sheet, row, column: columnLetter(index + 1), code, message })
  const breather = new Breather()
  for (const r of table.rows) {
    if (breather.due()) await breather.breathe()
    const values: FieldValues = {}
    const read: ReadRow = { row: r.row, values }
    const scanned = barcodeAt === undefined ? null : scannedCell(r.cells[barcodeAt] ?? null, today)
    if (scanned && 'problems' in scanned) problem(r.row, barcodeAt!, 'invalid_value', `${headers.barcode}: ${scanned.problems.join('; ')}`)
    const scan = scanned && 'values' in scanned ? scanned : null
    if (scan?.gtin) read.barcodeGtin = scan.gtin
    for (const c of spec.columns) {
      // Read above: its fields are the scan's.
      if (c.field === 'barcode') continue
      const index = byField[c.field]
      const fromScan = scan?.values[c.field]
      if (index === undefined) {
        if (fromScan !== undefined) values[c.field] = fromScan
        if (fromScan !== undefined && c.field === 'lot' && scan?.serial) read.barcodeSerial = scan.serial
        continue
      }
      const raw = r.cells[index] ?? null
      const cell = c.field === 'expirationDate' ? readExpiryCell(raw, dateFormat) : readCell(raw, c.value, dateFormat)
      if ('error' in cell) {
        problem(r.row, index, 'invalid_value', `${c.header}: ${cell.error}`)
        continue
      }
      if (cell.value === null && fromScan !== undefined) {
        values[c.field] = fromScan
        if (c.field === 'lot' && scan?.serial) read.barcodeSerial = scan.serial
        continue
      }
      if (cell.value === null && c.required) {
        problem(r.row, index, 'missing_value', `${c.header} is empty`)
        continue
      }
      // The product column may name the product by SKU or name: its GTIN is checked once found.
      // The cell keeps its value for the row's other checks.
      if (fromScan !== undefined && c.field !== 'product' && String(cell.value) !== String(fromScan)) {
        problem(r.row, index, 'invalid_value', `${headers[c.field]} says ${cell.value}, the barcode ${fromScan}`)
      }
      values[c.field] = cell.value
    }
    rows.push(read)
  }
  return { rows, columns, headers, unknown, problems }
}

/** A Barcode cell read: null when empty. */
function scannedCell(cell: RawCell, today: string): ReturnType<typeof readBarcode> | null {
  const text = readCell(cell, 'text', 'YMD')
  return 'value' in text && typeof text.value === 'string' && text.value ? readBarcode(text.value, today) : null
}
