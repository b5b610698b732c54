/**
 * Rows of an operation import grouped into operations: the rows of one reference make one
 * operation, whose id comes from the Id column or, without it, from the file, sheet and row.
 */
import { createHash } from 'node:crypto'
import type { ImportKind } from '../../shared/import/kinds'
import type { ImportProblem } from '../../shared/import/report'
import type { ReadRow } from './rows'

export interface RowGroup {
  reference: string
  /** The operation's client id: stable across imports of the same file. */
  id: string
  rows: ReadRow[]
}

/** Derived ids start with this. */
export const DERIVED_ID_PREFIX = 'imp-'

/** The id of a group without an Id column: from the file, the sheet and the group's first row. */
export function derivedId(kind: ImportKind, file: string, sheet: string, firstRow: number): string {
  const key = createHash('sha256').update(`${kind}\u0000${file}\u0000${sheet}`).digest('hex').slice(0, 12)
  return `${DERIVED_ID_PREFIX}${key}-r${firstRow}`
}

/** Groups rows by reference, in order of first appearance; rows of one group must agree on their Id. */
export function groupRows(kind: ImportKind, rows: ReadRow[], file: string, sheet: string, idColumn: string | null, problems: ImportProblem[]): RowGroup[] {
  const groups = new Map<string, RowGroup>()
  for (const r of rows) {
    const reference = String(r.values.reference ?? '')
    let g = groups.get(reference)
    if (!g) {
      const id = r.values.id === undefined || r.values.id === null ? derivedId(kind, file, sheet, r.row) : String(r.values.id)
      groups.set(reference, (g = { reference, id, rows: [] }))
    } else if (r.values.id !== undefined && r.values.id !== null && String(r.values.id) !== g.id) {
      problems.push({
        sheet, row: r.row, column: idColumn, code: 'invalid_value',
        message: `Id ${r.values.id} differs from ${g.id}, the Id of reference ${reference}'s first row: one reference, one operation`,
      })
    }
    g.rows.push(r)
  }
  return [...groups.values()]
}
