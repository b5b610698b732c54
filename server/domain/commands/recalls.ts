/** Opening and closing recalls: the idempotency check on the client id, and the one record each writes. */
import type { Actor } from '../../../shared/schemas/common'
import type { ErrorDetail } from '../../../shared/schemas/error'
import type { RecallInput } from '../../../shared/schemas/recall'
import { LedgerError, invalid, notFound } from '../errors'
import type { Ledger } from '../ledger'
import { descendants } from '../queries/trace'
import { RECALL_MAX_LOTS } from '../queries/recall'
import type { RecallRec, WorkspaceState } from '../state'

/** What opening a recall did: opened it, or found it opened before under the same id with the same request. */
export interface OpenOutcome {
  recall: RecallRec
  created: boolean
}

/**
 * Opens a recall of a lot: every lot derived from it downstream is found now and held. The same
 * id again with the same request is a replay (the recall as it stands); with another request, a
 * 409 naming the fields that differ.
 */
export function openRecall(ledger: Ledger, ws: WorkspaceState, by: Actor | null, input: RecallInput): OpenOutcome {
  const existing = ws.recalls.get(input.id)
  if (existing) {
    const details: ErrorDetail[] = []
    for (const f of ['product', 'lot', 'reason'] as const) {
      if (existing[f] !== input[f]) details.push({ path: f, message: `is ${JSON.stringify(existing[f])}, not ${JSON.stringify(input[f])}` })
    }
    if (details.length === 0) return { recall: existing, created: false }
    throw new LedgerError(
      'exists_with_different_fields',
      `recall ${input.id} was opened with other content (${details.map((d) => d.path).join(', ')}); use a new id for a new recall`,
      details,
    )
  }
  // The body names the lot: unknown in this workspace is a refusal of the field, as operations answer.
  const product = ws.products.get(input.product)
  if (!product) throw invalid('product', `unknown product ${input.product}`)
  const lot = product.lots.get(input.lot)
  if (!lot) throw invalid('lot', `lot ${input.lot} of product ${input.product} does not exist`)
  const { lots, truncated } = descendants(ws, lot, RECALL_MAX_LOTS)
  const rec = ledger.commit({
    type: 'recall.opened', ws: ws.id, by,
    data: { id: input.id, product: input.product, lot: input.lot, reason: input.reason, lots: lots.map((l) => [l.product.sku, l.name]), truncated },
  })
  return { recall: ws.recalls.get(rec.data.id)!, created: true }
}

/**
 * Closes a recall: its lots are no longer held by it. Closing a closed recall again with the same
 * reason answers it as it is (a retry); with another reason, a 409.
 */
export function closeRecall(ledger: Ledger, ws: WorkspaceState, by: Actor | null, id: string, reason: string): RecallRec {
  const recall = ws.recalls.get(id)
  if (!recall) throw notFound(`recall ${id}`)
  if (recall.closedAt !== null) {
    if (recall.closeReason === reason) return recall
    throw new LedgerError('exists_with_different_fields', `recall ${id} was closed on ${recall.closedAt} with another reason`, [
      { path: 'reason', message: `is ${JSON.stringify(recall.closeReason)}, not ${JSON.stringify(reason)}` },
    ])
  }
  ledger.commit({ type: 'recall.closed', ws: ws.id, by, data: { id, reason } })
  return recall
}
