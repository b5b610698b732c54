/** The change feed: a workspace's journal records, in order, as clients see them. */
import type { Actor } from '../../shared/schemas/common'
import type { Location } from '../../shared/schemas/location'
import type { OperationResult } from '../../shared/schemas/operation'
import type { Product } from '../../shared/schemas/product'
import type { Settings } from '../../shared/schemas/settings'
import { locationDoc, productDoc } from '../domain/docs'
import type { JournalRecord } from '../domain/records'
import { BUILT_IN_LOCATIONS, type WorkspaceState } from '../domain/state'

const BUILT_IN = new Set(BUILT_IN_LOCATIONS.map((l) => l.code))
import type { LedgerStore } from '../store/ledger-store'

type ChangeData =
  | { type: 'settings'; data: Settings }
  | { type: 'product'; data: Product }
  | { type: 'location'; data: Location }
  | { type: 'lots'; data: { lots: Array<Record<string, unknown>> } }
  | { type: 'operation'; data: OperationResult }

function change(rec: JournalRecord): ChangeData {
  const stamp = { updatedAt: rec.at, updatedBy: rec.by }
  switch (rec.type) {
    case 'settings.updated':
      return { type: 'settings', data: rec.data }
    case 'product.saved':
      return { type: 'product', data: productDoc({ ...rec.data, ...stamp }) }
    case 'location.saved':
      return { type: 'location', data: locationDoc({ ...rec.data, ...stamp, builtIn: BUILT_IN.has(rec.data.code) }) }
    case 'lots.saved':
      return { type: 'lots', data: { lots: rec.data.lots.map((l) => ({ ...l, ...stamp }) as Record<string, unknown>) } }
    case 'operation.recorded':
      return { type: 'operation', data: rec.data.result }
    default:
      throw new Error(`record type ${rec.type} is not a change`)
  }
}

/** Changes after `since` (at most `limit`), and where to continue. Only durable records are served. */
export async function readChanges(store: LedgerStore, ws: WorkspaceState, since: number, limit: number) {
  const durable = store.journal.durableSeq
  const seqs: number[] = []
  for (let i = since; i < ws.changes.length && seqs.length < limit && ws.changes[i] <= durable; i++) seqs.push(ws.changes[i])
  const records = await store.records(seqs)
  const changes = records.map((rec, i) => ({ seq: since + i + 1, at: rec.at, by: rec.by as Actor | null, ...change(rec) }))
  const next = since + changes.length
  return { changes, next, hasMore: next < ws.changes.length }
}
