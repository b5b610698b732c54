/**
 * Traceability walks. Each costs what the lot's genealogy holds (per-lot move lists and the
 * production links of the operations met), never the size of the ledger, and is bounded.
 */
import { qtyToNumber } from '../../../shared/quantity'
import type { OperationType } from '../../../shared/operation-types'
import { moveId } from '../docs'
import { isStockKind, type LotRec, type MoveRec, type WorkspaceState } from '../state'

export type Direction = 'upstream' | 'downstream' | 'both'

/** Most rows one trace returns; past it the answer says `truncated`. */
export const TRACE_MAX_ROWS = 50_000
/** Deepest genealogy level a trace follows. */
export const TRACE_MAX_DEPTH = 100

export interface TraceRow {
  direction: 'upstream' | 'downstream'
  level: number
  reference: string
  product: string
  productName: string
  date: string
  lot: string | null
  from: string
  to: string
  qty: number
  uom: string
  operationType: OperationType
  operation: string
  move: string
}

export interface TraceAnswer {
  rows: TraceRow[]
  truncated: boolean
}

/** Moves of a lot in date order (journal order breaks ties). */
export function lotMoves(ws: WorkspaceState, lot: LotRec): MoveRec[] {
  return lot.moves.map((i) => ws.moves.at(i)).sort((a, b) => a.op.date.localeCompare(b.op.date) || a.index - b.index)
}

const isConsumption = (m: MoveRec) => m.op.type === 'production' && m.to.kind === 'production'
const isProductionOutput = (m: MoveRec) => m.op.type === 'production' && m.from.kind === 'production'
const isIncoming = (m: MoveRec) => isStockKind(m.to.kind) && !isStockKind(m.from.kind)

/**
 * The traceability report of a lot as a tree in reading order. Level 0 holds the lot's own
 * moves (only those that brought it in, for `upstream`); after a move that produced it come the
 * consumed lots that made it (upstream, one level deeper); after a move that consumed it come
 * the lots made from it (downstream, one level deeper).
 */
export function trace(ws: WorkspaceState, lot: LotRec, direction: Direction): TraceAnswer {
  const rows: TraceRow[] = []
  let truncated = false
  const seenUp = new Set<LotRec>()
  const seenDown = new Set<LotRec>()

  const emit = (m: MoveRec, dir: TraceRow['direction'], level: number): boolean => {
    if (rows.length >= TRACE_MAX_ROWS) {
      truncated = true
      return false
    }
    rows.push({
      direction: dir, level, reference: m.op.reference, product: m.product.sku, productName: m.product.name, date: m.op.date,
      lot: m.lot?.name ?? null, from: m.from.code, to: m.to.code, qty: qtyToNumber(m.qty), uom: m.product.uom,
      operationType: m.op.type, operation: m.op.id, move: moveId(m),
    })
    return true
  }

  /** The consumed lots that made `output` in the operation of move `m`, with their consumption moves. */
  const inputsOf = (m: MoveRec, output: LotRec, level: number) => {
    const link = m.op.genealogy.find((g) => g.output === output)
    if (!link) return
    for (const input of link.inputs) {
      for (let i = m.op.firstMove; i < m.op.firstMove + m.op.moveCount; i++) {
        const c = ws.moves.at(i)
        if (c.lot === input && isConsumption(c) && !emit(c, 'upstream', level)) return
      }
      up(input, level)
    }
  }

  const up = (l: LotRec, level: number) => {
    if (seenUp.has(l)) return
    if (level > TRACE_MAX_DEPTH) return void (truncated = true)
    seenUp.add(l)
    for (const m of lotMoves(ws, l)) {
      if (!isIncoming(m)) continue
      if (!emit(m, 'upstream', level)) return
      if (isProductionOutput(m)) inputsOf(m, l, level + 1)
    }
  }

  const down = (l: LotRec, level: number, withOrigins: boolean) => {
    if (seenDown.has(l)) return
    if (level > TRACE_MAX_DEPTH) return void (truncated = true)
    seenDown.add(l)
    for (const m of lotMoves(ws, l)) {
      if (!emit(m, 'downstream', level)) return
      if (withOrigins && isProductionOutput(m)) inputsOf(m, l, level + 1)
      if (isConsumption(m)) {
        for (const g of m.op.genealogy) if (g.inputs.includes(l)) down(g.output, level + 1, false)
      }
    }
  }

  if (direction === 'upstream') up(lot, 0)
  else down(lot, 0, direction === 'both')
  return { rows, truncated }
}

/** Every lot made from `lot`, directly or through further production, `lot` first. */
export function descendants(ws: WorkspaceState, lot: LotRec, max: number): { lots: LotRec[]; truncated: boolean } {
  const found = new Set<LotRec>([lot])
  const queue = [lot]
  while (queue.length > 0) {
    const l = queue.shift()!
    for (const i of l.moves) {
      const m = ws.moves.at(i)
      if (!isConsumption(m)) continue
      for (const g of m.op.genealogy) {
        if (!g.inputs.includes(l) || found.has(g.output)) continue
        if (found.size >= max) return { lots: [...found], truncated: true }
        found.add(g.output)
        queue.push(g.output)
      }
    }
  }
  return { lots: [...found], truncated: false }
}
