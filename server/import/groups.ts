/**
 * Rows of an operation import grouped into operations: the rows of one reference and one date
 * make one operation, wherever they sit in the file. A running sheet may hold PO-1042's first
 * delivery and, weeks later, its second: two operations. Rows of a reference that give no date
 * belong with the others when those give one date; when they give several, which one is meant
 * is asked for, not guessed.
 */
import type { FieldName } from '../../shared/import/headers'
import type { ImportProblem } from '../../shared/import/report'
import type { ReadRow } from './rows'

export interface RowGroup {
  reference: string
  /** The date its rows give, or null when none does. */
  date: string | null
  /** The Id its rows give (the Id column), or null: the operation's id then comes from what it says. */
  id: string | null
  rows: ReadRow[]
}

const given = (v: unknown): string | null => (v === undefined || v === null || v === '' ? null : String(v))

/** Groups `rows` by reference and date, in order of first appearance; rows of one group must agree on their Id. */
export function groupRows(rows: ReadRow[], sheet: string, columns: Partial<Record<FieldName, string>>, problems: ImportProblem[]): RowGroup[] {
  const dates = new Map<string, Set<string>>()
  for (const r of rows) {
    const date = given(r.values.date)
    if (date === null) continue
    const reference = String(r.values.reference ?? '')
    dates.set(reference, (dates.get(reference) ?? new Set()).add(date))
  }
  const groups = new Map<string, RowGroup>()
  for (const r of rows) {
    const reference = String(r.values.reference ?? '')
    let date = given(r.values.date)
    if (date === null) {
      const known = [...(dates.get(reference) ?? [])]
      if (known.length > 1) {
        problems.push({
          sheet, row: r.row, column: columns.date ?? null, code: 'missing_value',
          message: `rows of ${reference} are dated ${known.slice(0, 3).join(', ')}${known.length > 3 ? '…' : ''}: give this row's date (the rows of one reference and date make one operation)`,
        })
        continue
      }
      date = known[0] ?? null
    }
    const key = `${reference}\u0000${date ?? ''}`
    let g = groups.get(key)
    if (!g) groups.set(key, (g = { reference, date, id: null, rows: [] }))
    const id = given(r.values.id)
    if (id !== null) {
      if (g.id === null) g.id = id
      else if (id !== g.id) {
        problems.push({
          sheet, row: r.row, column: columns.id ?? null, code: 'invalid_value',
          message: `Id ${id} differs from ${g.id}, the Id of ${reference}${date ? ` of ${date}` : ''}'s other rows: one operation, one Id`,
        })
      }
    }
    g.rows.push(r)
  }
  return [...groups.values()]
}
