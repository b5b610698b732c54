/** Rebuilding a ledger state from the parts of a snapshot, of this version or an earlier one. */
import { assertNever } from '../../shared/assert-never'
import type { Actor } from '../../shared/schemas/common'
import { operationTypeOfCode, type OperationType } from '../../shared/operation-types'
import { withSettingDefaults } from '../../shared/schemas/settings'
import {
  addLot, addOperation, indexMoveFields, LotRec, newLocation, newLot, newProduct, newWorkspace,
  type LedgerState, type LocationRec, type OperationRec, type ProductRec, type WorkspaceState,
} from './state'
import { addQuant, quantCount } from './quants'
import {
  NO_ACTOR, SNAPSHOT_VERSION, V2_TYPES,
  type LotColumns, type MoveColumns, type OperationColumns, type Row, type SnapshotPart, type WorkspaceHead,
} from './snapshot-parts'
import type { LotDateSet, LotStamps } from './lot-info'
import { restoreRecalls } from './snapshot-recalls'
import {
  datesOfRow, decodeColumns, INFO_DATES, infoOfRow, NONE, stampsOfRow,
  type InfoDate, type Intern, type LotTablePart, type LotTablePartV6, type MoveTablePart, type QuantTablePart,
} from './snapshot-tables'
import { ColumnScratch } from './typed-base64'

/** Shared by every operation without genealogy (never mutated: apply assigns a new array). */
const NO_GENEALOGY: OperationRec['genealogy'] = []

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
  /** The buffers table parts are decoded into, used again part after part. */
  readonly #scratch = new ColumnScratch()
  /**
   * One copy of each time and date read: JSON gives every lot its own copy of its record's time
   * (V8 shares only strings up to 10 characters), 80 bytes a lot, though lots come by thousands
   * from one record. Each place has its own last string, so that those lots cost no lookup.
   * (Stopping the lookups where the first thousands of strings were mostly new was tried: at 10M
   * moves the start took as long, and the heap after it held 265 MB more.)
   */
  readonly #strings = new Map<string, string>()
  readonly #lotTime = interner(this.#strings)
  readonly #firstIn = interner(this.#strings)
  readonly #operationDate = interner(this.#strings)
  readonly #infoDates = Object.fromEntries(INFO_DATES.map((k) => [k, interner(this.#strings)])) as Record<InfoDate, Intern>

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
        this.#scratch.reset()
        for (const seq of this.#scratch.read(part.seqs, Float64Array)) ws.changes.push(seq)
        return
      default:
        return assertNever(part, 'snapshot part')
    }
  }

  #head(part: Extract<SnapshotPart, { kind: 'head' }>): void {
    if (part.version === 2) this.#typeOf = v2Type
    else if (part.version !== SNAPSHOT_VERSION && !(part.version >= 3 && part.version <= 6)) {
      throw new Error(`snapshot version ${part.version} is not ${SNAPSHOT_VERSION} (nor 6, 5, 4, 3 or 2, which are still read)`)
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
        ws.products.set(sku, newProduct(no, { sku, name, uom, tracking, gtin, expiry, foodTraceabilityList }, updatedAt, updatedBy, ws.lotList)),
      )
      h.locations.forEach(([code, name, kind, builtIn, updatedAt, updatedBy, gln, fdaRegistration]: any[], no) =>
        ws.locations.set(code, newLocation(no, { code, name, kind, gln, fdaRegistration }, builtIn, updatedAt, updatedBy)),
      )
      for (const p of h.partners ?? []) ws.partners.set(p.code, p)
      ws.receiptKdes = h.receiptKdes ? { from: h.receiptKdes.from, byOperation: new Map(h.receiptKdes.byOperation) } : { from: part.seq + 1, byOperation: new Map() }
      // Sized once for what is loaded: growing them lot by lot and move by move copies them many times.
      const products = [...ws.products.values()]
      h.productLots?.forEach((count, no) => products[no]?.lots.reserve(count))
      h.productMoves?.forEach((count, no) => products[no]?.moves.reserve(withRoom(count)))
      h.productQuants?.forEach((count, no) => products[no]?.quants.reserve(withRoom(count)))
      const locations = [...ws.locations.values()]
      h.locationMoves?.forEach((count, no) => locations[no]?.moves.reserve(withRoom(count)))
      ws.moves.reserve(withRoom(h.moves))
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
      addQuant(product, l >= 0 ? ws.lotList[l] : null, this.#locations[loc], pkg, qty)
    }
  }

  #lotTable(ws: WorkspaceState, part: LotTablePart | LotTablePartV6): void {
    this.#scratch.reset()
    const product = this.#scratch.read(part.product, Int32Array)
    const info = this.#scratch.read(part.info, Int32Array)
    const n = part.name.length
    if (product.length !== n || info.length !== n) throw new Error('snapshot lot table has columns of different lengths')
    const actor = (no: number) => (no === NO_ACTOR ? null : this.#actors[no])
    // Version 7 names a row of dates and one of stamps; versions 5 and 6 one row of both.
    let dates: Int32Array, dateSets: LotDateSet[], stampSets: LotStamps[]
    if ('dates' in part) {
      dates = this.#scratch.read(part.dates, Int32Array)
      if (dates.length !== n) throw new Error('snapshot lot table has columns of different lengths')
      stampSets = part.infos.map((row) => stampsOfRow(row, actor, this.#infoDates))
      dateSets = part.dateRows.map((row) => datesOfRow(row, this.#infoDates))
    } else {
      const infos = part.infos.map((row) => infoOfRow(row, actor, this.#infoDates))
      ;[dates, dateSets, stampSets] = [info, infos.map(([d]) => d), infos.map(([, s]) => s)]
    }
    for (let k = 0; k < n; k++) {
      const [d, s] = [dateSets[dates[k]], stampSets[info[k]]]
      if (d === undefined || s === undefined) throw new Error(`snapshot lot table names a row it does not have (lot ${k})`)
      addLot(ws, new LotRec(ws.lotList.length, this.#products[product[k]], part.name[k], d, s))
    }
  }

  #quantTable(ws: WorkspaceState, part: QuantTablePart): void {
    const c = decodeColumns(part, ['product', 'lot', 'location'], ['qty'], this.#scratch)
    const packages = new Map(part.package)
    for (let k = 0; k < c.length; k++) {
      const l = c.lot[k]
      addQuant(this.#products[c.product[k]], l === NONE ? null : ws.lotList[l], this.#locations[c.location[k]], packages.get(k) ?? null, c.qty[k])
    }
  }

  #moveTable(ws: WorkspaceState, part: MoveTablePart): void {
    const c = decodeColumns(part, ['product', 'lot', 'from', 'to'], ['qty'], this.#scratch)
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

/**
 * Room for `count` entries and the writes that follow a restart: the journal's tail after the
 * snapshot, then the first writes. Sized exactly, a column grew by a quarter at the first move
 * after it, copying it whole: at 10M moves, 2 s of a restart after a crash, and a pause of the
 * first write after any restart.
 */
function withRoom(count: number): number {
  return count + Math.ceil(count / 16)
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
