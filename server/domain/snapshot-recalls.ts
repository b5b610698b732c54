/** Recalls in snapshots (version 4 on): one row each in its workspace's head. */
import type { Actor } from '../../shared/schemas/common'
import type { RecallRec, WorkspaceState } from './state'

type Row = unknown[]

/** A recall as a head row; its lots by number, copied now, as a later operation may add to them. */
export function recallRow(r: RecallRec): Row {
  return [r.id, r.seq, r.product, r.lot, r.reason, r.lots.map((l) => l.no), r.truncated, r.openedAt, r.openedBy, r.closedAt, r.closedBy, r.closeReason]
}

/**
 * Rebuilds the recalls of a head and the holds of the open ones (lots must be loaded).
 */
export function restoreRecalls(ws: WorkspaceState, rows: Row[]): void {
  for (const row of rows) {
    const [id, seq, product, lot, reason, lotNos, truncated, openedAt, openedBy, closedAt, closedBy, closeReason] = row as [
      string, number, string, string, string, number[], boolean, string, Actor | null, string | null, Actor | null, string | null,
    ]
    const recall: RecallRec = {
      id, seq, product, lot, reason, lots: lotNos.map((no) => ws.lotList[no]), truncated, openedAt, openedBy, closedAt, closedBy, closeReason,
    }
    ws.recalls.set(id, recall)
    if (closedAt !== null) continue
    for (const l of recall.lots) {
      const holding = ws.holds.get(l)
      if (holding) holding.push(recall)
      else ws.holds.set(l, [recall])
    }
  }
}
