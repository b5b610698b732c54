/** Recalls as the API shows them: the request, who opened and closed it, its lists and its progress. */
import { qtyToNumber, type Qty } from '../../../shared/quantity'
import type { Recall, RecallSummary } from '../../../shared/schemas/recall'
import { lotDates } from '../docs'
import type { LotRec, RecallRec, WorkspaceState } from '../state'
import { recallOfLots } from './recall'

/** A recall without its lists. */
export function recallSummary(r: RecallRec): RecallSummary {
  return {
    id: r.id, product: r.product, lot: r.lot, reason: r.reason, status: r.closedAt === null ? 'open' : 'closed',
    openedAt: r.openedAt, openedBy: r.openedBy, closedAt: r.closedAt, closedBy: r.closedBy, closeReason: r.closeReason,
    lotCount: r.lots.length,
  }
}

/**
 * How far a held lot's recall has come: what is still in stock, what went to customers and came
 * back, and what was scrapped since the recall opened (scrap before it is not the recall's work).
 */
function progress(ws: WorkspaceState, r: RecallRec, lot: LotRec) {
  let delivered: Qty = 0
  let returned: Qty = 0
  let scrapped: Qty = 0
  for (const i of lot.moves) {
    const m = ws.moves.at(i)
    if (m.to.kind === 'customer' && !m.returnOf) {
      delivered += m.qty
      returned += m.returned
    } else if (m.to.kind === 'scrap' && m.op.seq > r.seq) scrapped += m.qty
  }
  return { delivered: qtyToNumber(delivered), returned: qtyToNumber(returned), scrapped: qtyToNumber(scrapped) }
}

/** A recall whole: its held lots with their progress, the deliveries to notify and the stock to quarantine. */
export function recallCase(ws: WorkspaceState, r: RecallRec): Recall {
  const { deliveries, onHand } = recallOfLots(ws, r.lots, r.truncated)
  const { lotCount: _, ...summary } = recallSummary(r)
  const lots = r.lots.map((l) => ({
    product: l.product.sku, productName: l.product.name, name: l.name, uom: l.product.uom, ...lotDates(l),
    onHand: qtyToNumber(l.onHand), ...progress(ws, r, l),
  }))
  // Whom to call: the partner record a delivery's partner names, when the team keeps one.
  const withContacts = deliveries.map((d) => {
    const p = d.partner === null ? undefined : ws.partners.get(d.partner)
    return { ...d, contact: p ? { name: p.name, phone: p.phone, address: p.address } : null }
  })
  return { ...summary, lots, deliveries: withContacts, onHand, truncated: r.truncated }
}

/** Recalls in the order they were opened, the open ones or the closed ones when asked. */
export function listRecalls(ws: WorkspaceState, status?: 'open' | 'closed'): RecallSummary[] {
  const out: RecallSummary[] = []
  for (const r of ws.recalls.values()) if (status === undefined || (r.closedAt === null) === (status === 'open')) out.push(recallSummary(r))
  return out
}
