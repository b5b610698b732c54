/**
 * The EPCIS 2.0 export: which operations a request covers (a date range, or a lot traced both
 * ways), what of them GS1's identifiers cannot express, and the events in journal order.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import { LedgerError } from '../domain/errors'
import { lotOrNotFound, operationMoves, type LotRec, type MoveRec, type OperationRec, type ProductRec, type WorkspaceState } from '../domain/state'
import { trace, TRACE_MAX_ROWS } from '../domain/queries/trace'
import { findMove } from '../domain/apply-operation'
import { byLocations, objectEvent, type EpcisEvent, type EventContext } from './epcis-events'
import { gs1ValueProblem, unitCode } from './epcis-ids'
import { productionEvents } from './epcis-production'
import type { LotOrRange } from './report'

/** What a request asks for: operations dated in a range (instants), or one lot traced both ways. */
export type EpcisScope = LotOrRange

/** Something of the ledger an EPCIS document cannot carry, and how many moves it leaves out. */
export interface Omission {
  product: string
  lot: string | null
  problem: string
  moves: number
}

/** The operations of a request, each with the moves it covers (all of them for a date range). */
export interface EpcisSelection {
  /** `wanted`: the indexes of the moves asked for, when not all of the operation's. */
  ops(): Iterable<{ op: OperationRec; moves: readonly MoveRec[]; wanted?: ReadonlySet<number> }>
  /** Set when the lot's trace is longer than a trace returns: the rest of it is not in the document. */
  truncated: boolean
}

/** The operations dated in `after`..`before` recorded before `end` (the number of moves when the request came). */
function rangeSelection(ws: WorkspaceState, after: string | undefined, before: string | undefined, end: number): EpcisSelection {
  return {
    truncated: false,
    *ops() {
      for (const op of ws.operations.values()) {
        // Operations are kept in journal order: from here on all were recorded after the request.
        if (op.firstMove >= end) return
        if ((after !== undefined && op.date < after) || (before !== undefined && op.date >= before)) continue
        yield { op, moves: operationMoves(ws, op) }
      }
    },
  }
}

/** The moves of a lot's trace upstream and downstream, by operation in journal order. */
function lotSelection(ws: WorkspaceState, lot: LotRec): EpcisSelection {
  const { rows, truncated } = trace(ws, lot, 'both')
  const byOp = new Map<OperationRec, MoveRec[]>()
  for (const row of rows) {
    const m = findMove(ws, row.move)!
    const list = byOp.get(m.op)
    if (!list) byOp.set(m.op, [m])
    else if (!list.some((x) => x.index === m.index)) list.push(m)
  }
  const ops = [...byOp].sort(([a], [b]) => a.seq - b.seq || a.firstMove - b.firstMove)
  return {
    truncated,
    *ops() {
      for (const [op, moves] of ops) yield { op, moves: moves.sort((a, b) => a.n - b.n), wanted: new Set(moves.map((m) => m.index)) }
    },
  }
}

/** The selection of `scope`; unknown products and lots answer 404. */
export function selectEpcis(ws: WorkspaceState, scope: EpcisScope): EpcisSelection {
  if (scope.kind === 'lot') return lotSelection(ws, lotOrNotFound(ws, scope.product, scope.lot))
  return rangeSelection(ws, scope.after, scope.before, ws.moves.length)
}

/** Why a move cannot be expressed, per product and lot (asked once each: a million moves ask often). */
export class Completeness {
  readonly #products = new Map<ProductRec, string | null>()
  readonly #lots = new Map<LotRec, string | null>()
  readonly #omissions = new Map<string, Omission>()

  /** Why `m` cannot be written with GS1 identifiers, or null when it can. */
  problem(m: MoveRec): string | null {
    let problem = this.#products.get(m.product)
    if (problem === undefined) {
      const p = m.product
      problem = p.gtin === null ? 'has no GTIN' : unitCode(p.uom) === null ? `its unit "${p.uom}" has no UN/CEFACT code` : null
      this.#products.set(p, problem)
    }
    if (problem !== null || m.lot === null) return problem
    let lotProblem = this.#lots.get(m.lot)
    if (lotProblem === undefined) {
      const serial = m.product.tracking === 'serial'
      const why = gs1ValueProblem(serial ? '21' : '10', m.lot.name)
      lotProblem = why === null ? null : `${serial ? 'serial' : 'lot'} "${m.lot.name}" is not a GS1 ${serial ? 'serial (AI 21)' : 'lot (AI 10)'}: ${why}`
      this.#lots.set(m.lot, lotProblem)
    }
    return lotProblem
  }

  /** Counts `m` among the omissions when it cannot be expressed; true when it cannot. */
  check(m: MoveRec): boolean {
    const problem = this.problem(m)
    if (problem === null) return false
    const lot = this.#products.get(m.product) === null ? m.lot?.name ?? null : null
    const key = `${m.product.sku}\u0000${lot ?? ''}`
    const o = this.#omissions.get(key)
    if (o) o.moves++
    else this.#omissions.set(key, { product: m.product.sku, lot, problem, moves: 1 })
    return true
  }

  omissions(): Omission[] {
    return [...this.#omissions.values()]
  }
}

/** Milliseconds the check works before it lets other requests in (a year of a 1M-move ledger takes about 300). */
const CHECK_SLICE_MS = 10

/**
 * Every omission of `selection`: the moves its events would hold that GS1's identifiers cannot
 * express. Checked before the first byte is sent, in slices, so that the server goes on answering
 * meanwhile: operations and moves are never changed once recorded, and a range stops at the moves
 * there were when the request came.
 */
export async function omissionsOf(selection: EpcisSelection, completeness: Completeness, ws: WorkspaceState): Promise<Omission[]> {
  let sliceStart = performance.now()
  for (const { op, moves, wanted } of selection.ops()) {
    // A lot's trace holds a production's outputs; its events name all the inputs that made them.
    const checked = wanted && op.type === 'production' ? operationMoves(ws, op).filter((m) => wanted.has(m.index) || m.to.kind === 'production') : moves
    for (const m of checked) completeness.check(m)
    if (performance.now() - sliceStart >= CHECK_SLICE_MS) {
      await nextTurn()
      sliceStart = performance.now()
    }
  }
  const found = completeness.omissions()
  if (selection.truncated) {
    found.push({ product: '', lot: null, problem: `the lot's trace is longer than ${TRACE_MAX_ROWS} moves; export it by date range`, moves: 0 })
  }
  return found
}

/** Omissions that are too many to name one by one in a refusal. */
const NAMED_MAX = 1000

/** The 422 answer of a document that would leave `omissions` out. */
export function incompleteError(omissions: readonly Omission[]): LedgerError {
  const moves = omissions.reduce((sum, o) => sum + o.moves, 0)
  const products = new Set(omissions.map((o) => o.product).filter((p) => p !== ''))
  const details = omissions.slice(0, NAMED_MAX).map((o) => ({
    path: o.lot === null ? o.product || 'trace' : `${o.product}/${o.lot}`,
    message: o.moves ? `${o.problem} (${o.moves} ${o.moves === 1 ? 'move' : 'moves'})` : o.problem,
  }))
  const what = products.size ? `${moves} ${moves === 1 ? 'move' : 'moves'} of ${products.size} ${products.size === 1 ? 'product' : 'products'}` : 'part of the trace'
  return new LedgerError(
    'epcis_incomplete',
    `EPCIS cannot express ${what} (details name each); give them GTINs, or ask with skipIncomplete=true to leave them out`,
    details,
  )
}

/** The events of `selection`, made one operation at a time as the document is written. */
export function* epcisEvents(c: EventContext, selection: EpcisSelection): Generator<EpcisEvent> {
  for (const { op, moves, wanted } of selection.ops()) {
    if (op.type === 'production') {
      yield* productionEvents(c, op, wanted)
      continue
    }
    for (const g of byLocations(moves)) {
      const event = objectEvent(c, op, g.from, g.to, g.moves)
      if (event) yield event
    }
  }
}
