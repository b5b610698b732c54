/**
 * Journal records: the facts the ledger stores, one per accepted write, in order. The in-memory
 * state is whatever replaying them gives; nothing else is persisted.
 */
import type { Actor, Role } from '../../shared/schemas/common'
import type { LocationKind } from '../../shared/schemas/location'
import type { LotDates } from '../../shared/schemas/lot'
import type { Move, OperationResult, TouchedLot } from '../../shared/schemas/operation'
import type { PartnerKind } from '../../shared/schemas/partner'
import type { ExpiryOffsets, Tracking } from '../../shared/schemas/product'
import type { Settings } from '../../shared/schemas/settings'

/** A product as stored. */
export interface ProductDoc {
  sku: string
  name: string
  uom: string
  tracking: Tracking
  gtin: string | null
  expiry: ExpiryOffsets | null
  /** On FDA's Food Traceability List (absent in records written before it was kept: false). */
  foodTraceabilityList?: boolean
}

/** A location as stored. */
export interface LocationDoc {
  code: string
  name: string
  kind: LocationKind
  /** FSMA 204 TLC source references (absent in records written before they were kept: null). */
  gln?: string | null
  fdaRegistration?: string | null
}

/** A partner as stored: `code` is the name operations give as their partner. */
export interface PartnerDoc {
  code: string
  name: string
  kind: PartnerKind
  phone: string | null
  address: string | null
  gln: string | null
  fdaRegistration: string | null
}

/** A lot's master data as stored. `previousName` is set when the record renames it. */
export interface LotDoc extends LotDates {
  product: string
  name: string
  ref: string | null
  note: string | null
  previousName?: string
}

/** What a move's operation already says: the journal leaves it out of each move. */
export type MoveContext = 'id' | 'operation' | 'operationType' | 'reference' | 'date'

/** A move's own fields, without what its operation says. */
export type MoveFields = Omit<Move, MoveContext>

/** A move as the journal keeps it: `[product, lot, qty, uom, from, to, package, returnOf]`. */
export type PackedMove = [string, string | null, number, string, string, string, string | null, string | null]

/**
 * A lot an operation touched, as the journal keeps it: `[product, name, created, expiration, best
 * before, removal, alert]`, and `'month'` after them for a month-only expiration (absent for a day,
 * as in every record written before the precision was kept).
 */
export type PackedLot =
  | [string, string, boolean, string | null, string | null, string | null, string | null]
  | [string, string, boolean, string | null, string | null, string | null, string | null, 'month']

/**
 * A stored move. Journals written before moves were packed hold objects (whole moves, in the
 * oldest); all read the same (see `stored.ts`).
 */
export type StoredMove = PackedMove | (MoveFields & Partial<Pick<Move, MoveContext>>)

/** A stored touched lot: packed, or an object in journals written before lots were packed. */
export type StoredLot = PackedLot | TouchedLot

/** What recording an operation returned, as the journal keeps it (`fullResult` gives it back whole). */
export type StoredResult = Omit<OperationResult, 'moves' | 'lots'> & { moves: StoredMove[]; lots: StoredLot[] }

interface Base {
  /** Position in the journal, 1, 2, 3... */
  seq: number
  /** When the server accepted the write (ISO instant). */
  at: string
  /** Who made it; null for writes made by the server itself or the admin command line. */
  by: Actor | null
  /** Workspace id. */
  ws: string
}

/** What opening a recall records: the request, and the lots found downstream then (held from that record on). */
export interface RecallOpened {
  id: string
  product: string
  lot: string
  reason: string
  lots: Array<[string, string]>
  truncated: boolean
}

/** The changes a record can make to a workspace's data (alone, or as parts of a batch). */
export type DataRecord = Base &
  (
    | { type: 'settings.updated'; data: Settings }
    | { type: 'product.saved'; data: ProductDoc }
    | { type: 'location.saved'; data: LocationDoc }
    | { type: 'partner.saved'; data: PartnerDoc }
    | { type: 'lots.saved'; data: { lots: LotDoc[] } }
    | { type: 'operation.recorded'; data: { hash: string; result: StoredResult } }
  )

/** One part of a batch: a data change without a journal position of its own. */
export type BatchPart = DataRecord extends infer R ? (R extends DataRecord ? Omit<R, 'seq' | 'at'> : never) : never

export type JournalRecord =
  | DataRecord
  | (Base &
      (
        | { type: 'workspace.created'; data: { name: string } }
        | { type: 'token.created'; data: { id: string; name: string; role: Role; hash: string } }
        | { type: 'token.revoked'; data: { id: string } }
        /** Changes applied together or not at all (an import): one journal line. */
        | { type: 'batch'; data: { label: string; parts: BatchPart[] } }
        /** A recall opened: `lots` ([product, lot]) are the lots it holds, the recalled one first. */
        | { type: 'recall.opened'; data: RecallOpened }
        | { type: 'recall.closed'; data: { id: string; reason: string } }
      ))

/** A record before the ledger numbers and stamps it. */
export type NewRecord = JournalRecord extends infer R ? (R extends JournalRecord ? Omit<R, 'seq' | 'at'> : never) : never

const NOT_DATA = new Set<JournalRecord['type']>(['workspace.created', 'token.created', 'token.revoked', 'batch', 'recall.opened', 'recall.closed'])

/** A record that changes a workspace's data (and may be part of a batch), rather than its tokens or recalls. */
export function isDataRecord(rec: JournalRecord): rec is DataRecord {
  return !NOT_DATA.has(rec.type)
}
