/** Public documents (the API's shapes) of in-memory records. */
import { qtyToNumber } from '../../shared/quantity'
import type { Location } from '../../shared/schemas/location'
import type { Lot, LotDates } from '../../shared/schemas/lot'
import type { Move, OperationResult } from '../../shared/schemas/operation'
import type { Product } from '../../shared/schemas/product'
import { lotFlags } from '../../shared/expiry'
import type { LotDoc, StoredResult } from './records'
import type { LocationRec, LotRec, MoveRec, ProductRec } from './state'
import { unpackLot, unpackMove } from './stored'

export function productDoc(p: Omit<ProductRec, 'no' | 'moves' | 'quants' | 'looseQuants' | 'lots'>): Product {
  return {
    sku: p.sku, name: p.name, uom: p.uom, tracking: p.tracking, gtin: p.gtin, expiry: p.expiry,
    updatedAt: p.updatedAt, updatedBy: p.updatedBy,
  }
}

export function locationDoc(l: Omit<LocationRec, 'no' | 'moves'>): Location {
  return { code: l.code, name: l.name, kind: l.kind, builtIn: l.builtIn, updatedAt: l.updatedAt, updatedBy: l.updatedBy }
}

export function lotDates(l: LotDates): LotDates {
  return {
    expirationDate: l.expirationDate, bestBeforeDate: l.bestBeforeDate, removalDate: l.removalDate, alertDate: l.alertDate,
  }
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
