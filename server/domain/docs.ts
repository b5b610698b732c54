/** Public documents (the API's shapes) of in-memory records. */
import { qtyToNumber } from '../../shared/quantity'
import type { Location } from '../../shared/schemas/location'
import type { Lot, LotDates } from '../../shared/schemas/lot'
import type { Move, OperationResult } from '../../shared/schemas/operation'
import type { Partner } from '../../shared/schemas/partner'
import type { Product } from '../../shared/schemas/product'
import { lotFlags } from '../../shared/expiry'
import type { LocationDoc, LotDoc, ProductDoc, StoredResult } from './records'
import type { LocationRec, LotRec, MoveRec, PartnerRec, ProductRec } from './state'
import { unpackLot, unpackMove } from './stored'

export function productDoc(p: ProductDoc & Pick<ProductRec, 'updatedAt' | 'updatedBy'>): Product {
  return {
    sku: p.sku, name: p.name, uom: p.uom, tracking: p.tracking, gtin: p.gtin, expiry: p.expiry,
    foodTraceabilityList: p.foodTraceabilityList ?? false, updatedAt: p.updatedAt, updatedBy: p.updatedBy,
  }
}

export function locationDoc(l: LocationDoc & Pick<LocationRec, 'builtIn' | 'updatedAt' | 'updatedBy'>): Location {
  return {
    code: l.code, name: l.name, kind: l.kind, gln: l.gln ?? null, fdaRegistration: l.fdaRegistration ?? null,
    builtIn: l.builtIn, updatedAt: l.updatedAt, updatedBy: l.updatedBy,
  }
}

export function partnerDoc(p: PartnerRec): Partner {
  return {
    code: p.code, name: p.name, kind: p.kind, phone: p.phone, address: p.address, gln: p.gln, fdaRegistration: p.fdaRegistration,
    updatedAt: p.updatedAt, updatedBy: p.updatedBy,
  }
}

/** A lot's dates; the expiration's precision only when it is a month (absent: a day, as before it was kept). */
export function lotDates(l: LotDates): LotDates {
  const dates: LotDates = {
    expirationDate: l.expirationDate, bestBeforeDate: l.bestBeforeDate, removalDate: l.removalDate, alertDate: l.alertDate,
  }
  if (l.expirationPrecision === 'month') dates.expirationPrecision = 'month'
  return dates
}

/** A lot's stored fields (what a `lots.saved` record carries). */
export function lotStoredDoc(l: LotRec): LotDoc {
  return { product: l.product.sku, name: l.name, ref: l.ref, note: l.note, ...lotDates(l) }
}

/** A lot with its flags against `today` and where its stock is. */
export function lotDoc(l: LotRec, today: string): Lot {
  const quants = [...l.quants]
    .sort((a, b) => a.location.code.localeCompare(b.location.code) || (a.package ?? '').localeCompare(b.package ?? ''))
    .map((q) => ({ location: q.location.code, package: q.package, qty: qtyToNumber(q.qty) }))
  return {
    ...lotStoredDoc(l),
    receivedAt: l.firstIn,
    createdAt: l.createdAt, createdBy: l.createdBy, updatedAt: l.updatedAt, updatedBy: l.updatedBy,
    flags: lotFlags(l, today), onHand: qtyToNumber(l.onHand), quants,
  }
}

/** Public id of a move. */
export function moveId(m: MoveRec): string {
  return `${m.op.id}#${m.n}`
}

export function moveDoc(m: MoveRec): Move {
  return {
    id: moveId(m), operation: m.op.id, operationType: m.op.type, reference: m.op.reference, date: m.op.date,
    product: m.product.sku, lot: m.lot?.name ?? null, qty: qtyToNumber(m.qty), uom: m.product.uom,
    from: m.from.code, to: m.to.code, package: m.package, returnOf: m.returnOf ? moveId(m.returnOf) : null,
  }
}

/** An operation's result whole again: each stored move with its id and what its operation says. */
export function fullResult(stored: StoredResult): OperationResult {
  const o = stored.operation
  return {
    ...stored,
    moves: stored.moves.map((m, i) => ({
      id: `${o.id}#${i + 1}`, operation: o.id, operationType: o.type, reference: o.reference, date: o.date, ...unpackMove(m),
    })),
    lots: stored.lots.map(unpackLot),
  }
}
