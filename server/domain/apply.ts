/**
 * Replaying journal records into the in-memory state. Records were validated before they were
 * written, so applying one cannot fail; the only checks here are assertions against bugs.
 */
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings'
import type { Move, OperationResult } from '../../shared/schemas/operation'
import { unitsToQty } from '../../shared/quantity'
import { sameDates } from './expiry'
import type { JournalRecord, LotDoc } from './records'
import {
  addLot, addOperation, addToQuant, BUILT_IN_LOCATIONS, indexMove, isStockKind, lotKey, newLocation, newLot, newProduct,
  newWorkspace, type LedgerState, type LotRec, type MoveRec, type OperationRec, type WorkspaceState,
} from './state'

/** Applies one record to the state. Records must come in journal order. */
export function applyRecord(state: LedgerState, rec: JournalRecord): void {
  if (rec.seq !== state.seq + 1) throw new Error(`journal out of order: expected ${state.seq + 1}, got ${rec.seq}`)
  state.seq = rec.seq
  if (rec.type === 'workspace.created') return createWorkspace(state, rec.ws, rec.data.name, rec.at)
  const ws = state.workspaces.get(rec.ws)
  if (!ws) throw new Error(`record ${rec.seq} names unknown workspace ${rec.ws}`)
  switch (rec.type) {
    case 'token.created': {
      const d = rec.data
      const token = { id: d.id, workspace: ws.id, name: d.name, role: d.role, hash: d.hash, createdAt: rec.at, createdBy: rec.by, revokedAt: null }
      ws.tokens.set(token.id, token)
      state.tokensByHash.set(token.hash, token)
      return
    }
    case 'token.revoked': {
      const token = ws.tokens.get(rec.data.id)
      if (!token) throw new Error(`record ${rec.seq} revokes unknown token`)
      token.revokedAt = rec.at
      state.tokensByHash.delete(token.hash)
      return
    }
    case 'settings.updated':
      ws.settings = { ...rec.data }
      break
    case 'product.saved': {
      const existing = ws.products.get(rec.data.sku)
      const next = newProduct(existing?.no ?? ws.products.size, rec.data, rec.at, rec.by)
      if (existing) Object.assign(existing, { ...next, moves: existing.moves, quants: existing.quants })
      else ws.products.set(next.sku, next)
      break
    }
    case 'location.saved': {
      const existing = ws.locations.get(rec.data.code)
      if (existing) Object.assign(existing, { name: rec.data.name, kind: rec.data.kind, updatedAt: rec.at, updatedBy: rec.by })
      else ws.locations.set(rec.data.code, newLocation(ws.locations.size, rec.data, false, rec.at, rec.by))
      break
    }
    case 'lots.saved':
      for (const doc of rec.data.lots) saveLot(ws, doc, rec.at, rec.by)
      break
    case 'operation.recorded':
      applyOperation(ws, rec.seq, rec.data.result, rec.at, rec.by)
      break
  }
  ws.changes.push(rec.seq)
}

function createWorkspace(state: LedgerState, id: string, name: string, at: string): void {
  if (state.workspaces.has(id)) throw new Error(`workspace ${id} created twice`)
  const ws = newWorkspace(id, name, at, { ...DEFAULT_SETTINGS })
  for (const l of BUILT_IN_LOCATIONS) ws.locations.set(l.code, newLocation(ws.locations.size, l, true, at, null))
  state.workspaces.set(id, ws)
}

function saveLot(ws: WorkspaceState, doc: LotDoc, at: string, by: JournalRecord['by']): void {
  const lot = ws.lots.get(lotKey(doc.product, doc.previousName ?? doc.name))
  if (!lot) {
    const product = ws.products.get(doc.product)
    if (!product) throw new Error(`lot of unknown product ${doc.product}`)
    addLot(ws, newLot(ws.lotList.length, product, doc, at, by, at, by, null))
    return
  }
  if (doc.previousName !== undefined) {
    ws.lots.delete(lotKey(doc.product, doc.previousName))
    ws.lots.set(lotKey(doc.product, doc.name), lot)
  }
  lot.name = doc.name
  lot.ref = doc.ref
  lot.note = doc.note
  lot.expirationDate = doc.expirationDate
  lot.bestBeforeDate = doc.bestBeforeDate
  lot.removalDate = doc.removalDate
  lot.alertDate = doc.alertDate
  lot.updatedAt = at
  lot.updatedBy = by
}

function applyOperation(
  ws: WorkspaceState, seq: number, result: OperationResult, at: string, by: JournalRecord['by'],
): void {
  const o = result.operation
  for (const t of result.lots) {
    const existing = ws.lots.get(lotKey(t.product, t.name))
    if (existing && sameDates(existing, t)) continue
    saveLot(ws, {
      product: t.product, name: t.name, ref: existing?.ref ?? null, note: existing?.note ?? null,
      expirationDate: t.expirationDate, bestBeforeDate: t.bestBeforeDate, removalDate: t.removalDate, alertDate: t.alertDate,
    }, at, by)
  }
  if (ws.operations.has(o.id)) throw new Error(`operation ${o.id} recorded twice`)
  const op: OperationRec = {
    id: o.id, seq, type: o.type, reference: o.reference, date: o.date, partner: o.partner,
    firstMove: ws.moves.length, moveCount: result.moves.length, genealogy: [], correctionOf: o.correctionOf,
  }
  addOperation(ws, op)
  for (const m of result.moves) applyMove(ws, op, m)
  op.genealogy = result.genealogy.map((g) => ({
    output: mustLot(ws, g.product, g.lot),
    inputs: g.inputs.map((i) => mustLot(ws, i.product, i.lot)),
  }))
}

function mustLot(ws: WorkspaceState, sku: string, name: string): LotRec {
  const lot = ws.lots.get(lotKey(sku, name))
  if (!lot) throw new Error(`unknown lot ${sku}/${name}`)
  return lot
}

function applyMove(ws: WorkspaceState, op: OperationRec, m: Move): void {
  const product = ws.products.get(m.product)
  const from = ws.locations.get(m.from)
  const to = ws.locations.get(m.to)
  if (!product || !from || !to) throw new Error(`move ${m.id} names an unknown product or location`)
  const lot = m.lot === null ? null : mustLot(ws, m.product, m.lot)
  const returnOf = m.returnOf ? findMove(ws, m.returnOf) : null
  if (returnOf === undefined) throw new Error(`move ${m.id} returns unknown move ${m.returnOf}`)
  const index = ws.moves.length
  const move: MoveRec = {
    index, op, n: index - op.firstMove + 1, product, lot, qty: unitsToQty(m.qty), from, to,
    package: m.package, returnOf, returned: 0,
  }
  indexMove(ws, move)
  addToQuant(ws, product, lot, from, m.package, -move.qty)
  addToQuant(ws, product, lot, to, m.package, move.qty)
  if (lot && lot.firstIn === null && isStockKind(to.kind) && !isStockKind(from.kind)) lot.firstIn = op.date
}

/** The move with public id `<operation id>#<n>`, if any. */
export function findMove(ws: WorkspaceState, id: string): MoveRec | undefined {
  const hash = id.lastIndexOf('#')
  const op = ws.operations.get(id.slice(0, hash))
  const n = Number(id.slice(hash + 1))
  if (!op || !Number.isInteger(n) || n < 1 || n > op.moveCount) return undefined
  return ws.moves[op.firstMove + n - 1]
}
