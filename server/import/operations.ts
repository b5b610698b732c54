/**
 * The operations of an import: each group of rows made into an operation and checked before the
 * ledger is touched, then recognised (already imported, edited, or new) and recorded. A group
 * with rows at fault is still checked without them, so that the problems of its other rows are
 * reported too, not hidden by the first.
 */
import type { z } from 'zod'
import type { ImportKind } from '../../shared/import/kinds'
import type { ImportProblem } from '../../shared/import/report'
import type { Actor } from '../../shared/schemas/common'
import { OperationInput } from '../../shared/schemas/operation'
import { recordOperation } from '../domain/operations/record'
import type { WorkspaceState } from '../domain/state'
import type { LedgerStore } from '../store/ledger-store'
import { Breather } from './breather'
import { editProblems, operationLabel } from './edits'
import type { RowGroup } from './groups'
import { contentOf, type Content } from './identity'
import { badRoles, operationFromRows } from './operation-rows'
import { REPORT_INPUT, schemaProblems, type Where } from './problems'
import { KnownOperations } from './recognise'
import { attempt, type Outcome } from './record-rows'
import type { ImportProducts } from './row-checks'

/** An operation ready to be recorded: what its rows say, checked by the API's schema. */
interface Checked {
  group: RowGroup
  where: Where
  input: OperationInput
  content: Content
  /** Some of its rows have problems: it is checked for the others' sake, never kept. */
  partial: boolean
}

/** The id a group without Id column is checked under (its own comes from its content once checked). */
const CHECKING_ID = 'imp-checking'

/** Where an operation's problems go, but for its rows. */
export type Place = Omit<Where, 'rows' | 'rowsOf'>

/** The rows of `error`'s issues that are about one line each; null when an issue is about the whole operation. */
function lineRows(error: z.ZodError, rowsOf: Record<string, number[]>): Set<number> | null {
  const rows = new Set<number>()
  for (const issue of error.issues) {
    const [section, index] = issue.path
    const row = typeof section === 'string' && typeof index === 'number' ? rowsOf[section]?.[index] : undefined
    if (row === undefined) return null
    rows.add(row)
  }
  return rows
}

/**
 * `group` (its rows at fault left out already) checked as an operation of `kind`, or null when
 * nothing of it can be. Rows the schema refuses are reported and left out in turn, and the rest
 * checked again: one row's negative quantity must not hide another row's missing stock.
 */
function checkGroup(kind: ImportKind, group: RowGroup, ws: WorkspaceState, place: Place, products: ImportProducts, problems: ImportProblem[]): Checked | null {
  let rows = group.rows
  let partial = false
  if (kind === 'production') {
    const roles = new Set(badRoles({ ...group, rows }))
    for (const r of roles) problems.push({ sheet: place.sheet, row: r.row, column: place.columns.role ?? null, code: 'invalid_value', message: `${place.headers.role ?? 'Consume/Produce'} must be consume or produce, not "${r.values.role ?? ''}"` })
    if (roles.size) (rows = rows.filter((r) => !roles.has(r))), (partial = true)
  }
  for (let first = true; rows.length; first = false) {
    const draft = operationFromRows(kind, { ...group, rows }, ws.products, (p) => products.sku(p))
    const where: Where = { ...place, rows, rowsOf: draft.rowsOf }
    // Rows at odds with the first on the partner are said once, not again as others are left out.
    for (const c of first ? draft.conflicts : []) {
      const header = place.headers[c.field] ?? c.field
      problems.push({ sheet: place.sheet, row: c.row, column: place.columns[c.field] ?? null, code: 'invalid_value', message: `${header} is "${String(c.value)}" here but "${String(c.first)}" on the other rows of ${group.reference}: the rows of one operation give one ${header}` })
      partial = true
    }
    const parsed = OperationInput.safeParse({ ...draft.input, id: group.id ?? CHECKING_ID }, REPORT_INPUT)
    if (parsed.success) return { group, where, input: parsed.data, content: contentOf(parsed.data, draft.rowsOf), partial }
    problems.push(...schemaProblems(parsed.error, where))
    const refused = lineRows(parsed.error, draft.rowsOf)
    if (!refused) return null
    rows = rows.filter((r) => !refused.has(r.row))
    partial = true
  }
  return null
}

/**
 * Checks `groups` as operations of `kind`, adding their problems to `problems`; `record` then
 * records them (inside the import's atomic step), telling `finish` what each came to.
 */
export async function importOperations(
  store: LedgerStore, ws: WorkspaceState, by: Actor | null, kind: ImportKind, groups: RowGroup[], place: Place,
  products: ImportProducts, problems: ImportProblem[],
): Promise<{ record(finish: (outcome: Outcome, rows: number[]) => void): void }> {
  const bad = new Set(problems.map((p) => p.row))
  const checked: Checked[] = []
  const breather = new Breather()
  for (const group of groups) {
    if (breather.due()) await breather.breathe()
    const one = checkGroup(kind, { ...group, rows: group.rows.filter((r) => !bad.has(r.row)) }, ws, place, products, problems)
    if (one) checked.push({ ...one, partial: one.partial || one.where.rows.length < group.rows.length })
  }
  const known = await KnownOperations.load(store, ws, checked.map((c) => ({ id: c.group.id, content: c.content })))

  return {
    record(finish) {
      /** Ids given in this file, with the operation each was given to. */
      const given = new Map<string, string>()
      for (const c of checked) {
        const rows = c.where.rows.map((r) => r.row)
        const recognised = known.recognise({ id: c.group.id, content: c.content })
        if (c.partial) {
          // Planned only for the problems of its other rows; one in the ledger already is not planned again.
          if (recognised.kind === 'new') finish(attempt(() => (recordOperation(store.ledger, ws, by, { ...c.input, id: recognised.id }), { problems: [] }), c.where), rows)
          continue
        }
        if (recognised.kind === 'imported') finish({ status: 'unchanged' }, rows)
        else if (recognised.kind === 'edited') finish({ problems: editProblems(recognised.before, c.content, c.where) }, rows)
        else {
          const other = given.get(recognised.id)
          if (other !== undefined) {
            finish({ problems: [{ sheet: c.where.sheet, row: rows[0], column: c.where.columns.id ?? null, code: 'invalid_value', message: `Id ${recognised.id} is given to ${other} too: one Id, one operation` }] }, rows)
            continue
          }
          given.set(recognised.id, operationLabel(c.content))
          finish(attempt(() => (recordOperation(store.ledger, ws, by, { ...c.input, id: recognised.id }).kind === 'created' ? { status: 'created' } : { status: 'unchanged' }), c.where), rows)
        }
      }
    },
  }
}
