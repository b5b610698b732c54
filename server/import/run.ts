/**
 * An import: rows read as a kind, turned into commands, and applied together or not at all.
 * Every row is checked before anything is kept: a problem anywhere (or a dry run) undoes it all,
 * and the answer lists every problem, in row order, with its sheet, row and column.
 */
import { dateInZone } from '../../shared/dates'
import { KINDS, type ImportKind } from '../../shared/import/kinds'
import type { ImportProblem, ImportReport } from '../../shared/import/report'
import type { Actor } from '../../shared/schemas/common'
import type { WorkspaceState } from '../domain/state'
import type { LedgerStore } from '../store/ledger-store'
import { Breather } from './breather'
import { shortened } from './excerpt'
import { groupRows } from './groups'
import { importOperations } from './operations'
import type { Where } from './problems'
import { recordRow, type Outcome, type RecordKind } from './record-rows'
import { checkRow, ImportProducts } from './row-checks'
import { readRows } from './rows'
import type { ImportTable } from './table'

/** Problems in row order (a problem of the whole file first), each row's in the order they were found. */
function inRowOrder(problems: ImportProblem[]): ImportProblem[] {
  return problems.map((p, i) => ({ p, i })).sort((a, b) => (a.p.row ?? 0) - (b.p.row ?? 0) || a.i - b.i).map((x) => x.p)
}

/**
 * Checks and (unless a dry run, or a problem anywhere) applies `table` as `kind`, all rows or none.
 * Without `keepCells` the table's rows are emptied once read.
 */
export async function runImport(
  store: LedgerStore, ws: WorkspaceState, by: Actor | null, kind: ImportKind, table: ImportTable,
  options: { dryRun: boolean; dateFormat: 'DMY' | 'MDY' | 'YMD'; keepCells?: boolean },
): Promise<ImportReport> {
  const ledger = store.ledger
  const read = await readRows(kind, table, options.dateFormat, dateInZone(ledger.clock.now(), ws.settings.timeZone))
  // Once read, the raw cells are needed only to annotate the workbook: let them go otherwise.
  if (!options.keepCells) table.rows = []
  let problems = [...read.problems]
  const counts = { created: 0, updated: 0, unchanged: 0 }
  /** Rows of operations or records that were there already. */
  const unchangedRows = new Set<number>()
  const products = new ImportProducts(ws)
  const breather = new Breather()
  for (const r of read.rows) {
    if (breather.due()) await breather.breathe()
    checkRow(kind, r, ws, products, table.sheet, read.columns, problems)
  }
  const { columns, headers } = read
  const finish = (outcome: Outcome, rows: number[]) => {
    if ('problems' in outcome) {
      problems.push(...outcome.problems)
      return
    }
    counts[outcome.status]++
    if (outcome.status === 'unchanged') for (const row of rows) unchangedRows.add(row)
  }
  const spec = KINDS[kind]
  const operations = spec.groupBy
    ? await importOperations(store, ws, by, kind, groupRows(read.rows, table.sheet, columns, problems), { sheet: table.sheet, columns, headers }, products, problems)
    : null

  const work = () => {
    if (operations) return operations.record(finish)
    const badRows = new Set(problems.map((p) => p.row))
    for (const r of read.rows) {
      if (badRows.has(r.row)) continue
      const where: Where = { sheet: table.sheet, rows: [r], columns, headers }
      finish(recordRow(kind as RecordKind, ledger, ws, by, where), [r.row])
    }
  }
  const label = `${spec.title} imported from ${table.file}${table.sheet && table.sheet !== table.file ? ` (${table.sheet})` : ''}`
  let applied = false
  ledger.atomically(ws.id, by, label, work, () => (applied = !options.dryRun && problems.length === 0))
  if (applied) await store.persist()

  problems = inRowOrder(problems)
  // A message quotes what a cell holds: a long one is cut in its middle.
  for (const p of problems) p.message = shortened(p.message)
  const problemsOfRow = new Map<number, string>()
  for (const p of problems) if (p.row !== null) problemsOfRow.set(p.row, [problemsOfRow.get(p.row), p.column ? `${p.column}: ${p.message}` : p.message].filter(Boolean).join('; '))
  const statuses = read.rows.map((r) => {
    const problem = problemsOfRow.get(r.row)
    if (problem) return { row: r.row, status: 'error' as const, message: problem }
    if (unchangedRows.has(r.row)) return { row: r.row, status: 'unchanged' as const, message: 'already imported' }
    return { row: r.row, status: 'ok' as const, message: applied ? 'imported' : problems.length ? 'ok, not imported (problems elsewhere)' : 'ok (dry run)' }
  })
  return {
    kind, file: table.file, sheet: table.sheet, dryRun: options.dryRun, applied, rows: read.rows.length,
    // With problems nothing happened, and nothing would: no counts.
    counts: problems.length ? { created: 0, updated: 0, unchanged: 0 } : counts,
    unknownColumns: read.unknown, skippedSheets: table.skipped, problems, statuses,
  }
}
