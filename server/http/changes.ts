/** The change feed: a workspace's journal records, in order, as clients see them. */
import { assertNever } from '../../shared/assert-never'
import type { BatchChange, ChangePart, ChangesAnswer, ChangeType } from '../../shared/schemas/changes'
import { fullResult, locationDoc, partnerDoc, productDoc } from '../domain/docs'
import type { BatchPart, JournalRecord } from '../domain/records'
import { BUILT_IN_LOCATIONS, type WorkspaceState } from '../domain/state'
import type { LedgerStore } from '../store/ledger-store'

const BUILT_IN = new Set(BUILT_IN_LOCATIONS.map((l) => l.code))

/** A data change as clients see it. */
function change(rec: BatchPart & { at: string }): ChangePart {
  const stamp = { updatedAt: rec.at, updatedBy: rec.by }
  switch (rec.type) {
    case 'settings.updated':
      return { type: 'settings', data: rec.data }
    case 'product.saved':
      return { type: 'product', data: productDoc({ ...rec.data, ...stamp }) }
    case 'location.saved':
      return { type: 'location', data: locationDoc({ ...rec.data, ...stamp, builtIn: BUILT_IN.has(rec.data.code) }) }
    case 'partner.saved':
      return { type: 'partner', data: partnerDoc({ ...rec.data, ...stamp }) }
    case 'lots.saved':
      return { type: 'lots', data: { lots: rec.data.lots.map((l) => ({ ...l, ...stamp })) } }
    case 'operation.recorded':
      return { type: 'operation', data: fullResult(rec.data.result) }
    default:
      return assertNever(rec, 'record type')
  }
}

/**
 * The change a record makes to workspace `ws`, with only the kinds in `types`; null when none.
 * A batch (an import) is one change listing its parts.
 */
function changeOf(rec: JournalRecord, ws: string, types?: readonly ChangeType[]): ChangePart | BatchChange | null {
  const keep = (c: ChangePart) => !types || types.includes(c.type)
  switch (rec.type) {
    case 'batch': {
      const changes = rec.data.parts.filter((p) => p.ws === ws).map((p) => change({ ...p, at: rec.at })).filter(keep)
      return changes.length ? { type: 'batch', data: { label: rec.data.label, changes } } : null
    }
    case 'workspace.created':
    case 'token.created':
    case 'token.revoked':
    case 'recall.opened':
    case 'recall.closed':
      throw new Error(`record type ${rec.type} is not a change`)
    case 'settings.updated':
    case 'product.saved':
    case 'location.saved':
    case 'partner.saved':
    case 'lots.saved':
    case 'operation.recorded': {
      const c = change(rec)
      return keep(c) ? c : null
    }
    default:
      return assertNever(rec, 'record type')
  }
}

/**
 * Changes after `since`, in order: at most `limit` are looked at, and those of `types` (all when
 * omitted) returned. `next` is where to continue; `head` is the newest position. Only durable
 * records are served.
 */
export async function readChanges(store: LedgerStore, ws: WorkspaceState, since: number, limit: number, types?: readonly ChangeType[]): Promise<ChangesAnswer> {
  const durable = store.journal.durableSeq
  let head = ws.changes.length
  while (head > 0 && ws.changes[head - 1] > durable) head--
  const seqs = ws.changes.slice(since, Math.min(head, since + limit))
  const records = await store.records(seqs)
  const changes = records.flatMap((rec, i) => {
    const c = changeOf(rec, ws.id, types)
    return c ? [{ seq: since + i + 1, at: rec.at, by: rec.by, ...c }] : []
  })
  const next = since + seqs.length
  return { changes, next, hasMore: next < head, head }
}
