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
  BUILT_IN_LOCATIONS, isStockKind, lotKey, quantKey,
  type LedgerState, type LocationRec, type LotRec, type MoveRec, type OperationRec, type ProductRec, type WorkspaceState,
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
      const token = { ...rec.data, workspace: ws.id, createdAt: rec.at, createdBy: rec.by, revokedAt: null }
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
      const fields = { ...rec.data, updatedAt: rec.at, updatedBy: rec.by }
      if (existing) Object.assign(existing, fields)
      else ws.products.set(rec.data.sku, { ...fields, moves: [], quants: new Set() })
      break
    }
    case 'location.saved': {
      const existing = ws.locations.get(rec.data.code)
      const fields = { ...rec.data, updatedAt: rec.at, updatedBy: rec.by }
      if (existing) Object.assign(existing, fields)
      else ws.locations.set(rec.data.code, { ...fields, builtIn: false, moves: [] })
      break
    }
    case 'lots.saved':
      for (const doc of rec.data.lots) saveLot(ws, doc, rec.at, rec.by)
      break
    case 'operation.recorded':
      applyOperation(ws, rec.seq, rec.data.hash, rec.data.result, rec.at, rec.by)
      break
  }
  ws.changes.push(rec.seq)
}

function createWorkspace(state: LedgerState, id: string, name: string, at: string): void {
  if (state.workspaces.has(id)) throw new Error(`workspace ${id} created twice`)
  const locations = new Map<string, LocationRec>()
  for (const l of BUILT_IN_LOCATIONS) {
    locations.set(l.code, { ...l, builtIn: true, updatedAt: at, updatedBy: null, moves: [] })
  }
  state.workspaces.set(id, {
    id, name, createdAt: at, settings: { ...DEFAULT_SETTINGS },
    products: new Map(), locations, lots: new Map(), lotList: [], operations: new Map(), byReference: new Map(),
    moves: [], quants: new Map(), changes: [], tokens: new Map(),
  })
}

function saveLot(ws: WorkspaceState, doc: LotDoc, at: string, by: JournalRecord['by']): LotRec {
  const { previousName, ...fields } = doc
  let lot = ws.lots.get(lotKey(doc.product, previousName ?? doc.name))
  if (lot) {
    if (previousName !== undefined) {
      ws.lots.delete(lotKey(doc.product, previousName))
      ws.lots.set(lotKey(doc.product, doc.name), lot)
    }
    Object.assign(lot, { ...fields, product: lot.product, updatedAt: at, updatedBy: by })
    return lot
  }
  const product = ws.products.get(doc.product)
  if (!product) throw new Error(`lot of unknown product ${doc.product}`)
  lot = {
    ...fields, product, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by,
    moves: [], quants: new Set(), onHand: 0, firstIn: null,
  }
  ws.lots.set(lotKey(doc.product, doc.name), lot)
  ws.lotList.push(lot)
  return lot
}

function applyOperation(
  ws: WorkspaceState, seq: number, hash: string, result: OperationResult, at: string, by: JournalRecord['by'],
): void {
  const o = result.operation
  for (const t of result.lots) {
    const existing = ws.lots.get(lotKey(t.product, t.name))
    const { created: _created, ...fields } = t
    if (existing && sameDates(existing, fields)) continue
    saveLot(ws, { ref: existing?.ref ?? null, note: existing?.note ?? null, ...fields }, at, by)
  }
  const op: OperationRec = {
    id: o.id, seq, type: o.type, reference: o.reference, date: o.date, partner: o.partner, hash,
    firstMove: ws.moves.length, moveCount: result.moves.length, genealogy: [], correctionOf: o.correctionOf,
  }
  if (ws.operations.has(op.id)) throw new Error(`operation ${op.id} recorded twice`)
  ws.operations.set(op.id, op)
  const sameRef = ws.byReference.get(op.reference)
  if (sameRef) sameRef.push(op)
  else ws.byReference.set(op.reference, [op])
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
  const qty = unitsToQty(m.qty)
  const move: MoveRec = {
    index: ws.moves.length, op, n: ws.moves.length - op.firstMove + 1, product, lot, qty, from, to,
    package: m.package, returnOf: null, returned: 0,
  }
  if (m.returnOf) {
    const original = findMove(ws, m.returnOf)
    if (!original) throw new Error(`move ${m.id} returns unknown move ${m.returnOf}`)
    move.returnOf = original
    original.returned += qty
  }
  ws.moves.push(move)
  product.moves.push(move.index)
  lot?.moves.push(move.index)
  from.moves.push(move.index)
  if (to !== from) to.moves.push(move.index)
  addToQuant(ws, product, lot, from, m.package, -qty)
  addToQuant(ws, product, lot, to, m.package, qty)
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

function addToQuant(
  ws: WorkspaceState, product: ProductRec, lot: LotRec | null, location: LocationRec, pkg: string | null, delta: number,
): void {
  if (!isStockKind(location.kind)) return
  const key = quantKey(product.sku, lot?.name ?? null, location.code, pkg)
  let quant = ws.quants.get(key)
  if (!quant) {
    quant = { key, product, lot, location, package: pkg, qty: 0 }
    ws.quants.set(key, quant)
    product.quants.add(quant)
    lot?.quants.add(quant)
  }
  quant.qty += delta
  if (lot) lot.onHand += delta
  if (quant.qty === 0) {
    ws.quants.delete(key)
    product.quants.delete(quant)
    lot?.quants.delete(quant)
  }
}
