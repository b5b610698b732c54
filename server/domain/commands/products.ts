/** Products and locations: master data that admins maintain. */
import { normalizeGtin } from '../../../shared/gtin'
import type { Actor } from '../../../shared/schemas/common'
import type { LocationInput } from '../../../shared/schemas/location'
import type { ProductInput } from '../../../shared/schemas/product'
import { LedgerError, invalid } from '../errors'
import type { Ledger } from '../ledger'
import type { LocationDoc, ProductDoc } from '../records'
import type { LocationRec, ProductRec, WorkspaceState } from '../state'

/** Creates or replaces a product. Answers whether it was created; an identical PUT writes nothing. */
export function putProduct(
  ledger: Ledger, ws: WorkspaceState, by: Actor | null, sku: string, input: ProductInput,
): { product: ProductRec; created: boolean } {
  let gtin: string | null = null
  if (input.gtin) {
    const g = normalizeGtin(input.gtin)
    if (typeof g !== 'string') throw invalid('gtin', g.error)
    gtin = g
    for (const other of ws.products.values()) {
      if (other.gtin === gtin && other.sku !== sku) {
        throw new LedgerError('already_exists', `GTIN ${gtin} already belongs to product ${other.sku}`, [
          { path: 'gtin', message: `already used by ${other.sku}` },
        ])
      }
    }
  }
  const doc: ProductDoc = {
    sku, name: input.name, uom: input.uom, tracking: input.tracking, gtin, expiry: input.expiry ?? null,
    foodTraceabilityList: input.foodTraceabilityList ?? false,
  }
  const existing = ws.products.get(sku)
  if (existing) {
    if (existing.tracking !== doc.tracking && existing.moves.length > 0) {
      throw new LedgerError(
        'product_has_moves',
        `product ${sku} has moves: its tracking cannot change from ${existing.tracking} to ${doc.tracking}`,
        [{ path: 'tracking', message: 'cannot change once the product has moves' }],
      )
    }
    if (sameProduct(existing, doc)) return { product: existing, created: false }
  }
  ledger.commit({ type: 'product.saved', ws: ws.id, by, data: doc })
  return { product: ws.products.get(sku)!, created: !existing }
}

function sameProduct(p: ProductRec, d: ProductDoc): boolean {
  return (
    p.name === d.name && p.uom === d.uom && p.tracking === d.tracking && p.gtin === d.gtin && p.foodTraceabilityList === d.foodTraceabilityList &&
    JSON.stringify(p.expiry) === JSON.stringify(d.expiry)
  )
}

/** Creates or replaces a location. Built-in locations keep their kind; a used location keeps its kind. */
export function putLocation(
  ledger: Ledger, ws: WorkspaceState, by: Actor | null, code: string, input: LocationInput,
): { location: LocationRec; created: boolean } {
  const existing = ws.locations.get(code)
  const doc = { code, name: input.name, kind: input.kind, gln: input.gln ?? null, fdaRegistration: input.fdaRegistration ?? null } satisfies LocationDoc
  if (existing) {
    if (existing.kind !== doc.kind) {
      if (existing.builtIn) {
        throw new LedgerError('builtin_location', `${code} is built in: its kind stays ${existing.kind}`, [
          { path: 'kind', message: `must stay ${existing.kind}` },
        ])
      }
      if (existing.moves.length > 0) {
        throw new LedgerError('location_has_moves', `${code} has moves: its kind cannot change`, [
          { path: 'kind', message: `must stay ${existing.kind}` },
        ])
      }
    }
    const same = existing.name === doc.name && existing.kind === doc.kind && existing.gln === doc.gln && existing.fdaRegistration === doc.fdaRegistration
    if (same) return { location: existing, created: false }
  }
  ledger.commit({ type: 'location.saved', ws: ws.id, by, data: doc })
  return { location: ws.locations.get(code)!, created: !existing }
}
