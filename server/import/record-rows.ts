/**
 * Imports of records, one row each: products and locations (created or replaced), lots
 * (registered, or left as they are when the same). A refusal becomes the row's problems.
 */
import type { Actor } from '../../shared/schemas/common'
import { LocationInput } from '../../shared/schemas/location'
import { LotInput } from '../../shared/schemas/lot'
import { ProductInput } from '../../shared/schemas/product'
import { registerLots } from '../domain/commands/lots'
import { putLocation, putProduct } from '../domain/commands/products'
import { locationDoc, productDoc } from '../domain/docs'
import { LedgerError } from '../domain/errors'
import type { Ledger } from '../domain/ledger'
import type { WorkspaceState } from '../domain/state'
import type { ImportProblem } from '../../shared/import/report'
import { REPORT_INPUT, refusalProblems, schemaProblems, type Where } from './problems'
import type { FieldValues } from './rows'

/** What a row or an operation came to. */
export type Outcome = { status: 'created' | 'updated' | 'unchanged' } | { problems: ImportProblem[] }

/** Runs one command; a refusal becomes problems instead of an exception. */
export function attempt(run: () => Outcome, where: Where): Outcome {
  try {
    return run()
  } catch (err) {
    if (err instanceof LedgerError && err.code !== 'internal') return { problems: refusalProblems(err, where) }
    throw err
  }
}

const YES_NO = new Map<string, boolean>([['yes', true], ['y', true], ['true', true], ['1', true], ['x', true], ['no', false], ['n', false], ['false', false], ['0', false]])

/** Imports the one row `where` holds as a product, a location or a lot. */
export function recordRow(kind: 'products' | 'locations' | 'lots', ledger: Ledger, ws: WorkspaceState, by: Actor | null, where: Where): Outcome {
  const v: FieldValues = where.rows[0].values
  const given = (f: keyof FieldValues) => (v[f] === null || v[f] === undefined ? undefined : v[f])
  if (kind === 'products') {
    const days = ['expirationDays', 'bestBeforeDays', 'removalDays', 'alertDays'] as const
    const expiry = given('expirationDays') === undefined ? undefined : Object.fromEntries(days.filter((d) => given(d) !== undefined).map((d) => [d, v[d]]))
    const ftl = given('foodTraceabilityList')
    // yes/no as people write it; any other word is refused on its cell.
    const onList = typeof ftl === 'string' ? YES_NO.get(ftl.trim().toLowerCase()) : ftl
    if (typeof ftl === 'string' && onList === undefined) {
      const refusal = new LedgerError('validation_failed', 'not on or off the list', [{ path: 'foodTraceabilityList', message: `must be yes or no, not "${ftl}"` }])
      return { problems: refusalProblems(refusal, where) }
    }
    const parsed = ProductInput.safeParse({ name: v.name, uom: given('uom'), tracking: given('tracking'), gtin: given('gtin'), expiry, foodTraceabilityList: onList }, REPORT_INPUT)
    if (!parsed.success) return { problems: schemaProblems(parsed.error, where) }
    return attempt(() => {
      const existing = ws.products.get(String(v.product))
      const before = existing && JSON.stringify(productDoc(existing))
      const { product, created } = putProduct(ledger, ws, by, String(v.product), parsed.data)
      return { status: created ? 'created' : JSON.stringify(productDoc(product)) === before ? 'unchanged' : 'updated' }
    }, where)
  }
  if (kind === 'locations') {
    const parsed = LocationInput.safeParse({ name: v.name, kind: given('kind') }, REPORT_INPUT)
    if (!parsed.success) return { problems: schemaProblems(parsed.error, where) }
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
  }, REPORT_INPUT)
  const lots = { ...where, pathField: { name: 'lot' as const } }
  if (!parsed.success) return { problems: schemaProblems(parsed.error, lots) }
  return attempt(() => ({ status: registerLots(ledger, ws, by, [parsed.data])[0].created ? 'created' : 'unchanged' }), lots)
}
