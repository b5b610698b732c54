/**
 * EPCIS ObjectEvents of the ledger's operations: one per operation and pair of locations (a
 * receipt put away on two shelves is two receiving events), its lots in `quantityList`, its
 * serials in `epcList`. Which CBV step each kind of operation is, is written out in README (EPCIS).
 */
import { qtyToNumber, type Qty } from '../../shared/quantity'
import { isStockKind, type LocationRec, type MoveRec, type OperationRec, type WorkspaceState } from '../domain/state'
import { eventId, lotClass, ownUrn, partyId, placeId, productClass, serialEpc, unitCode, zoneOffset } from './epcis-ids'

/** An event as it is written (keys in the order EPCIS's examples give them). */
export type EpcisEvent = Record<string, unknown>

export interface QuantityElement {
  epcClass: string
  quantity?: number
  uom?: string
}

/** What events are made from; `left(m)` is true for moves that cannot be expressed and are left out. */
export interface EventContext {
  ws: WorkspaceState
  left(m: MoveRec): boolean
}

/** The serials of `moves` as instance-level EPCs, and their lots and loose quantities as class-level ones. */
export function objectLists(moves: readonly MoveRec[]): { epcs: string[]; quantities: QuantityElement[] } {
  const epcs = new Set<string>()
  const sums = new Map<string, { qty: Qty; uom: string }>()
  for (const m of moves) {
    const gtin = m.product.gtin!
    if (m.lot && m.product.tracking === 'serial') {
      epcs.add(serialEpc(gtin, m.lot.name))
      continue
    }
    const epcClass = m.lot ? lotClass(gtin, m.lot.name) : productClass(gtin)
    const sum = sums.get(epcClass)
    if (sum) sum.qty += m.qty
    else sums.set(epcClass, { qty: m.qty, uom: unitCode(m.product.uom)! })
  }
  const quantities = [...sums].map(([epcClass, s]) => ({ epcClass, quantity: qtyToNumber(s.qty), uom: s.uom }))
  return { epcs: [...epcs], quantities }
}

/** When, and which: `name` says what of the operation the event holds, so the id is the same in every export. */
export function eventHead(ws: WorkspaceState, op: OperationRec, name: string): EpcisEvent {
  return {
    eventTime: op.date,
    eventTimeZoneOffset: zoneOffset(op.date, ws.settings.timeZone),
    eventID: eventId(`${ws.id}\u0000${op.id}\u0000${name}`),
  }
}

/** Move numbers within the operation, for event ids: an event holding other moves is another event. */
export function moveNumbers(moves: readonly MoveRec[]): string {
  return moves.map((m) => m.n).join(',')
}

/** A location as EPCIS names a place: by its GLN when it has one. */
export const place = (ws: WorkspaceState, l: LocationRec) => ({ id: placeId(ws.id, l.code, l.gln) })

/** What one operation's moves between two locations are, in CBV's words. */
export interface Step {
  action: 'OBSERVE' | 'ADD' | 'DELETE'
  bizStep: string
  disposition?: string
  /** Where it was seen: the location the goods came from, or the one they went to. */
  at: 'from' | 'to'
  /** The goods are at `at` afterwards (not for goods that left: shipped, destroyed). */
  stays: boolean
  /** CBV business transaction type of the operation's reference (none fits a transfer or a count). */
  bt?: string
  /** The partner owned the goods before (source) or after (destination). */
  party?: 'source' | 'destination'
  /** The two locations as source and destination (transfers). */
  locations?: boolean
}

const TRANSFER: Step = { action: 'OBSERVE', bizStep: 'storing', at: 'to', stays: true, locations: true }

/** The step of an operation's moves from `from` to `to`. */
function stepOf(op: OperationRec, from: LocationRec, to: LocationRec): Step {
  const intoStock = isStockKind(to.kind) && !isStockKind(from.kind)
  const outOfStock = isStockKind(from.kind) && !isStockKind(to.kind)
  switch (op.type) {
    case 'receipt':
      return { action: 'OBSERVE', bizStep: 'receiving', disposition: 'in_progress', at: 'to', stays: true, bt: 'po', party: 'source' }
    case 'delivery':
      return { action: 'OBSERVE', bizStep: 'shipping', disposition: 'in_transit', at: 'from', stays: false, bt: 'desadv', party: 'destination' }
    case 'scrap':
      return { action: 'DELETE', bizStep: 'destroying', disposition: 'destroyed', at: 'from', stays: false }
    case 'adjustment':
      // A count puts found goods into the ledger or takes missing ones out of it.
      return intoStock ? { action: 'ADD', bizStep: 'stock_taking', at: 'to', stays: true } : { action: 'DELETE', bizStep: 'stock_taking', at: 'from', stays: false }
    case 'return': {
      const partner = (l: LocationRec) => l.kind === 'supplier' || l.kind === 'customer'
      if (intoStock && partner(from)) return { action: 'OBSERVE', bizStep: 'receiving', disposition: 'returned', at: 'to', stays: true, bt: 'rma', party: 'source' }
      if (outOfStock && partner(to)) return { action: 'OBSERVE', bizStep: 'shipping', disposition: 'returned', at: 'from', stays: false, bt: 'rma', party: 'destination' }
      // Undoing a scrap, a count or a production: CBV has no step for taking one back.
      if (intoStock) return { action: 'ADD', bizStep: 'other', at: 'to', stays: true, bt: 'rma' }
      if (outOfStock) return { action: 'DELETE', bizStep: 'other', at: 'from', stays: false, bt: 'rma' }
      return { ...TRANSFER, bt: 'rma' }
    }
    case 'internal':
    case 'production':
      // Transfers, and a production's moves that neither consume nor produce.
      return TRANSFER
  }
}

/** The partner of an operation: its own, or for a return the one of the operation it returns. */
function partnerOf(ws: WorkspaceState, op: OperationRec): string | null {
  if (op.partner !== null || op.correctionOf === null) return op.partner
  return ws.operations.get(op.correctionOf)?.partner ?? null
}

/** Business transactions: the operation's reference, and for a return also the one it returns. */
export function transactions(ws: WorkspaceState, op: OperationRec, type: string | undefined): Array<{ type?: string; bizTransaction: string }> {
  const list = [{ ...(type ? { type } : {}), bizTransaction: ownUrn(ws.id, 'bt', op.reference) }]
  const original = op.correctionOf === null ? undefined : ws.operations.get(op.correctionOf)
  if (original && original.reference !== op.reference) {
    const originalType = original.type === 'receipt' ? 'po' : original.type === 'delivery' ? 'desadv' : original.type === 'production' ? 'prodorder' : undefined
    list.push({ ...(originalType ? { type: originalType } : {}), bizTransaction: ownUrn(ws.id, 'bt', original.reference) })
  }
  return list
}

/**
 * One event for `moves`, all of `op` from `from` to `to`, as `step` says (by default, as the
 * operation's type says); null when every one of them is left out.
 */
export function objectEvent(
  c: EventContext, op: OperationRec, from: LocationRec, to: LocationRec, moves: readonly MoveRec[], step: Step = stepOf(op, from, to),
): EpcisEvent | null {
  const kept = moves.filter((m) => !c.left(m))
  if (kept.length === 0) return null
  const { ws } = c
  const { epcs, quantities } = objectLists(kept)
  const partner = step.party ? partnerOf(ws, op) : null
  const at = step.at === 'from' ? from : to
  const event: EpcisEvent = { type: 'ObjectEvent', ...eventHead(ws, op, `${from.code}>${to.code}:${moveNumbers(kept)}`), action: step.action }
  if (epcs.length) event.epcList = epcs
  if (quantities.length) event.quantityList = quantities
  event.bizStep = step.bizStep
  if (step.disposition) event.disposition = step.disposition
  event.readPoint = place(ws, at)
  if (step.stays) event.bizLocation = place(ws, at)
  event.bizTransactionList = transactions(ws, op, step.bt)
  const sources = []
  const destinations = []
  const party = partner === null ? null : partyId(ws.id, partner, ws.partners.get(partner)?.gln ?? null)
  if (party !== null && step.party === 'source') sources.push({ type: 'owning_party', source: party })
  if (party !== null && step.party === 'destination') destinations.push({ type: 'owning_party', destination: party })
  if (step.locations) {
    sources.push({ type: 'location', source: place(ws, from).id })
    destinations.push({ type: 'location', destination: place(ws, to).id })
  }
  if (sources.length) event.sourceList = sources
  if (destinations.length) event.destinationList = destinations
  return event
}

/** `moves` of one operation by the pair of locations they go between, in the order first met. */
export function byLocations(moves: readonly MoveRec[]): Array<{ from: LocationRec; to: LocationRec; moves: MoveRec[] }> {
  const groups = new Map<string, { from: LocationRec; to: LocationRec; moves: MoveRec[] }>()
  for (const m of moves) {
    const key = `${m.from.no}>${m.to.no}`
    const g = groups.get(key)
    if (g) g.moves.push(m)
    else groups.set(key, { from: m.from, to: m.to, moves: [m] })
  }
  return [...groups.values()]
}
