/** Applying an operation's record: its lots, its moves, stock and genealogy. Reversible through an UndoLog. */
import { unitsToQty } from '../../shared/quantity'
import { sameDates } from '../../shared/expiry'
import { ReceiptKdes } from '../../shared/schemas/operation'
import type { JournalRecord, LotDoc, StoredMove, StoredResult } from './records'
import { holdDerived } from './holds'
import { addToQuant } from './quants'
import { unpackLot, unpackMove } from './stored'
import {
  addLot, addOperation, findLot, indexMove, isStockKind, newLot,
  type LotRec, type MoveRec, type OperationRec, type WorkspaceState,
} from './state'
import type { UndoLog } from './undo'

type By = JournalRecord['by']

/** Creates or updates a lot from its stored fields (a rename when `previousName` is set). */
export function saveLot(ws: WorkspaceState, doc: LotDoc, at: string, by: By, undo?: UndoLog): void {
  const lot = findLot(ws, doc.product, doc.previousName ?? doc.name)
  if (!lot) {
    const product = ws.products.get(doc.product)
    if (!product) throw new Error(`lot of unknown product ${doc.product}`)
    const created = newLot(ws.lotList.length, product, doc, at, by, at, by, null)
    addLot(ws, created)
    undo?.push(() => {
      product.lots.delete(doc.name)
      ws.lotList.pop()
    })
    return
  }
  if (undo) {
    const [name, info] = [lot.name, lot.info]
    undo.push(() => {
      if (doc.previousName !== undefined) {
        lot.product.lots.delete(doc.name)
        lot.product.lots.set(name, lot)
      }
      lot.name = name
      lot.update(info)
    })
  }
  if (doc.previousName !== undefined) {
    lot.product.lots.delete(doc.previousName)
    lot.product.lots.set(doc.name, lot)
  }
  lot.name = doc.name
  // A field the record lacks is cleared, as on a lot's creation (`update` keeps what it is not given).
  lot.update({
    ref: doc.ref ?? null, note: doc.note ?? null, expirationDate: doc.expirationDate ?? null, expirationPrecision: doc.expirationPrecision ?? 'day',
    bestBeforeDate: doc.bestBeforeDate ?? null, removalDate: doc.removalDate ?? null, alertDate: doc.alertDate ?? null, updatedAt: at, updatedBy: by,
  })
}

/**
 * Applies a recorded operation: the lots it created or re-dated, then its moves. Its undo is one
 * step for all the lots it created and all its moves (an import can hold 100,000 of them).
 */
export function applyOperation(ws: WorkspaceState, seq: number, result: StoredResult, at: string, by: By, undo?: UndoLog): void {
  const o = result.operation
  const created: LotRec[] = []
  const firstIns: LotRec[] = []
  const firstMove = ws.moves.length
  let op: OperationRec | null = null
  // Registered first, so that a failure half way is undone too.
  undo?.push(() => {
    for (let i = ws.moves.length - 1; i >= firstMove; i--) unapplyMove(ws, ws.moves.at(i))
    for (const lot of firstIns) lot.update({ firstIn: null })
    if (op && ws.operations.get(op.id) === op) {
      ws.receiptKdes.byOperation.delete(op.id)
      ws.operations.delete(op.id)
      const sameRef = ws.byReference?.get(op.reference)
      if (sameRef?.[sameRef.length - 1] === op) sameRef.pop()
      if (sameRef?.length === 0) ws.byReference!.delete(op.reference)
    }
    for (let i = created.length - 1; i >= 0; i--) {
      created[i].product.lots.delete(created[i].name)
      ws.lotList.pop()
    }
  })
  for (const stored of result.lots) {
    const t = unpackLot(stored)
    const product = ws.products.get(t.product)
    if (!product) throw new Error(`lot of unknown product ${t.product}`)
    const existing = product.lots.get(t.name)
    if (existing) {
      if (!sameDates(existing, t)) {
        saveLot(ws, {
          product: t.product, name: t.name, ref: existing.ref, note: existing.note,
          expirationDate: t.expirationDate, bestBeforeDate: t.bestBeforeDate, removalDate: t.removalDate, alertDate: t.alertDate,
          ...(t.expirationPrecision === 'month' ? { expirationPrecision: 'month' as const } : {}),
        }, at, by, undo)
      }
      continue
    }
    const lot = newLot(ws.lotList.length, product, t, at, by, at, by, null)
    addLot(ws, lot)
    created.push(lot)
  }
  if (ws.operations.has(o.id)) throw new Error(`operation ${o.id} recorded twice`)
  op = {
    id: o.id, seq, type: o.type, reference: o.reference, date: o.date, partner: o.partner,
    firstMove, moveCount: result.moves.length, genealogy: [], correctionOf: o.correctionOf,
  }
  addOperation(ws, op)
  const kdes = recordedKdes(o)
  if (kdes) ws.receiptKdes.byOperation.set(o.id, kdes)
  for (const m of result.moves) applyMove(ws, op, m, firstIns)
  op.genealogy = result.genealogy.map((g) => ({
    output: mustLot(ws, g.product, g.lot),
    inputs: g.inputs.map((i) => mustLot(ws, i.product, i.lot)),
  }))
  holdDerived(ws, op, undo)
}

/** The KDEs a receipt's request recorded beside its lines, if any (validated by the same schema when it was recorded). */
export function recordedKdes(o: StoredResult['operation']): ReceiptKdes | null {
  if (o.type !== 'receipt' || o.request.kdes === undefined) return null
  const kdes = ReceiptKdes.safeParse(o.request.kdes)
  return kdes.success ? kdes.data : null
}

function mustLot(ws: WorkspaceState, sku: string, name: string): LotRec {
  const lot = findLot(ws, sku, name)
  if (!lot) throw new Error(`unknown lot ${sku}/${name}`)
  return lot
}

/** The public id the next move of `op` gets (for messages: the journal does not keep move ids). */
function nextMoveId(ws: WorkspaceState, op: OperationRec): string {
  return `${op.id}#${ws.moves.length - op.firstMove + 1}`
}

/** Applies one move; lots it brings into stock for the first time are added to `firstIns`. */
function applyMove(ws: WorkspaceState, op: OperationRec, stored: StoredMove, firstIns: LotRec[]): void {
  const m = unpackMove(stored)
  const product = ws.products.get(m.product)
  const from = ws.locations.get(m.from)
  const to = ws.locations.get(m.to)
  if (!product || !from || !to) throw new Error(`move ${nextMoveId(ws, op)} names an unknown product or location`)
  const lot = m.lot === null ? null : product.lots.get(m.lot)
  if (lot === undefined) throw new Error(`move ${nextMoveId(ws, op)} names unknown lot ${m.product}/${m.lot}`)
  const returnOf = m.returnOf ? findMove(ws, m.returnOf) : null
  if (returnOf === undefined) throw new Error(`move ${nextMoveId(ws, op)} returns unknown move ${m.returnOf}`)
  const qty = unitsToQty(m.qty)
  indexMove(ws, { op, product, lot, qty, from, to, package: m.package, returnOf })
  addToQuant(product, lot, from, m.package, -qty)
  addToQuant(product, lot, to, m.package, qty)
  if (lot && lot.firstIn === null && isStockKind(to.kind) && !isStockKind(from.kind)) {
    lot.update({ firstIn: op.date })
    firstIns.push(lot)
  }
}

/** Takes back the newest move: its stock, its place in every index, what it returned. */
function unapplyMove(ws: WorkspaceState, move: MoveRec): void {
  const { product, lot, from, to, qty, returnOf } = move
  addToQuant(product, lot, to, move.package, -qty)
  addToQuant(product, lot, from, move.package, qty)
  ws.moves.pop()
  product.moves.pop()
  lot?.popMove()
  from.moves.pop()
  if (to !== from) to.moves.pop()
  if (returnOf) ws.moves.addReturned(returnOf.index, -qty)
}

/** The move with public id `<operation id>#<n>`, if any. */
export function findMove(ws: WorkspaceState, id: string): MoveRec | undefined {
  const hash = id.lastIndexOf('#')
  const op = ws.operations.get(id.slice(0, hash))
  const n = Number(id.slice(hash + 1))
  if (!op || !Number.isInteger(n) || n < 1 || n > op.moveCount) return undefined
  return ws.moves.at(op.firstMove + n - 1)
}
