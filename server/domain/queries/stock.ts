/** What is on hand where, and which lots to pick first. */
import { qtyToNumber, unitsToQty } from '../../../shared/quantity'
import { isExpiredOn } from '../../../shared/expiry'
import type { FefoAnswer, FefoPick, Quant } from '../../../shared/schemas/queries'
import { notFound } from '../errors'
import { allQuants } from '../quants'
import { findLot, isWithin, type QuantRec, type WorkspaceState } from '../state'

export interface StockFilter {
  product?: string
  lot?: string
  location?: string
}

function quantDoc(q: QuantRec): Quant {
  return {
    product: q.product.sku, lot: q.lot?.name ?? null, location: q.location.code, package: q.package,
    qty: qtyToNumber(q.qty), uom: q.product.uom,
    expirationDate: q.lot?.expirationDate ?? null, alertDate: q.lot?.alertDate ?? null,
    ...(q.lot?.expirationPrecision === 'month' ? { expirationPrecision: 'month' as const } : {}),
  }
}

function byPlace(a: QuantRec, b: QuantRec): number {
  return (
    a.product.sku.localeCompare(b.product.sku) ||
    (a.lot?.name ?? '').localeCompare(b.lot?.name ?? '') ||
    a.location.code.localeCompare(b.location.code) ||
    (a.package ?? '').localeCompare(b.package ?? '')
  )
}

/** Quants in stock locations; a location filter includes the locations inside it. */
export function stock(ws: WorkspaceState, f: StockFilter): Quant[] {
  const product = f.product === undefined ? undefined : ws.products.get(f.product)
  if (f.product !== undefined && !product) throw notFound(`product ${f.product}`)
  if (f.location !== undefined && !ws.locations.has(f.location)) throw notFound(`location ${f.location}`)
  let source: Iterable<QuantRec>
  if (f.lot !== undefined && product) {
    const lot = findLot(ws, product.sku, f.lot)
    if (!lot) throw notFound(`lot ${f.lot} of product ${product.sku}`)
    source = lot.quants
  } else source = product ? product.quants : allQuants(ws)
  const out: QuantRec[] = []
  for (const q of source) {
    if (f.lot !== undefined && q.lot?.name !== f.lot) continue
    if (f.location !== undefined && !isWithin(q.location.code, f.location)) continue
    out.push(q)
  }
  return out.sort(byPlace).map(quantDoc)
}

const LAST = '\uffff'

/**
 * Lots to pick first-expiring first: by removal date, then expiration date, then the date the
 * lot came in; expired lots are left out. Picks stop once `qty` is covered.
 */
export function fefo(ws: WorkspaceState, today: string, f: { product: string; qty?: number; location?: string }): FefoAnswer {
  const product = ws.products.get(f.product)
  if (!product) throw notFound(`product ${f.product}`)
  const within = f.location ?? 'WH/Stock'
  if (!ws.locations.has(within)) throw notFound(`location ${within}`)
  const candidates: QuantRec[] = []
  const expired: QuantRec[] = []
  for (const q of product.quants) {
    if (q.qty <= 0 || !isWithin(q.location.code, within)) continue
    if (q.lot && isExpiredOn(q.lot, today)) expired.push(q)
    else candidates.push(q)
  }
  candidates.sort(
    (a, b) =>
      (a.lot?.removalDate ?? LAST).localeCompare(b.lot?.removalDate ?? LAST) ||
      (a.lot?.expirationDate ?? LAST).localeCompare(b.lot?.expirationDate ?? LAST) ||
      (a.lot?.firstIn ?? LAST).localeCompare(b.lot?.firstIn ?? LAST) ||
      byPlace(a, b),
  )
  const wanted = f.qty === undefined ? Infinity : unitsToQty(f.qty)
  const picks: FefoPick[] = []
  let covered = 0
  for (const q of candidates) {
    if (covered >= wanted) break
    const take = Math.min(q.qty, wanted - covered)
    covered += take
    picks.push({
      ...quantDoc(q), qty: qtyToNumber(take), removalDate: q.lot?.removalDate ?? null,
    })
  }
  return {
    product: product.sku,
    requested: f.qty ?? null,
    picks,
    available: qtyToNumber(covered),
    shortfall: wanted === Infinity ? 0 : qtyToNumber(wanted - covered),
    expired: expired.sort(byPlace).map(quantDoc),
  }
}
