/**
 * The in-memory ledger: entities with the indexes that keep reads proportional to what they
 * return (per-lot, per-product and per-location move lists; quants kept up to date). Built only
 * by replaying journal records (see `apply.ts`).
 */
import type { Actor, Role } from '../../shared/schemas/common'
import type { LocationKind } from '../../shared/schemas/location'
import type { OperationType } from '../../shared/schemas/operation'
import type { ExpiryOffsets, Tracking } from '../../shared/schemas/product'
import type { Settings } from '../../shared/schemas/settings'
import type { Qty } from '../../shared/quantity'

export interface ProductRec {
  sku: string
  name: string
  uom: string
  tracking: Tracking
  gtin: string | null
  expiry: ExpiryOffsets | null
  updatedAt: string
  updatedBy: Actor | null
  /** Indexes into `WorkspaceState.moves`, ascending. */
  moves: number[]
  quants: Set<QuantRec>
}

export interface LocationRec {
  code: string
  name: string
  kind: LocationKind
  builtIn: boolean
  updatedAt: string
  updatedBy: Actor | null
  moves: number[]
}

export interface LotRec {
  product: ProductRec
  name: string
  ref: string | null
  note: string | null
  expirationDate: string | null
  bestBeforeDate: string | null
  removalDate: string | null
  alertDate: string | null
  createdAt: string
  createdBy: Actor | null
  updatedAt: string
  updatedBy: Actor | null
  moves: number[]
  quants: Set<QuantRec>
  /** Sum of `quants`: what is on hand in stock locations. */
  onHand: Qty
  /** Date of the first move that brought the lot into stock (FEFO's last tie-breaker). */
  firstIn: string | null
}

/** The balance of one (product, lot, location, package), for stock locations only. */
export interface QuantRec {
  key: string
  product: ProductRec
  lot: LotRec | null
  location: LocationRec
  package: string | null
  qty: Qty
}

export interface GenealogyRec {
  output: LotRec
  inputs: LotRec[]
}

export interface OperationRec {
  id: string
  /** Journal position of the record that holds the full operation. */
  seq: number
  type: OperationType
  reference: string
  date: string
  partner: string | null
  hash: string
  firstMove: number
  moveCount: number
  genealogy: GenealogyRec[]
  correctionOf: string | null
}

export interface MoveRec {
  index: number
  op: OperationRec
  /** 1-based position within the operation. */
  n: number
  product: ProductRec
  lot: LotRec | null
  qty: Qty
  from: LocationRec
  to: LocationRec
  package: string | null
  returnOf: MoveRec | null
  /** Quantity already sent back by returns. */
  returned: Qty
}

export interface TokenRec {
  id: string
  workspace: string
  name: string
  role: Role
  hash: string
  createdAt: string
  createdBy: Actor | null
  revokedAt: string | null
}

export interface WorkspaceState {
  id: string
  name: string
  createdAt: string
  settings: Settings
  products: Map<string, ProductRec>
  locations: Map<string, LocationRec>
  lots: Map<string, LotRec>
  /** Lots in registration order (renaming keeps a lot's place). */
  lotList: LotRec[]
  operations: Map<string, OperationRec>
  byReference: Map<string, OperationRec[]>
  moves: MoveRec[]
  quants: Map<string, QuantRec>
  /** Change n of this workspace (1-based) is the journal record `changes[n - 1]`. */
  changes: number[]
  tokens: Map<string, TokenRec>
}

export interface LedgerState {
  /** Last journal position applied. */
  seq: number
  workspaces: Map<string, WorkspaceState>
  tokensByHash: Map<string, TokenRec>
}

/** Location kinds whose contents count as stock on hand. */
export function isStockKind(kind: LocationKind): boolean {
  return kind === 'internal' || kind === 'transit'
}

/** Map key of a lot. */
export function lotKey(sku: string, name: string): string {
  return `${sku}\u0000${name}`
}

/** Map key of a quant. */
export function quantKey(sku: string, lot: string | null, location: string, pkg: string | null): string {
  return `${sku}\u0000${lot ?? ''}\u0000${location}\u0000${pkg ?? ''}`
}

/** `code` is `parent` or inside it (`WH/Stock/Shelf 1` is inside `WH/Stock`). */
export function isWithin(code: string, parent: string): boolean {
  return code === parent || (code.length > parent.length && code.startsWith(parent) && code[parent.length] === '/')
}

/** Built-in locations every workspace starts with. */
export const BUILT_IN_LOCATIONS: ReadonlyArray<{ code: string; name: string; kind: LocationKind }> = [
  { code: 'Vendors', name: 'Vendors', kind: 'supplier' },
  { code: 'Customers', name: 'Customers', kind: 'customer' },
  { code: 'Production', name: 'Production', kind: 'production' },
  { code: 'Adjustment', name: 'Inventory adjustment', kind: 'adjustment' },
  { code: 'Scrap', name: 'Scrap', kind: 'scrap' },
  { code: 'WH/Stock', name: 'Warehouse stock', kind: 'internal' },
]

export function emptyLedgerState(): LedgerState {
  return { seq: 0, workspaces: new Map(), tokensByHash: new Map() }
}
