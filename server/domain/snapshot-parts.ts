/** The parts a snapshot is made of, and the version they are written in (see `snapshot.ts`). */
import type { Settings } from '../../shared/schemas/settings'
import type { OperationType } from '../../shared/operation-types'
import type { ReceiptKdes } from '../../shared/schemas/operation'
import type { PartnerRec, TokenRec } from './state'
import type { TablePart } from './snapshot-tables'

/**
 * Version 7 writes what a lot says as two rows, of its dates and of its stamps, and each product's
 * quant count (`WorkspaceHead.productQuants`); version 6 keeps the KDEs receipts recorded
 * (`WorkspaceHead.receiptKdes`); version 5 writes lots, quants, moves and change lists as typed
 * columns (`snapshot-tables.ts`); version 4 adds each workspace's recalls; version 3 stores
 * operation types by their fixed code (OPERATION_TYPE_INFO). The earlier ones still load (those
 * before 4 were written before any recall).
 */
export const SNAPSHOT_VERSION = 7
/** Version 2 stored an operation type by its place in this list, the list as it was then. */
export const V2_TYPES: readonly OperationType[] = ['receipt', 'delivery', 'internal', 'scrap', 'adjustment', 'production', 'return']
export const CHUNK = 20_000

export type Row = unknown[]

export interface WorkspaceHead {
  id: string
  name: string
  createdAt: string
  settings: Settings
  tokens: TokenRec[]
  /** Everyone who wrote lots; lots name them by position. */
  actors: Array<[string, string]>
  products: Row[]
  locations: Row[]
  lots: number
  quants: number
  operations: number
  moves: number
  changes: number
  /**
   * How many lots and moves each product has and how many moves each location, by number, so that
   * a restart sizes its indexes once; absent before version 5.
   */
  productLots?: number[]
  productMoves?: number[]
  locationMoves?: number[]
  /** How many quants each product has, by number (as `productLots`); absent in snapshots written before. */
  productQuants?: number[]
  /** One row per recall (see `recallRow`); absent before version 4. */
  recalls?: Row[]
  /**
   * Partners as they are kept; absent in snapshots written before partners were (as are the FSMA
   * fields at the end of product and location rows): those load with none, nothing else changed.
   */
  partners?: PartnerRec[]
  /**
   * The KDEs receipts recorded (see `ReceiptKdesIndex`); absent before version 6: such a
   * snapshot's receipts are read back from the journal when an export needs them.
   */
  receiptKdes?: { from: number; byOperation: Array<[string, ReceiptKdes]> }
}

export interface LotColumns {
  product: number[]
  name: string[]
  ref: Array<string | null>
  note: Array<string | null>
  expirationDate: Array<string | null>
  bestBeforeDate: Array<string | null>
  removalDate: Array<string | null>
  alertDate: Array<string | null>
  /**
   * Places in the chunk of the lots whose expiration is a month only; absent in snapshots written
   * before the precision was kept (and when none is), whose lots load with day expirations.
   */
  monthExpiry?: number[]
  createdAt: string[]
  createdBy: number[]
  /** null: same as createdAt. */
  updatedAt: Array<string | null>
  updatedBy: number[]
  firstIn: Array<string | null>
}

export interface OperationColumns {
  id: string[]
  seq: number[]
  /** The operation type's fixed code (a position in V2_TYPES in version 2). */
  type: number[]
  reference: string[]
  date: string[]
  partner: Array<string | null>
  moveCount: number[]
  /** [index within the chunk, operation id] of returns. */
  correctionOf: Array<[number, string]>
  /** [index within the chunk, [[output lot, [input lots]]...]]. */
  genealogy: Array<[number, Array<[number, number[]]>]>
}

export interface MoveColumns {
  product: number[]
  lot: number[]
  qty: number[]
  from: number[]
  to: number[]
  /** [index within the chunk, package] for the moves that have one. */
  package: Array<[number, string]>
  /** [index within the chunk, index of the returned move]. */
  returnOf: Array<[number, number]>
}

/** Snapshot parts, in order: a head, then per workspace its chunks (lots, quants and moves as tables since version 5). */
export type SnapshotPart =
  | { kind: 'head'; version: number; seq: number; workspaces: WorkspaceHead[] }
  | { kind: 'lots'; ws: string; cols: LotColumns }
  | { kind: 'quants' | 'changes'; ws: string; rows: Row[] }
  | { kind: 'operations'; ws: string; cols: OperationColumns }
  | { kind: 'moves'; ws: string; cols: MoveColumns }
  | TablePart

/** An author the server itself or the command line. */
export const NO_ACTOR = -1
