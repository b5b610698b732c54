/**
 * Quants: the stock of each (product, lot, location, package) in stock locations, kept up to date
 * as moves apply. A product's quants are rows of its `ProductQuants`; a lot's are found on the
 * lot, a product's quants without lot by location and package; the workspace's are its products'
 * together.
 */
import type { Qty } from '../../shared/quantity'
import { isStockKind, type LocationRec, type LotRec, type ProductRec, type QuantRec, type WorkspaceState } from './state'

/** Key of a quant without lot in `ProductRec.looseQuants`. */
export function looseKey(location: string, pkg: string | null): string {
  return pkg === null ? location : `${location}\u0000${pkg}`
}

/** Adds to the quant of (product, lot, location, package); stock locations only. */
export function addToQuant(product: ProductRec, lot: LotRec | null, location: LocationRec, pkg: string | null, delta: number): void {
  if (!isStockKind(location.kind)) return
  // A lot's quants are found on the lot, with no key to build: a receipt makes one per line.
  let row = lot ? lot.quantRowAt(location, pkg) : product.looseQuants.rowOf(looseKey(location.code, pkg))
  if (row < 0) row = addQuant(product, lot, location, pkg, 0)
  if (product.quants.addQty(row, delta) === 0) {
    product.quants.remove(row)
    if (lot) lot.removeQuant(row)
    else product.looseQuants.delete(looseKey(location.code, pkg))
  }
}

/** Adds a quant to its product's and lot's indexes and returns its row in the product's quants. */
export function addQuant(product: ProductRec, lot: LotRec | null, location: LocationRec, pkg: string | null, qty: Qty): number {
  const row = product.quants.add(lot, location, pkg)
  product.quants.addQty(row, qty)
  if (lot) lot.addQuant(row)
  else product.looseQuants.set(looseKey(location.code, pkg), row)
  return row
}

/** Every quant of the workspace, product by product. */
export function* allQuants(ws: WorkspaceState): Generator<QuantRec> {
  for (const product of ws.products.values()) yield* product.quants
}

/** How many quants the workspace has. */
export function quantCount(ws: WorkspaceState): number {
  let n = 0
  for (const product of ws.products.values()) n += product.quants.size
  return n
}
