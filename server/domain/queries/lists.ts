/** Paged lists: moves, lots and operations. Cursors are opaque to clients. */
import { lotFlags } from '../../../shared/expiry'
import { notFound } from '../errors'
import { findLot, isWithin, referenceIndex, type LotRec, type MoveRec, type OperationRec, type WorkspaceState } from '../state'

export interface Page<T> {
  items: T[]
  /** Pass as `cursor` for the next page; null on the last page. */
  next: string | null
}

export interface MoveFilter {
  product?: string
  lot?: string
  location?: string
  reference?: string
  /** Instants (ISO): moves dated at or after `after`, and before `before`. */
  after?: string
  before?: string
}

function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return -1
  const n = Number.parseInt(cursor, 36)
  return Number.isInteger(n) && n >= 0 ? n : -1
}

/** Move indexes to scan, ascending, from the most selective index the filter allows. */
function candidates(ws: WorkspaceState, f: MoveFilter): ArrayLike<number> | null {
  const product = f.product === undefined ? undefined : ws.products.get(f.product)
  if (f.product !== undefined && !product) throw notFound(`product ${f.product}`)
  if (f.lot !== undefined) {
    if (product) {
      const lot = findLot(ws, product.sku, f.lot)
      if (!lot) throw notFound(`lot ${f.lot} of product ${product.sku}`)
      return lot.moves
    }
    const lists = ws.lotList.filter((l) => l.name === f.lot).map((l) => l.moves)
    return lists.flat().sort((a, b) => a - b)
  }
  if (f.reference !== undefined) {
    const ops = referenceIndex(ws).get(f.reference) ?? []
    return ops.flatMap((op) => Array.from({ length: op.moveCount }, (_, i) => op.firstMove + i)).sort((a, b) => a - b)
  }
  if (product) return product.moves.view()
  if (f.location !== undefined) {
    if (!ws.locations.has(f.location)) throw notFound(`location ${f.location}`)
    const inside = [...ws.locations.values()].filter((l) => isWithin(l.code, f.location!))
    if (inside.length === 1) return inside[0].moves.view()
    return [...new Set(inside.flatMap((l) => [...l.moves]))].sort((a, b) => a - b)
  }
  return null
}

function matches(m: MoveRec, f: MoveFilter): boolean {
  if (f.product !== undefined && m.product.sku !== f.product) return false
  if (f.lot !== undefined && m.lot?.name !== f.lot) return false
  if (f.reference !== undefined && m.op.reference !== f.reference) return false
  if (f.location !== undefined && !isWithin(m.from.code, f.location) && !isWithin(m.to.code, f.location)) return false
  if (f.after !== undefined && m.op.date < f.after) return false
  if (f.before !== undefined && m.op.date >= f.before) return false
  return true
}

/** Moves in journal order matching every filter given. */
export function listMoves(ws: WorkspaceState, f: MoveFilter, limit: number, cursor?: string): Page<MoveRec> {
  const after = decodeCursor(cursor)
  const list = candidates(ws, f)
  const items: MoveRec[] = []
  let last = -1
  let more = false
  const consider = (i: number): boolean => {
    const m = ws.moves.at(i)
    if (!matches(m, f)) return true
    if (items.length === limit) {
      more = true
      return false
    }
    items.push(m)
    last = i
    return true
  }
  if (list) {
    for (let k = firstAbove(list, after); k < list.length; k++) if (!consider(list[k])) break
  } else {
    for (let i = after + 1; i < ws.moves.length; i++) if (!consider(i)) break
  }
  return { items, next: more ? last.toString(36) : null }
}

function firstAbove(sorted: ArrayLike<number>, value: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid] <= value) lo = mid + 1
    else hi = mid
  }
  return lo
}

export interface LotFilter {
  product?: string
  expired?: boolean
  alert?: boolean
  inStock?: boolean
}

/** Lots in registration order matching every filter given; flags are against `today`. */
export function listLots(ws: WorkspaceState, today: string, f: LotFilter, limit: number, cursor?: string): Page<LotRec> {
  const product = f.product === undefined ? undefined : ws.products.get(f.product)
  if (f.product !== undefined && !product) throw notFound(`product ${f.product}`)
  const items: LotRec[] = []
  for (let i = decodeCursor(cursor) + 1; i < ws.lotList.length; i++) {
    const lot = ws.lotList[i]
    if (product && lot.product !== product) continue
    if (f.inStock !== undefined && lot.onHand > 0 !== f.inStock) continue
    if (f.expired !== undefined || f.alert !== undefined) {
      const flags = lotFlags(lot, today)
      if (f.expired !== undefined && flags.expired !== f.expired) continue
      if (f.alert !== undefined && flags.alert !== f.alert) continue
    }
    if (items.length === limit) return { items, next: (i - 1).toString(36) }
    items.push(lot)
  }
  return { items, next: null }
}

/** Operations in journal order, optionally of one reference and/or type. */
export function listOperations(
  ws: WorkspaceState, f: { reference?: string; type?: string }, limit: number, cursor?: string,
): Page<OperationRec> {
  const after = decodeCursor(cursor)
  const source = f.reference !== undefined ? (referenceIndex(ws).get(f.reference) ?? []) : ws.operations.values()
  const items: OperationRec[] = []
  for (const op of source) {
    if (op.seq <= after) continue
    if (f.type !== undefined && op.type !== f.type) continue
    if (items.length === limit) return { items, next: items[items.length - 1].seq.toString(36) }
    items.push(op)
  }
  return { items, next: null }
}
