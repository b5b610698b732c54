/**
 * Moves and touched lots read back as the journal keeps them: arrays (packed by OperationPlan),
 * since an import records 100,000 of each in one record and keys would make up half its bytes.
 * Journals written before hold objects; both read the same.
 */
import type { TouchedLot } from '../../shared/schemas/operation'
import type { MoveFields, StoredLot, StoredMove } from './records'

/** A stored move's own fields, however it was stored (what its operation says is left out). */
export function unpackMove(m: StoredMove): MoveFields {
  if (Array.isArray(m)) return { product: m[0], lot: m[1], qty: m[2], uom: m[3], from: m[4], to: m[5], package: m[6], returnOf: m[7] }
  return { product: m.product, lot: m.lot, qty: m.qty, uom: m.uom, from: m.from, to: m.to, package: m.package, returnOf: m.returnOf }
}

/** A stored touched lot, however it was stored. */
export function unpackLot(l: StoredLot): TouchedLot {
  if (!Array.isArray(l)) return l
  const lot: TouchedLot = { product: l[0], name: l[1], created: l[2], expirationDate: l[3], bestBeforeDate: l[4], removalDate: l[5], alertDate: l[6] }
  if (l[7] === 'month') lot.expirationPrecision = 'month'
  return lot
}
