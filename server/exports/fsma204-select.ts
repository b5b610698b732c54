/**
 * Which operations the FSMA 204 records cover (a date range, or one traceability lot code traced
 * both ways), and the key data elements receipts recorded beside their lines (harvesting, cooling,
 * initial packing).
 */
import type { ReceiptKdes } from '../../shared/schemas/operation'
import { findMove, recordedKdes } from '../domain/apply-operation'
import { trace } from '../domain/queries/trace'
import type { JournalRecord } from '../domain/records'
import { lotKey, lotOrNotFound, type LotRec, type OperationRec, type WorkspaceState } from '../domain/state'
import type { LedgerStore } from '../store/ledger-store'
import type { LotOrRange } from './report'

/** A date range (instants), or one lot traced upstream and downstream. */
export type FsmaScope = LotOrRange

/** The operations of the records, in journal order, and which lots of them count. */
export interface FsmaSelection {
  ops: OperationRec[]
  /** The lots a lot's trace reached (product and lot, see `lotKey`); null for a date range: every lot. */
  lots: ReadonlySet<string> | null
  /** The lot's trace was longer than a trace returns: the rest is not in the records. */
  truncated: boolean
}

/** The kinds of operation that are critical tracking events: the rest (transfers, counts, scrap) are not. */
const EVENT_TYPES: ReadonlySet<OperationRec['type']> = new Set(['receipt', 'delivery', 'production'])

/** True when a move of `op` is of a product on the Food Traceability List. */
function touchesFtl(ws: WorkspaceState, op: OperationRec): boolean {
  for (let i = op.firstMove; i < op.firstMove + op.moveCount; i++) if (ws.moves.productAt(i).foodTraceabilityList) return true
  return false
}

/** The operations of `scope` that may hold records; unknown products and lots answer 404. */
export function selectFsma(ws: WorkspaceState, scope: FsmaScope): FsmaSelection {
  if (scope.kind === 'lot') return lotSelection(ws, lotOrNotFound(ws, scope.product, scope.lot))
  const end = ws.moves.length
  const ops: OperationRec[] = []
  for (const op of ws.operations.values()) {
    // Operations are kept in journal order: from here on all were recorded after the request.
    if (op.firstMove >= end) break
    if (!EVENT_TYPES.has(op.type)) continue
    if ((scope.after !== undefined && op.date < scope.after) || (scope.before !== undefined && op.date >= scope.before)) continue
    if (touchesFtl(ws, op)) ops.push(op)
  }
  return { ops, lots: null, truncated: false }
}

function lotSelection(ws: WorkspaceState, lot: LotRec): FsmaSelection {
  const { rows, truncated } = trace(ws, lot, 'both')
  const lots = new Set([lotKey(lot.product.sku, lot.name)])
  const ops = new Set<OperationRec>()
  for (const row of rows) {
    const m = findMove(ws, row.move)
    if (!m) continue
    if (m.lot) lots.add(lotKey(m.product.sku, m.lot.name))
    if (EVENT_TYPES.has(m.op.type)) ops.add(m.op)
  }
  const sorted = [...ops].filter((op) => touchesFtl(ws, op)).sort((a, b) => a.seq - b.seq || a.firstMove - b.firstMove)
  return { ops: sorted, lots, truncated }
}

/** The KDEs operation `id` recorded in `rec`, alone or as a part of a batch (an import). */
function kdesIn(rec: JournalRecord, id: string): ReceiptKdes | null {
  for (const part of rec.type === 'batch' ? rec.data.parts : [rec]) {
    if (part.type === 'operation.recorded' && part.data.result.operation.id === id) return recordedKdes(part.data.result.operation)
  }
  return null
}

/** Records read from the journal at once. */
const READ_CHUNK = 500

/**
 * What each receipt read back recorded (null: none): a recorded operation never changes, so a
 * receipt is read from the journal once, not at every export.
 */
const readBack = new WeakMap<OperationRec, ReceiptKdes | null>()

/**
 * The key data elements each receipt of `ops` recorded (alone or imported), as the state keeps
 * them. Those the state does not know, recorded before it was restored from a snapshot that did
 * not keep them, are read back from the journal.
 */
export async function receiptKdes(ws: WorkspaceState, store: LedgerStore, ops: readonly OperationRec[]): Promise<Map<OperationRec, ReceiptKdes>> {
  const { byOperation, from } = ws.receiptKdes
  const unread = ops.filter((op) => op.type === 'receipt' && op.seq < from && !readBack.has(op))
  for (let i = 0; i < unread.length; i += READ_CHUNK) {
    const chunk = unread.slice(i, i + READ_CHUNK)
    const records = await store.records(chunk.map((op) => op.seq))
    records.forEach((rec, k) => {
      readBack.set(chunk[k], kdesIn(rec, chunk[k].id))
    })
  }
  const found = new Map<OperationRec, ReceiptKdes>()
  for (const op of ops) {
    if (op.type !== 'receipt') continue
    const kdes = op.seq < from ? readBack.get(op) : byOperation.get(op.id)
    if (kdes) found.set(op, kdes)
  }
  return found
}
