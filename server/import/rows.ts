/**
 * From a table's rows to the fields of a kind of import: which column holds which field, the
 * values read by their kind, and every problem with its sheet, row and column.
 */
import type { FieldName } from '../../shared/import/headers'
import { matchHeaders } from '../../shared/import/headers'
import { KINDS, type ImportKind } from '../../shared/import/kinds'
export { headersFit } from '../../shared/import/kinds'
import { statusColumnOf } from '../../shared/import/status-text'
import { readCell, type DateFormat } from '../../shared/import/values'
import type { ImportProblem } from '../../shared/import/report'
import { columnLetter } from '../../shared/xlsx'
import { excerpt } from './excerpt'
import type { ImportTable } from './table'


export type FieldValues = Partial<Record<FieldName, string | number | null>>

/** A row read: its values, and the column of each field (for problems). */
export interface ReadRow {
  row: number
  values: FieldValues
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

/** Reads every row of `table` as `kind`, collecting all problems. */
export function readRows(kind: ImportKind, table: ImportTable, dateFormat: DateFormat): ReadResult {
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
    } else if (c.required) {
      problems.push({ sheet: table.sheet, row: table.headerRow, column: null, code: 'missing_column', message: `no "${c.header}" column (required)` })
    }
  }
  const rows: ReadRow[] = []
  if (problems.length) return { rows, columns, headers, unknown, problems }
  for (const r of table.rows) {
    const values: FieldValues = {}
    for (const c of spec.columns) {
      const index = byField[c.field]
      if (index === undefined) continue
      const read = readCell(r.cells[index] ?? null, c.value, dateFormat)
      if ('error' in read) {
        problems.push({ sheet: table.sheet, row: r.row, column: columnLetter(index + 1), code: 'invalid_value', message: `${c.header}: ${read.error}` })
        continue
      }
      if (read.value === null && c.required) {
        problems.push({ sheet: table.sheet, row: r.row, column: columnLetter(index + 1), code: 'missing_value', message: `${c.header} is empty` })
        continue
      }
      values[c.field] = read.value
    }
    rows.push({ row: r.row, values })
  }
  return { rows, columns, headers, unknown, problems }
}
