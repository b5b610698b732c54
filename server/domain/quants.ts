/**
 * Quants: the stock of each (product, lot, location, package) in stock locations, kept up to date
 * as moves apply. A lot's quants are found on the lot, a product's quants without lot by
 * location and package; the workspace's are its products' together.
 */
import { isStockKind, type LocationRec, type LotRec, type ProductRec, type QuantRec, type WorkspaceState } from './state'

/** Key of a quant without lot in `ProductRec.looseQuants`. */
export function looseKey(location: string, pkg: string | null): string {
  return pkg === null ? location : `${location}\u0000${pkg}`
}

/** Adds to the quant of (product, lot, location, package); stock locations only. */
export function addToQuant(product: ProductRec, lot: LotRec | null, location: LocationRec, pkg: string | null, delta: number): void {
  if (!isStockKind(location.kind)) return
  let quant: QuantRec | undefined
  // A lot's quants are found on the lot, with no key to build: a receipt makes one per line.
  if (lot) quant = lot.quantAt(location, pkg)
  else quant = product.looseQuants.get(looseKey(location.code, pkg))
  if (!quant) {
    quant = { product, lot, location, package: pkg, qty: 0 }
    addQuant(quant)
  }
  quant.qty += delta
  if (quant.qty === 0) {
    product.quants.delete(quant)
    if (lot) lot.removeQuant(quant)
    else product.looseQuants.delete(looseKey(location.code, pkg))
  }
}

/** Adds a quant to its product's and lot's indexes. */
export function addQuant(quant: QuantRec): void {
  quant.product.quants.add(quant)
  if (quant.lot) quant.lot.addQuant(quant)
  else quant.product.looseQuants.set(looseKey(quant.location.code, quant.package), quant)
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
