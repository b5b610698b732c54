/** Recall: everything a lot became, who received it, and what is still on hand. */
import { qtyToNumber } from '../../../shared/quantity'
import { lotDates } from '../docs'
import type { LotDates } from '../../../shared/schemas/lot'
import type { LotRec, RecallRec, WorkspaceState } from '../state'
import { descendants } from './trace'

/** Most lots a recall follows. */
export const RECALL_MAX_LOTS = 10_000

export interface RecallAnswer {
  lots: Array<{ product: string; productName: string; name: string; onHand: number; uom: string; heldBy: string[] } & LotDates>
  deliveries: Array<{
    partner: string | null
    reference: string
    operation: string
    date: string
    product: string
    productName: string
    lot: string
    qty: number
    returned: number
    uom: string
    to: string
  }>
  onHand: Array<{ product: string; productName: string; lot: string; location: string; package: string | null; qty: number; uom: string }>
  truncated: boolean
  /** Open recalls holding any of the lots. */
  holds: Array<{ id: string; product: string; lot: string; reason: string; openedAt: string }>
}

/** The recall list of a lot: every lot derived from it (found now), their deliveries and stock. */
export function recall(ws: WorkspaceState, lot: LotRec): RecallAnswer {
  const { lots, truncated } = descendants(ws, lot, RECALL_MAX_LOTS)
  return recallOfLots(ws, lots, truncated)
}

/** The recall list of given lots (an open recall's, kept since it was opened): deliveries and stock. */
export function recallOfLots(ws: WorkspaceState, lots: LotRec[], truncated: boolean): RecallAnswer {
  const answer: RecallAnswer = { lots: [], deliveries: [], onHand: [], truncated, holds: [] }
  const holds = new Set<RecallRec>()
  for (const l of lots) {
    const heldBy = ws.holds.get(l) ?? []
    for (const r of heldBy) holds.add(r)
    answer.lots.push({
      product: l.product.sku, productName: l.product.name, name: l.name, onHand: qtyToNumber(l.onHand), uom: l.product.uom, ...lotDates(l),
      heldBy: heldBy.map((r) => r.id),
    })
    for (const i of l.moves) {
      const m = ws.moves.at(i)
      if (m.to.kind !== 'customer' || m.returnOf) continue
      answer.deliveries.push({
        partner: m.op.partner, reference: m.op.reference, operation: m.op.id, date: m.op.date,
        product: l.product.sku, productName: l.product.name, lot: l.name, qty: qtyToNumber(m.qty), returned: qtyToNumber(m.returned),
        uom: l.product.uom, to: m.to.code,
      })
    }
    for (const q of sortedQuants(l)) {
      answer.onHand.push({ product: l.product.sku, productName: l.product.name, lot: l.name, location: q.location.code, package: q.package, qty: qtyToNumber(q.qty), uom: l.product.uom })
    }
  }
  answer.holds = [...holds].map((r) => ({ id: r.id, product: r.product, lot: r.lot, reason: r.reason, openedAt: r.openedAt }))
  answer.deliveries.sort((a, b) => a.date.localeCompare(b.date) || a.reference.localeCompare(b.reference))
  return answer
}

function sortedQuants(l: LotRec) {
  return [...l.quants].sort((a, b) => a.location.code.localeCompare(b.location.code) || (a.package ?? '').localeCompare(b.package ?? ''))
}
