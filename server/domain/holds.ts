/**
 * Holds: what recalls do to the state. An open recall holds its lots; a lot made from a held lot
 * is held by the same recalls; closing a recall lets its lots go (unless another still holds
 * them). Replayed from journal records, like everything else in the state.
 */
import type { Actor } from '../../shared/schemas/common'
import type { RecallOpened } from './records'
import { findLot, type LotRec, type OperationRec, type RecallRec, type WorkspaceState } from './state'
import type { UndoLog } from './undo'

/** The oldest open recall holding `lot`, if any. */
export function holdOf(ws: WorkspaceState, lot: LotRec): RecallRec | undefined {
  return ws.holds.get(lot)?.[0]
}

function hold(ws: WorkspaceState, recall: RecallRec, lot: LotRec): void {
  const recalls = ws.holds.get(lot)
  if (!recalls) ws.holds.set(lot, [recall])
  else if (!recalls.includes(recall)) recalls.push(recall)
}

function release(ws: WorkspaceState, recall: RecallRec, lot: LotRec): void {
  const recalls = ws.holds.get(lot)?.filter((r) => r !== recall)
  if (recalls?.length) ws.holds.set(lot, recalls)
  else ws.holds.delete(lot)
}

/** Applies a `recall.opened` record: the recall, and a hold on each of its lots. */
export function applyRecallOpened(ws: WorkspaceState, seq: number, d: RecallOpened, at: string, by: Actor | null): void {
  if (ws.recalls.has(d.id)) throw new Error(`recall ${d.id} opened twice`)
  const lots = d.lots.map(([sku, name]) => {
    const lot = findLot(ws, sku, name)
    if (!lot) throw new Error(`recall ${d.id} holds unknown lot ${sku}/${name}`)
    return lot
  })
  const recall: RecallRec = {
    id: d.id, seq, product: d.product, lot: d.lot, reason: d.reason, lots, truncated: d.truncated,
    openedAt: at, openedBy: by, closedAt: null, closedBy: null, closeReason: null,
  }
  ws.recalls.set(recall.id, recall)
  for (const lot of lots) hold(ws, recall, lot)
}

/** Applies a `recall.closed` record: its lots are no longer held by it. */
export function applyRecallClosed(ws: WorkspaceState, id: string, reason: string, at: string, by: Actor | null): void {
  const recall = ws.recalls.get(id)
  if (!recall || recall.closedAt !== null) throw new Error(`recall ${id} is not open`)
  recall.closedAt = at
  recall.closedBy = by
  recall.closeReason = reason
  for (const lot of recall.lots) release(ws, recall, lot)
}

/**
 * After an operation is applied: each lot it made from a held lot joins the recalls holding that
 * input. Planning already refuses to consume a held lot; the rule is kept here too so that the
 * state holds it whatever wrote the record.
 */
export function holdDerived(ws: WorkspaceState, op: OperationRec, undo?: UndoLog): void {
  if (ws.holds.size === 0) return
  for (const link of op.genealogy) {
    for (const input of link.inputs) {
      for (const recall of ws.holds.get(input) ?? []) {
        if (recall.lots.includes(link.output)) continue
        recall.lots.push(link.output)
        hold(ws, recall, link.output)
        undo?.push(() => {
          recall.lots.pop()
          release(ws, recall, link.output)
        })
      }
    }
  }
}
