/**
 * Imports of records, one row each: products, locations and partners (created or replaced), lots
 * (registered, or left as they are when the same). A refusal becomes the row's problems.
 */
import { z } from 'zod'
import { expiryFields, isIsoMonth } from '../../shared/expiry-precision'
import { Partner as PartnerCode, type Actor } from '../../shared/schemas/common'
import { LocationInput } from '../../shared/schemas/location'
import { LotInput } from '../../shared/schemas/lot'
import { PartnerInput } from '../../shared/schemas/partner'
import { ProductInput } from '../../shared/schemas/product'
import { registerLots } from '../domain/commands/lots'
import { putPartner } from '../domain/commands/partners'
import { putLocation, putProduct } from '../domain/commands/products'
import { locationDoc, partnerDoc, productDoc } from '../domain/docs'
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

/** A partner's code as the API's partner routes check it, on its column. */
const PartnerCodeRow = z.object({ partner: PartnerCode })

/** The kinds of import whose rows are records of their own. */
export type RecordKind = 'products' | 'locations' | 'partners' | 'lots'

/**
 * Partner kinds as people write them (`Farm`, `exempt supplier`) in the schema's spelling;
 * another word is left for the schema to refuse.
 */
function partnerKind(text: string | number | undefined): string | number | undefined {
  return typeof text === 'string' ? text.trim().toLowerCase().replace(/[\s-]+/g, '_') : text
}

/** `before` (or undefined) and `after` as documents, compared: what the row came to. */
function savedAs(created: boolean, before: string | undefined, after: string): Outcome {
  return { status: created ? 'created' : after === before ? 'unchanged' : 'updated' }
}

/** An Expiration value: a month only (`YYYY-MM`, from the cell or a barcode's YYMM00) is its last day with precision month. */
function expiryOf(value: string | number | undefined): { expirationDate: string | number | undefined; expirationPrecision?: 'month' } {
  return typeof value === 'string' && isIsoMonth(value) ? expiryFields(value) : { expirationDate: value }
}

/** Imports the one row `where` holds as a product, a location, a partner or a lot. */
export function recordRow(kind: RecordKind, ledger: Ledger, ws: WorkspaceState, by: Actor | null, where: Where): Outcome {
  const v: FieldValues = where.rows[0].values
  const given = (f: keyof FieldValues) => (v[f] === null || v[f] === undefined ? undefined : v[f])
  /** A field of master data: the cell's value when the file has its column, else what the record has. */
  const kept = <T>(f: keyof FieldValues, has: T | undefined) => (where.columns[f] === undefined ? (has ?? undefined) : given(f))
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
      return savedAs(created, before, JSON.stringify(productDoc(product)))
    }, where)
  }
  if (kind === 'locations') {
    const existing = ws.locations.get(String(v.location))
    const input = { name: v.name, kind: given('kind'), gln: kept('gln', existing?.gln), fdaRegistration: kept('fdaRegistration', existing?.fdaRegistration) }
    const parsed = LocationInput.safeParse(input, REPORT_INPUT)
    if (!parsed.success) return { problems: schemaProblems(parsed.error, where) }
    return attempt(() => {
      const before = existing && JSON.stringify(locationDoc(existing))
      const { location, created } = putLocation(ledger, ws, by, String(v.location), parsed.data)
      return savedAs(created, before, JSON.stringify(locationDoc(location)))
    }, where)
  }
  if (kind === 'partners') {
    const code = PartnerCodeRow.safeParse({ partner: v.partner }, REPORT_INPUT)
    if (!code.success) return { problems: schemaProblems(code.error, where) }
    const existing = ws.partners.get(code.data.partner)
    const parsed = PartnerInput.safeParse({
      name: v.name, kind: partnerKind(kept('kind', existing?.kind)), phone: kept('phone', existing?.phone), address: kept('address', existing?.address),
      gln: kept('gln', existing?.gln), fdaRegistration: kept('fdaRegistration', existing?.fdaRegistration),
    }, REPORT_INPUT)
    if (!parsed.success) return { problems: schemaProblems(parsed.error, where) }
    return attempt(() => {
      const before = existing && JSON.stringify(partnerDoc(existing))
      const { partner, created } = putPartner(ledger, ws, by, code.data.partner, parsed.data)
      return savedAs(created, before, JSON.stringify(partnerDoc(partner)))
    }, where)
  }
  const parsed = LotInput.safeParse({
    product: v.product, name: v.lot === null || v.lot === undefined ? v.lot : String(v.lot), ref: given('ref'), note: given('note'),
    ...expiryOf(given('expirationDate')), bestBeforeDate: given('bestBeforeDate'), removalDate: given('removalDate'), alertDate: given('alertDate'),
  }, REPORT_INPUT)
  const lots = { ...where, pathField: { name: 'lot' as const } }
  if (!parsed.success) return { problems: schemaProblems(parsed.error, lots) }
  return attempt(() => ({ status: registerLots(ledger, ws, by, [parsed.data])[0].created ? 'created' : 'unchanged' }), lots)
}
