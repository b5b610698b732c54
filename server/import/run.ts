/**
 * An import: rows read as a kind, turned into commands, and applied together or not at all.
 * Every row is checked before anything is kept: a problem anywhere (or a dry run) undoes it all,
 * and the answer lists every problem with its sheet, row and column.
 */
import type { z } from 'zod'
import { KINDS, type ImportKind } from '../../shared/import/kinds'
import type { Actor } from '../../shared/schemas/common'
import { LocationInput } from '../../shared/schemas/location'
import { LotInput } from '../../shared/schemas/lot'
import { OperationInput } from '../../shared/schemas/operation'
import { ProductInput } from '../../shared/schemas/product'
import { registerLots } from '../domain/commands/lots'
import { putLocation, putProduct } from '../domain/commands/products'
import { locationDoc, productDoc } from '../domain/docs'
import type { ErrorCode, ErrorDetail } from '../../shared/schemas/error'
import { LedgerError } from '../domain/errors'
import type { Ledger } from '../domain/ledger'
import { diffFields } from '../domain/operations/diff'
import { fingerprint } from '../domain/operations/fingerprint'
import { recordOperation } from '../domain/operations/record'
import type { WorkspaceState } from '../domain/state'
import type { LedgerStore } from '../store/ledger-store'
import { shortened } from './excerpt'
import { groupRows, type RowGroup } from './groups'
import { badRoles, operationFromRows } from './operation-rows'
import { readRows, type FieldValues, type ReadRow } from './rows'
import type { ImportProblem, ImportReport } from '../../shared/import/report'
import type { ImportTable } from './table'


type Where = { sheet: string; rows: number[]; rowsOf?: Record<string, number[]>; columns: Partial<Record<string, string>> }

/** Problems of a refused command, each on its row and column. */
function problemsOf(err: LedgerError, where: Where, pathField: Record<string, string> = {}): ImportProblem[] {
  const details: ErrorDetail[] = err.details ?? [{ path: '', message: err.message }]
  return details.map((d) => {
    const m = /^(lines|consume|produce)\[(\d+)\](?:\.(\w+))?/.exec(d.path)
    const row = m && where.rowsOf ? (where.rowsOf[m[1]]?.[Number(m[2])] ?? where.rows[0]) : where.rows[0]
    let field = (m ? m[3] : d.path.split(/[.[]/)[0]) || FIELD_OF_CODE[err.code]
    field = field === 'serials' ? 'lot' : (Object.entries(pathField).find(([, p]) => p === field)?.[0] ?? field)
    return { sheet: where.sheet, row, column: (field && where.columns[field]) || null, code: err.code, message: d.message || err.message }
  })
}

function zodProblems(error: z.ZodError, where: Where, pathField: Record<string, string> = {}): ImportProblem[] {
  const details = error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '').replace(/\.\[/g, '['), message: i.message }))
  return problemsOf(new LedgerError('validation_failed', 'invalid row', details), where, pathField)
}

type Outcome = { status: 'created' | 'updated' | 'unchanged' } | { problems: ImportProblem[] }

/** Where a refusal's code points when its path names no field. */
const FIELD_OF_CODE: Partial<Record<ErrorCode, string>> = { insufficient_stock: 'qty', serial_in_stock: 'lot', lot_expired: 'lot', lot_required: 'lot' }

const LOCATION_FIELDS = ['from', 'to', 'location'] as const

function problemAt(out: ImportProblem[], sheet: string, row: number, columns: Partial<Record<string, string>>, field: string, code: ErrorCode, message: string): void {
  out.push({ sheet, row, column: columns[field] ?? null, code, message })
}

/**
 * Checks of one row that need no planning (unknown product or location, a lot where tracking
 * wants one or none), so that every row's own mistakes are reported, not only a group's first.
 */
function rowChecks(kind: ImportKind, r: ReadRow, ws: WorkspaceState, sheet: string, columns: Partial<Record<string, string>>, out: ImportProblem[]): void {
  const sku = r.values.product
  const product = sku === undefined || sku === null ? undefined : ws.products.get(String(sku))
  if (kind !== 'products' && sku !== undefined && sku !== null && !product) problemAt(out, sheet, r.row, columns, 'product', 'validation_failed', `unknown product ${sku}`)
  for (const f of LOCATION_FIELDS) {
    const code = r.values[f]
    if (kind !== 'locations' && code !== undefined && code !== null && !ws.locations.has(String(code))) problemAt(out, sheet, r.row, columns, f, 'validation_failed', `unknown location ${code}`)
  }
  if (product && KINDS[kind].groupBy && kind !== 'adjustments') {
    const lot = r.values.lot
    if (product.tracking !== 'none' && (lot === undefined || lot === null)) {
      problemAt(out, sheet, r.row, columns, 'lot', 'lot_required', `${product.sku} is tracked by ${product.tracking === 'serial' ? 'serial number' : 'lot'}: give the ${product.tracking === 'serial' ? 'serial' : 'lot'}`)
    } else if (product.tracking === 'none' && lot !== undefined && lot !== null) problemAt(out, sheet, r.row, columns, 'lot', 'validation_failed', `${product.sku} is not tracked by lot or serial`)
  }
  if (kind === 'lots' && product && product.tracking === 'none') problemAt(out, sheet, r.row, columns, 'product', 'validation_failed', `${product.sku} is not tracked by lot or serial`)
}

/** Runs one command; a refusal becomes problems instead of an exception. */
function attempt(run: () => Outcome, where: Where, pathField?: Record<string, string>): Outcome {
  try {
    return run()
  } catch (err) {
    if (err instanceof LedgerError && err.code !== 'internal') return { problems: problemsOf(err, where, pathField) }
    throw err
  }
}

function rowCommand(kind: 'products' | 'locations' | 'lots', ledger: Ledger, ws: WorkspaceState, by: Actor | null, r: ReadRow, where: Where): Outcome {
  const v: FieldValues = r.values
  const given = (f: keyof FieldValues) => (v[f] === null || v[f] === undefined ? undefined : v[f])
  if (kind === 'products') {
    const days = ['expirationDays', 'bestBeforeDays', 'removalDays', 'alertDays'] as const
    const expiry = given('expirationDays') === undefined ? undefined : Object.fromEntries(days.filter((d) => given(d) !== undefined).map((d) => [d, v[d]]))
    const parsed = ProductInput.safeParse({ name: v.name, uom: given('uom'), tracking: given('tracking'), gtin: given('gtin'), expiry })
    if (!parsed.success) return { problems: zodProblems(parsed.error, where) }
    return attempt(() => {
      const existing = ws.products.get(String(v.product))
      const before = existing && JSON.stringify(productDoc(existing))
      const { product, created } = putProduct(ledger, ws, by, String(v.product), parsed.data)
      return { status: created ? 'created' : JSON.stringify(productDoc(product)) === before ? 'unchanged' : 'updated' }
    }, where)
  }
  if (kind === 'locations') {
    const parsed = LocationInput.safeParse({ name: v.name, kind: given('kind') })
    if (!parsed.success) return { problems: zodProblems(parsed.error, where) }
    return attempt(() => {
      const existing = ws.locations.get(String(v.location))
      const before = existing && JSON.stringify(locationDoc(existing))
      const { location, created } = putLocation(ledger, ws, by, String(v.location), parsed.data)
      return { status: created ? 'created' : JSON.stringify(locationDoc(location)) === before ? 'unchanged' : 'updated' }
    }, where)
  }
  const parsed = LotInput.safeParse({
    product: v.product, name: v.lot === null || v.lot === undefined ? v.lot : String(v.lot), ref: given('ref'), note: given('note'),
    expirationDate: given('expirationDate'), bestBeforeDate: given('bestBeforeDate'), removalDate: given('removalDate'), alertDate: given('alertDate'),
  })
  const lotPaths = { lot: 'name' }
  if (!parsed.success) return { problems: zodProblems(parsed.error, where, lotPaths) }
  return attempt(() => ({ status: registerLots(ledger, ws, by, [parsed.data])[0].created ? 'created' : 'unchanged' }), where, lotPaths)
}

/** The stored hash and request of operations that already exist (a file imported before). */
async function storedOperations(store: LedgerStore, ws: WorkspaceState, ids: string[]): Promise<Map<string, { hash: string; request: unknown }>> {
  const out = new Map<string, { hash: string; request: unknown }>()
  const existing = ids.map((id) => ws.operations.get(id)).filter((op) => op !== undefined)
  const records = await store.records([...new Set(existing.map((op) => op.seq))])
  for (const rec of records) {
    const parts = rec.type === 'batch' ? rec.data.parts : [rec]
    for (const p of parts) if (p.type === 'operation.recorded') out.set(p.data.result.operation.id, { hash: p.data.hash, request: p.data.result.operation.request })
  }
  return out
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
  const read = readRows(kind, table, options.dateFormat)
  // Once read, the raw cells are needed only to annotate the workbook: let them go otherwise.
  if (!options.keepCells) table.rows = []
  const problems = [...read.problems]
  const counts = { created: 0, updated: 0, unchanged: 0 }
  /** Rows of operations or records that were there already. */
  const unchangedRows = new Set<number>()
  for (const r of read.rows) rowChecks(kind, r, ws, table.sheet, read.columns, problems)
  const badRows = new Set(problems.map((p) => p.row))
  const columns = read.columns
  const finish = (outcome: Outcome, rows: number[]) => {
    if ('problems' in outcome) {
      problems.push(...outcome.problems)
      for (const row of rows) badRows.add(row)
      return
    }
    counts[outcome.status]++
    if (outcome.status === 'unchanged') for (const row of rows) unchangedRows.add(row)
  }
  const spec = KINDS[kind]
  const groups: RowGroup[] = spec.groupBy ? groupRows(kind, read.rows, table.file, table.sheet, read.columns.id ?? null, problems) : []
  const stored = spec.groupBy ? await storedOperations(store, ws, groups.map((g) => g.id)) : new Map()

  const work = () => {
    if (!spec.groupBy) {
      for (const r of read.rows) {
        if (badRows.has(r.row)) continue
        const where = { sheet: table.sheet, rows: [r.row], columns }
        finish(rowCommand(kind as 'products' | 'locations' | 'lots', ledger, ws, by, r, where), [r.row])
      }
      return
    }
    for (const g of groups) {
      const rows = g.rows.map((r) => r.row)
      if (rows.some((row) => badRows.has(row))) continue
      if (kind === 'production') {
        const bad = badRoles(g)
        if (bad.length) {
          finish({ problems: bad.map((r) => ({ sheet: table.sheet, row: r.row, column: read.columns.role ?? null, code: 'invalid_value', message: `Consume/Produce must be consume or produce, not "${r.values.role ?? ''}"` })) }, rows)
          continue
        }
      }
      const draft = operationFromRows(kind, g, ws.products)
      const where: Where = { sheet: table.sheet, rows, rowsOf: draft.rowsOf, columns }
      if (draft.conflicts.length) {
        finish({ problems: draft.conflicts.map((c) => ({ sheet: table.sheet, row: c.row, column: read.columns[c.field] ?? null, code: 'invalid_value', message: c.message })) }, rows)
        continue
      }
      const parsed = OperationInput.safeParse(draft.input)
      if (!parsed.success) {
        finish({ problems: zodProblems(parsed.error, where) }, rows)
        continue
      }
      const before = stored.get(g.id)
      if (before) {
        // Imported before: the same content is a replay; other content under the same id is refused.
        if (before.hash === fingerprint(parsed.data)) finish({ status: 'unchanged' }, rows)
        else {
          const details = diffFields(before.request, parsed.data)
          finish({ problems: problemsOf(new LedgerError('exists_with_different_fields', `operation ${g.id} was imported before with other content`, details.map((d) => ({ path: d.path, message: `${d.path}: ${d.message} since the last import` }))), where) }, rows)
        }
        continue
      }
      finish(attempt(() => (recordOperation(ledger, ws, by, parsed.data).kind === 'created' ? { status: 'created' } : { status: 'unchanged' }), where), rows)
    }
  }
  const label = `${spec.title} imported from ${table.file}${table.sheet && table.sheet !== table.file ? ` (${table.sheet})` : ''}`
  let applied = false
  ledger.atomically(ws.id, by, label, work, () => (applied = !options.dryRun && problems.length === 0))
  if (applied) await store.persist()

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

