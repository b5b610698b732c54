/**
 * Snapshots of the ledger state as plain data, so a restart loads them and replays only the
 * journal written since. The journal stays the truth: a snapshot is a cache of its replay.
 *
 * `cutSnapshot` copies what can still change (lots, quants, master data) at once; moves,
 * operations and change lists only ever grow, so their first n entries are read later, in
 * chunks, while the server goes on working. Chunks are columns of plain values: the fastest
 * shape for JSON to parse.
 */
import { assertNever } from '../../shared/assert-never'
import type { Actor } from '../../shared/schemas/common'
import { OPERATION_TYPE_INFO, operationTypeOfCode, type OperationType } from '../../shared/operation-types'
import { withSettingDefaults, type Settings } from '../../shared/schemas/settings'
import {
  addLot, addOperation, indexMoveFields, LotRec, newLocation, newLot, newProduct, newWorkspace,
  type LedgerState, type LocationRec, type OperationRec, type PartnerRec, type ProductRec, type TokenRec, type WorkspaceState,
} from './state'
import { addQuant, quantCount } from './quants'
import {
  changeListParts, cutTables, decodeColumns, infoOfRow, lotTableParts, moveTableParts, NONE, quantTableParts,
  type InfoRow, type LotTablePart, type MoveTablePart, type QuantTablePart, type TablePart,
} from './snapshot-tables'
import { fromBase64 } from './typed-base64'
import { recallRow, restoreRecalls } from './snapshot-recalls'

/**
 * Version 5 writes lots, quants, moves and change lists as typed columns (`snapshot-tables.ts`);
 * version 4 adds each workspace's recalls; version 3 stores operation types by their fixed code
 * (OPERATION_TYPE_INFO). The earlier ones still load (those before 4 were written before any recall).
 */
export const SNAPSHOT_VERSION = 5
/** Version 2 stored an operation type by its place in this list, the list as it was then. */
const V2_TYPES: readonly OperationType[] = ['receipt', 'delivery', 'internal', 'scrap', 'adjustment', 'production', 'return']
const CHUNK = 20_000

type Row = unknown[]

interface WorkspaceHead {
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
  /** How many lots each product has, by product number (so a restart sizes its indexes once); absent before version 5. */
  productLots?: number[]
  /** One row per recall (see `recallRow`); absent before version 4. */
  recalls?: Row[]
  /**
   * Partners as they are kept; absent in snapshots written before partners were (as are the FSMA
   * fields at the end of product and location rows): those load with none, nothing else changed.
   */
  partners?: PartnerRec[]
}

interface LotColumns {
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

interface OperationColumns {
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

interface MoveColumns {
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

const NO_ACTOR = -1
/** Shared by every operation without genealogy (never mutated: apply assigns a new array). */
const NO_GENEALOGY: OperationRec['genealogy'] = []

/** A consistent cut of `state`: its position and a generator of its parts. */
export function cutSnapshot(state: LedgerState): { seq: number; parts: Iterable<SnapshotPart> } {
  const seq = state.seq
  const cuts = [...state.workspaces.values()].map((ws) => {
    const actors = new Map<string, number>()
    const actorNo = (a: Actor | null) => {
      if (!a) return NO_ACTOR
      const key = `${a.token}\u0000${a.name}`
      let no = actors.get(key)
      if (no === undefined) actors.set(key, (no = actors.size))
      return no
    }
    const tables = cutTables(ws, actorNo)
    const productLots = new Array<number>(ws.products.size).fill(0)
    for (const no of tables.lotProduct) productLots[no]++
    const head: WorkspaceHead = {
      id: ws.id, name: ws.name, createdAt: ws.createdAt, settings: { ...ws.settings },
      tokens: [...ws.tokens.values()].map((t) => ({ ...t })),
      actors: [...actors.keys()].map((k) => k.split('\u0000') as [string, string]),
      products: [...ws.products.values()].map((p) => [p.sku, p.name, p.uom, p.tracking, p.gtin, p.expiry, p.updatedAt, p.updatedBy, p.foodTraceabilityList]),
      locations: [...ws.locations.values()].map((l) => [l.code, l.name, l.kind, l.builtIn, l.updatedAt, l.updatedBy, l.gln, l.fdaRegistration]),
      partners: [...ws.partners.values()].map((p) => ({ ...p })),
      lots: ws.lotList.length, quants: tables.quants.qty.length, operations: ws.operations.size, moves: ws.moves.length, changes: ws.changes.length,
      productLots,
      recalls: [...ws.recalls.values()].map(recallRow),
    }
    return { ws, head, tables, actorNo }
  })
  function* parts(): Generator<SnapshotPart> {
    yield { kind: 'head', version: SNAPSHOT_VERSION, seq, workspaces: cuts.map((c) => c.head) }
    for (const { ws, head, tables, actorNo } of cuts) {
      yield* lotTableParts(ws.id, tables, actorNo)
      yield* quantTableParts(ws.id, tables)
      yield* operationChunks(ws, head.operations)
      yield* moveTableParts(ws, head.moves)
      yield* changeListParts(ws, head.changes)
    }
  }
  return { seq, parts: parts() }
}

function* operationChunks(ws: WorkspaceState, count: number): Generator<SnapshotPart> {
  const empty = (): OperationColumns => ({ id: [], seq: [], type: [], reference: [], date: [], partner: [], moveCount: [], correctionOf: [], genealogy: [] })
  let c = empty()
  let seen = 0
  for (const op of ws.operations.values()) {
    if (seen++ === count) break
    const k = c.id.length
    c.id.push(op.id)
    c.seq.push(op.seq)
    c.type.push(OPERATION_TYPE_INFO[op.type].code)
    c.reference.push(op.reference)
    c.date.push(op.date)
    c.partner.push(op.partner)
    c.moveCount.push(op.moveCount)
    if (op.correctionOf !== null) c.correctionOf.push([k, op.correctionOf])
    if (op.genealogy.length) c.genealogy.push([k, op.genealogy.map((g) => [g.output.no, g.inputs.map((i) => i.no)])])
    if (c.id.length === CHUNK) {
      yield { kind: 'operations', ws: ws.id, cols: c }
      c = empty()
    }
  }
  if (c.id.length) yield { kind: 'operations', ws: ws.id, cols: c }
}

/** Rebuilds a state from snapshot parts pushed in order. */
export class SnapshotRestorer {
  #state: LedgerState | null = null
  readonly #heads = new Map<string, WorkspaceHead>()
  #ws: WorkspaceState | null = null
  #actors: Array<Actor | null> = []
  #products: ProductRec[] = []
  #locations: LocationRec[] = []
  #ops: OperationRec[] = []
  #opCursor = 0
  #nextMove = 0
  #typeOf: (stored: number) => OperationType = operationTypeOfCode
  /**
   * One copy of each time and date read: JSON gives every lot its own copy of its record's time
   * (V8 shares only strings up to 10 characters), 80 bytes a lot, though lots come by thousands
   * from one record. Each place has its own last string, so that those lots cost no lookup.
   */
  readonly #strings = new Map<string, string>()
  readonly #lotTime = interner(this.#strings)
  readonly #firstIn = interner(this.#strings)
  readonly #operationDate = interner(this.#strings)

  push(part: SnapshotPart): void {
    if (part.kind === 'head') return this.#head(part)
    const ws = this.#workspace(part.ws)
    switch (part.kind) {
      case 'lots':
        return this.#lots(ws, part.cols)
      case 'quants':
        return this.#quants(ws, part.rows)
      case 'operations':
        return this.#operations(ws, part.cols)
      case 'moves':
        return this.#moves(ws, part.cols)
      case 'changes':
        for (const seq of part.rows as unknown as number[]) ws.changes.push(seq)
        return
      case 'lot-table':
        return this.#lotTable(ws, part)
      case 'quant-table':
        return this.#quantTable(ws, part)
      case 'move-table':
        return this.#moveTable(ws, part)
      case 'change-list':
        for (const seq of fromBase64(part.seqs, Float64Array)) ws.changes.push(seq)
        return
      default:
        return assertNever(part, 'snapshot part')
    }
  }

  #head(part: Extract<SnapshotPart, { kind: 'head' }>): void {
    if (part.version === 2) this.#typeOf = v2Type
    else if (part.version !== SNAPSHOT_VERSION && part.version !== 4 && part.version !== 3) {
      throw new Error(`snapshot version ${part.version} is not ${SNAPSHOT_VERSION} (nor 4, 3 or 2, which are still read)`)
    }
    const state: LedgerState = { seq: part.seq, workspaces: new Map(), tokensByHash: new Map() }
    for (const h of part.workspaces) {
      this.#heads.set(h.id, h)
      const ws = newWorkspace(h.id, h.name, h.createdAt, withSettingDefaults(h.settings))
      for (const t of h.tokens) {
        ws.tokens.set(t.id, t)
        if (t.revokedAt === null) state.tokensByHash.set(t.hash, t)
      }
      h.products.forEach(([sku, name, uom, tracking, gtin, expiry, updatedAt, updatedBy, foodTraceabilityList]: any[], no) =>
        ws.products.set(sku, newProduct(no, { sku, name, uom, tracking, gtin, expiry, foodTraceabilityList }, updatedAt, updatedBy)),
      )
      h.locations.forEach(([code, name, kind, builtIn, updatedAt, updatedBy, gln, fdaRegistration]: any[], no) =>
        ws.locations.set(code, newLocation(no, { code, name, kind, gln, fdaRegistration }, builtIn, updatedAt, updatedBy)),
      )
      for (const p of h.partners ?? []) ws.partners.set(p.code, p)
      // Sized once for what is loaded: growing them lot by lot and move by move copies them many times.
      const products = [...ws.products.values()]
      h.productLots?.forEach((count, no) => products[no]?.lots.reserve(count))
      ws.moves.reserve(h.moves)
      state.workspaces.set(ws.id, ws)
    }
    this.#state = state
  }

  #workspace(id: string): WorkspaceState {
    if (this.#ws?.id !== id) {
      const ws = this.#state?.workspaces.get(id)
      if (!ws) throw new Error(`snapshot part of unknown workspace ${id}`)
      this.#ws = ws
      this.#actors = this.#heads.get(id)!.actors.map(([token, name]) => ({ token, name }))
      this.#products = [...ws.products.values()]
      this.#locations = [...ws.locations.values()]
      this.#ops = []
      this.#opCursor = 0
      this.#nextMove = 0
    }
    return this.#ws
  }

  #lots(ws: WorkspaceState, c: LotColumns): void {
    const actor = (no: number) => (no === NO_ACTOR ? null : this.#actors[no])
    const first = ws.lotList.length
    for (let k = 0; k < c.name.length; k++) {
      const dates = {
        name: c.name[k], ref: c.ref[k], note: c.note[k], expirationDate: c.expirationDate[k],
        bestBeforeDate: c.bestBeforeDate[k], removalDate: c.removalDate[k], alertDate: c.alertDate[k],
      }
      const createdAt = this.#lotTime(c.createdAt[k])
      addLot(ws, newLot(ws.lotList.length, this.#products[c.product[k]], dates, createdAt, actor(c.createdBy[k]),
        this.#lotTime(c.updatedAt[k]) ?? createdAt, actor(c.updatedBy[k]), this.#firstIn(c.firstIn[k])))
    }
    for (const k of c.monthExpiry ?? []) ws.lotList[first + k].update({ expirationPrecision: 'month' })
  }

  #quants(ws: WorkspaceState, rows: Row[]): void {
    for (const [p, l, loc, pkg, qty] of rows as Array<[number, number, number, string | null, number]>) {
      const product = this.#products[p]
      const lot: LotRec | null = l >= 0 ? ws.lotList[l] : null
      const location = this.#locations[loc]
      addQuant({ product, lot, location, package: pkg, qty })
    }
  }

  #lotTable(ws: WorkspaceState, part: LotTablePart): void {
    const product = fromBase64(part.product, Int32Array)
    const info = fromBase64(part.info, Int32Array)
    if (product.length !== part.name.length || info.length !== part.name.length) throw new Error('snapshot lot table has columns of different lengths')
    const actor = (no: number) => (no === NO_ACTOR ? null : this.#actors[no])
    const infos = part.infos.map((row: InfoRow) => infoOfRow(row, actor, this.#lotTime))
    for (let k = 0; k < part.name.length; k++) {
      addLot(ws, new LotRec(ws.lotList.length, this.#products[product[k]], part.name[k], infos[info[k]]))
    }
  }

  #quantTable(ws: WorkspaceState, part: QuantTablePart): void {
    const c = decodeColumns(part, ['product', 'lot', 'location'], ['qty'])
    const packages = new Map(part.package)
    for (let k = 0; k < c.length; k++) {
      const l = c.lot[k]
      addQuant({ product: this.#products[c.product[k]], lot: l === NONE ? null : ws.lotList[l], location: this.#locations[c.location[k]], package: packages.get(k) ?? null, qty: c.qty[k] })
    }
  }

  #moveTable(ws: WorkspaceState, part: MoveTablePart): void {
    const c = decodeColumns(part, ['product', 'lot', 'from', 'to'], ['qty'])
    const packages = new Map(part.package)
    const returns = new Map(part.returnOf)
    const start = ws.moves.length
    for (let k = 0; k < c.length; k++) {
      const l = c.lot[k]
      this.#addMove(ws, start + k, this.#products[c.product[k]], l === NONE ? null : ws.lotList[l], c.qty[k],
        this.#locations[c.from[k]], this.#locations[c.to[k]], packages.get(k) ?? null, returns.get(k) ?? -1)
    }
  }

  /** Indexes move `index` under the operation it belongs to. */
  #addMove(
    ws: WorkspaceState, index: number, product: ProductRec, lot: LotRec | null, qty: number, from: LocationRec, to: LocationRec, pkg: string | null, returnOf: number,
  ): void {
    while (this.#ops[this.#opCursor].firstMove + this.#ops[this.#opCursor].moveCount <= index) this.#opCursor++
    indexMoveFields(ws, this.#ops[this.#opCursor], product, lot, qty, from, to, pkg, returnOf)
  }

  #operations(ws: WorkspaceState, c: OperationColumns): void {
    const corrections = new Map(c.correctionOf)
    const genealogy = new Map(c.genealogy)
    for (let k = 0; k < c.id.length; k++) {
      const op: OperationRec = {
        id: c.id[k], seq: c.seq[k], type: this.#typeOf(c.type[k]), reference: c.reference[k], date: this.#operationDate(c.date[k]),
        partner: c.partner[k], firstMove: this.#nextMove, moveCount: c.moveCount[k], correctionOf: corrections.get(k) ?? null,
        genealogy: genealogy.get(k)?.map(([o, ins]) => ({ output: ws.lotList[o], inputs: ins.map((i) => ws.lotList[i]) })) ?? NO_GENEALOGY,
      }
      this.#nextMove += op.moveCount
      addOperation(ws, op)
      this.#ops.push(op)
    }
  }

  #moves(ws: WorkspaceState, c: MoveColumns): void {
    const start = ws.moves.length
    const packages = new Map(c.package)
    const returns = new Map(c.returnOf)
    for (let k = 0; k < c.product.length; k++) {
      this.#addMove(ws, start + k, this.#products[c.product[k]], c.lot[k] >= 0 ? ws.lotList[c.lot[k]] : null, c.qty[k],
        this.#locations[c.from[k]], this.#locations[c.to[k]], packages.get(k) ?? null, returns.get(k) ?? -1)
    }
  }

  /** The rebuilt state; every part must have been pushed. */
  finish(): LedgerState {
    if (!this.#state) throw new Error('snapshot has no head')
    for (const ws of this.#state.workspaces.values()) {
      const h = this.#heads.get(ws.id)!
      const complete =
        ws.lotList.length === h.lots && quantCount(ws) === h.quants && ws.operations.size === h.operations &&
        ws.moves.length === h.moves && ws.changes.length === h.changes
      if (!complete) throw new Error(`snapshot of workspace ${ws.id} is incomplete`)
      restoreRecalls(ws, h.recalls ?? [])
    }
    this.#strings.clear()
    return this.#state
  }
}

/** Returns the copy of a string kept in `pool` (adding it when new), remembering the last one asked. */
function interner(pool: Map<string, string>): <T extends string | null>(s: T) => T {
  let last: string | null = null
  return <T extends string | null>(s: T): T => {
    if (s === null || s === last) return (s === null ? s : last) as T
    let known = pool.get(s)
    if (known === undefined) pool.set(s, (known = s))
    last = known
    return known as T
  }
}

function v2Type(position: number): OperationType {
  const type = V2_TYPES[position]
  if (type === undefined) throw new Error(`operation type ${position} is unknown in a version 2 snapshot`)
  return type
}
