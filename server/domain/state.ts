/**
 * The in-memory ledger: entities with the indexes that keep reads proportional to what they
 * return (per-lot, per-product and per-location move lists; quants kept up to date). Built only
 * by replaying journal records (see `apply.ts`).
 */
import type { Actor, Role } from '../../shared/schemas/common'
import type { LocationKind } from '../../shared/schemas/location'
import type { OperationType } from '../../shared/operation-types'
import type { LotDates } from '../../shared/schemas/lot'
import type { ReceiptKdes } from '../../shared/schemas/operation'
import type { Settings } from '../../shared/schemas/settings'
import type { Qty } from '../../shared/quantity'
import { notFound } from './errors'
import { IndexList } from './index-list'
import { LotIndex } from './lot-index'
import { LotRec } from './lot-rec'
import { MoveRec, MoveTable, type NewMove } from './move-table'
import { LooseQuants, ProductQuants } from './product-quants'
import type { LocationDoc, PartnerDoc, ProductDoc } from './records'

export { LotRec, MoveRec, MoveTable, type NewMove }

/** A product: its stored fields, who changed it last, and its indexes. */
export interface ProductRec extends ProductDoc {
  foodTraceabilityList: boolean
  /** Position in the workspace's product list (stable: products are never removed). */
  no: number
  updatedAt: string
  updatedBy: Actor | null
  /** Indexes into `WorkspaceState.moves`, ascending. */
  moves: IndexList
  /** Every quant of the product, lots' and loose ones, in the order they appeared. */
  quants: ProductQuants
  /** Quants without lot, by `looseKey` (quants.ts) of location and package. */
  looseQuants: LooseQuants
  /** The product's lots by name (found with `findLot`). */
  lots: LotIndex
}

export interface LocationRec extends LocationDoc {
  gln: string | null
  fdaRegistration: string | null
  /** Position in the workspace's location list. */
  no: number
  builtIn: boolean
  updatedAt: string
  updatedBy: Actor | null
  /** Indexes into `WorkspaceState.moves`, ascending. */
  moves: IndexList
}

/** A partner (supplier, farm, customer) and who changed it last. */
export interface PartnerRec extends PartnerDoc {
  updatedAt: string
  updatedBy: Actor | null
}

/** The balance of one (product, lot, location, package), for stock locations only: as read, a copy (see `ProductQuants`). */
export interface QuantRec {
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
  firstMove: number
  moveCount: number
  genealogy: GenealogyRec[]
  correctionOf: string | null
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
  /** Who revoked it (absent in snapshots written before this was kept). */
  revokedBy?: Actor | null
}

/** A recall: the lots it holds while open (the recalled lot first, then those found or made since). */
export interface RecallRec {
  id: string
  /** Journal position of the record that opened it: scrap after it counts as the recall's progress. */
  seq: number
  product: string
  lot: string
  reason: string
  lots: LotRec[]
  truncated: boolean
  openedAt: string
  openedBy: Actor | null
  closedAt: string | null
  closedBy: Actor | null
  closeReason: string | null
}

export interface WorkspaceState {
  id: string
  name: string
  createdAt: string
  settings: Settings
  products: Map<string, ProductRec>
  locations: Map<string, LocationRec>
  /** Partners by code (the name operations give). */
  partners: Map<string, PartnerRec>
  /** Lots in registration order (renaming keeps a lot's place); by name on their product. */
  lotList: LotRec[]
  operations: Map<string, OperationRec>
  /** Operations by reference; built on first use (see `referenceIndex`). */
  byReference: Map<string, OperationRec[]> | null
  /** Every move, in journal order. */
  moves: MoveTable
  /** Change n of this workspace (1-based) is the journal record `changes[n - 1]`. */
  changes: number[]
  tokens: Map<string, TokenRec>
  /** Recalls by id, in the order they were opened. */
  recalls: Map<string, RecallRec>
  /** The open recalls holding each held lot (a lot may be in several), oldest first. */
  holds: Map<LotRec, RecallRec[]>
  /** The FSMA 204 KDEs receipts recorded beside their lines (see `ReceiptKdesIndex`). */
  receiptKdes: ReceiptKdesIndex
}

/**
 * The KDEs receipts recorded beside their lines, by operation id: kept, as few receipts have
 * any and an FSMA 204 export needs every one in its range. Receipts recorded before journal
 * position `from` are not in it (the state was restored from a snapshot older than version 6,
 * which did not keep them): only the journal knows theirs.
 */
export interface ReceiptKdesIndex {
  byOperation: Map<string, ReceiptKdes>
  from: number
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

/** The lot `name` of product `sku`, if any. */
export function findLot(ws: WorkspaceState, sku: string, name: string): LotRec | undefined {
  return ws.products.get(sku)?.lots.get(name)
}

/** The lot `name` of product `sku`, or a 404 naming the product or the lot that is not there. */
export function lotOrNotFound(ws: WorkspaceState, sku: string, name: string): LotRec {
  const product = ws.products.get(sku)
  if (!product) throw notFound(`product ${sku}`)
  const lot = product.lots.get(name)
  if (!lot) throw notFound(`lot ${name} of product ${sku}`)
  return lot
}

/** A key naming a lot among all products' (for sets and maps of lots from several products). */
export function lotKey(sku: string, name: string): string {
  return `${sku}\u0000${name}`
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

// Constructors with every field written out in one literal: V8 gives such objects one stable
// shape, which keeps replaying a million records fast and small.

/** `lotList`: the workspace's, where the product's lots are found by number (see `LotIndex`). */
export function newProduct(no: number, d: ProductDoc, at: string, by: Actor | null, lotList?: LotRec[]): ProductRec {
  const quants = new ProductQuants()
  const product: ProductRec = {
    no, sku: d.sku, name: d.name, uom: d.uom, tracking: d.tracking, gtin: d.gtin, expiry: d.expiry, foodTraceabilityList: d.foodTraceabilityList ?? false,
    updatedAt: at, updatedBy: by, moves: new IndexList(), quants, looseQuants: new LooseQuants(quants), lots: new LotIndex(lotList),
  }
  quants.attach(product)
  return product
}

export function newLocation(no: number, d: LocationDoc, builtIn: boolean, at: string, by: Actor | null): LocationRec {
  return {
    no, code: d.code, name: d.name, kind: d.kind, gln: d.gln ?? null, fdaRegistration: d.fdaRegistration ?? null,
    builtIn, updatedAt: at, updatedBy: by, moves: new IndexList(),
  }
}

export function newLot(
  no: number, product: ProductRec,
  d: LotDates & { name: string; ref?: string | null; note?: string | null },
  createdAt: string, createdBy: Actor | null, updatedAt: string, updatedBy: Actor | null, firstIn: string | null,
): LotRec {
  return LotRec.of(no, product, d.name, {
    ref: d.ref ?? null, note: d.note ?? null, expirationDate: d.expirationDate, expirationPrecision: d.expirationPrecision ?? 'day',
    bestBeforeDate: d.bestBeforeDate, removalDate: d.removalDate, alertDate: d.alertDate, createdAt, createdBy, updatedAt, updatedBy, firstIn,
  })
}

export function newWorkspace(id: string, name: string, createdAt: string, settings: Settings): WorkspaceState {
  const lotList: LotRec[] = []
  return {
    id, name, createdAt, settings,
    products: new Map(), locations: new Map(), partners: new Map(), lotList, operations: new Map(), byReference: null,
    moves: new MoveTable(lotList), changes: [], tokens: new Map(), recalls: new Map(), holds: new Map(),
    receiptKdes: { byOperation: new Map(), from: 0 },
  }
}

/** Adds a lot to the workspace's indexes. */
export function addLot(ws: WorkspaceState, lot: LotRec): void {
  ws.lotList.push(lot)
  lot.product.lots.set(lot.name, lot)
}

/** Adds an operation to the workspace's indexes. */
export function addOperation(ws: WorkspaceState, op: OperationRec): void {
  ws.operations.set(op.id, op)
  if (ws.byReference) addToReferenceIndex(ws.byReference, op)
}

function addToReferenceIndex(index: Map<string, OperationRec[]>, op: OperationRec): void {
  const sameRef = index.get(op.reference)
  if (sameRef) sameRef.push(op)
  else index.set(op.reference, [op])
}

/** Operations by reference, in journal order. Built on first use: most starts never need it. */
export function referenceIndex(ws: WorkspaceState): Map<string, OperationRec[]> {
  if (!ws.byReference) {
    ws.byReference = new Map()
    for (const op of ws.operations.values()) addToReferenceIndex(ws.byReference, op)
  }
  return ws.byReference
}

/** The moves of `op`, in order. */
export function operationMoves(ws: WorkspaceState, op: OperationRec): MoveRec[] {
  return ws.moves.slice(op.firstMove, op.firstMove + op.moveCount)
}

/** Adds a move to every index, returned quantities included, and returns it. Quants are the caller's. */
export function indexMove(ws: WorkspaceState, m: NewMove): MoveRec {
  const index = indexMoveFields(ws, m.op, m.product, m.lot, m.qty, m.from, m.to, m.package, m.returnOf ? m.returnOf.index : -1)
  return ws.moves.at(index)
}

/** `indexMove` field by field, for a restart's millions of moves; returns the move's index. */
export function indexMoveFields(
  ws: WorkspaceState, op: OperationRec, product: ProductRec, lot: LotRec | null, qty: Qty, from: LocationRec, to: LocationRec, pkg: string | null, returnOf: number,
): number {
  const index = ws.moves.append(op, product, lot, qty, from, to, pkg, returnOf)
  product.moves.push(index)
  lot?.addMove(index)
  from.moves.push(index)
  if (to !== from) to.moves.push(index)
  if (returnOf >= 0) ws.moves.addReturned(returnOf, qty)
  return index
}

export function emptyLedgerState(): LedgerState {
  return { seq: 0, workspaces: new Map(), tokensByHash: new Map() }
}
