/** Registering lots and serials by hand, and editing them. */
import type { Actor } from '../../../shared/schemas/common'
import type { LotInput, LotPatch } from '../../../shared/schemas/lot'
import { lotStoredDoc } from '../docs'
import type { ErrorDetail } from '../../../shared/schemas/error'
import { LedgerError, invalid, notFound, refuseOutOfRange } from '../errors'
import { DateOutOfRange } from '../../../shared/date-range'
import { computeLotDates, editLotDates, type DatesInput } from '../../../shared/expiry'
import { precisionProblem } from '../../../shared/expiry-precision'
import type { Ledger } from '../ledger'
import type { LotDoc } from '../records'
import { findLot, lotKey, type LotRec, type WorkspaceState } from '../state'

const DATE_FIELDS = ['expirationDate', 'bestBeforeDate', 'removalDate', 'alertDate'] as const
const TEXT_FIELDS = ['ref', 'note'] as const

/** The result of registering one lot: the lot and whether this call created it. */
export interface Registered {
  lot: LotRec
  created: boolean
}

/**
 * Registers lots (all or none). A lot that already exists with the same given fields is
 * answered as it is (a retry); with different ones, the batch fails with
 * `exists_with_different_fields` naming them. Dates not given are computed from today.
 */
export function registerLots(ledger: Ledger, ws: WorkspaceState, by: Actor | null, inputs: LotInput[], batch = false): Registered[] {
  const today = ledger.today(ws)
  const fresh = new Map<string, { doc: LotDoc; input: LotInput }>()
  const problems: ErrorDetail[] = []
  const conflicts: ErrorDetail[] = []
  const keys: string[] = []
  inputs.forEach((input, i) => {
    const at = batch ? `lots[${i}].` : ''
    const product = ws.products.get(input.product)
    if (!product) return problems.push({ path: `${at}product`, message: `unknown product ${input.product}` })
    if (product.tracking === 'none') {
      return problems.push({ path: `${at}product`, message: `product ${product.sku} is not tracked by lot or serial` })
    }
    const key = lotKey(product.sku, input.name)
    keys.push(key)
    const existing = product.lots.get(input.name)
    const earlier = fresh.get(key)
    const compareWith = existing ? lotStoredDoc(existing) : earlier?.doc
    if (compareWith) {
      for (const d of differences(compareWith, input)) conflicts.push({ path: `${at}${d.path}`, message: d.message })
      return
    }
    const explicit: DatesInput = {}
    for (const f of DATE_FIELDS) if (input[f] !== undefined) explicit[f] = input[f]
    const problem = precisionProblem(input.expirationDate, input.expirationPrecision)
    if (problem) return problems.push({ path: `${at}expirationPrecision`, message: problem })
    explicit.expirationPrecision = input.expirationPrecision
    let dates
    try {
      dates = computeLotDates(product.expiry, today, explicit)
    } catch (err) {
      // Only an explicit expiration date near either end of the range can put another date past it.
      if (err instanceof DateOutOfRange) return problems.push({ path: `${at}expirationDate`, message: err.message })
      throw err
    }
    const doc: LotDoc = { product: product.sku, name: input.name, ref: input.ref ?? null, note: input.note ?? null, ...dates }
    fresh.set(key, { doc, input })
  })
  if (problems.length) throw new LedgerError('validation_failed', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems)
  if (conflicts.length) {
    throw new LedgerError('exists_with_different_fields', `lot exists with different fields: ${conflicts.map((c) => c.path).join(', ')}`, conflicts)
  }
  if (fresh.size > 0) ledger.commit({ type: 'lots.saved', ws: ws.id, by, data: { lots: [...fresh.values()].map((f) => f.doc) } })
  const createdKeys = new Set(fresh.keys())
  const seen = new Set<string>()
  return keys.map((key, i) => {
    const created = createdKeys.has(key) && !seen.has(key)
    seen.add(key)
    return { lot: findLot(ws, inputs[i].product, inputs[i].name)!, created }
  })
}

/** Fields given in `input` that differ from the stored lot. */
function differences(stored: LotDoc, input: LotInput): ErrorDetail[] {
  const out: ErrorDetail[] = []
  for (const f of [...TEXT_FIELDS, ...DATE_FIELDS]) {
    const given = input[f]
    if (given !== undefined && (given ?? null) !== stored[f]) {
      out.push({ path: f, message: `is ${JSON.stringify(stored[f])}, not ${JSON.stringify(given ?? null)}` })
    }
  }
  const precision = stored.expirationPrecision ?? 'day'
  if (input.expirationPrecision !== undefined && input.expirationPrecision !== precision) {
    out.push({ path: 'expirationPrecision', message: `is ${JSON.stringify(precision)}, not ${JSON.stringify(input.expirationPrecision)}` })
  }
  return out
}

/**
 * Edits a lot. Its product never changes; its name changes only while it has no move; a new
 * expiration date shifts the other dates with it.
 */
export function patchLot(ledger: Ledger, ws: WorkspaceState, by: Actor | null, sku: string, name: string, patch: LotPatch): LotRec {
  const lot = findLot(ws, sku, name)
  if (!lot) throw notFound(`lot ${name} of product ${sku}`)
  if (patch.product !== undefined && patch.product !== sku) throw invalid('product', 'a lot never changes product')
  const doc: LotDoc = { ...lotStoredDoc(lot) }
  if (patch.name !== undefined && patch.name !== name) {
    if (lot.moveCount > 0) {
      throw new LedgerError('lot_has_moves', `lot ${name} has moves: its name can no longer change`, [
        { path: 'name', message: 'cannot change once the lot has moved' },
      ])
    }
    if (lot.product.lots.has(patch.name)) {
      throw new LedgerError('already_exists', `lot ${patch.name} of product ${sku} already exists`, [
        { path: 'name', message: 'already used for this product' },
      ])
    }
    doc.name = patch.name
    doc.previousName = name
  }
  for (const f of TEXT_FIELDS) if (patch[f] !== undefined) doc[f] = patch[f] ?? null
  const edit: DatesInput = {}
  for (const f of DATE_FIELDS) if (patch[f] !== undefined) edit[f] = patch[f]
  if (patch.expirationPrecision !== undefined) {
    const problem = precisionProblem(patch.expirationDate !== undefined ? patch.expirationDate : doc.expirationDate, patch.expirationPrecision)
    if (problem) throw invalid('expirationPrecision', problem)
    edit.expirationPrecision = patch.expirationPrecision
  }
  const dated = refuseOutOfRange('expirationDate', () => editLotDates(doc, lot.product.expiry, edit))
  // The edit's dates whole: a day expiration has no precision written.
  delete doc.expirationPrecision
  Object.assign(doc, dated)
  if (JSON.stringify(doc) !== JSON.stringify(lotStoredDoc(lot))) {
    ledger.commit({ type: 'lots.saved', ws: ws.id, by, data: { lots: [doc] } })
  }
  return lot
}
