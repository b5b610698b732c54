/**
 * The workspace's moves, in journal order, as columns of typed arrays: a move costs 28 bytes
 * (operation, product, lot, from and to as 4-byte numbers, the quantity as 8) instead of an
 * object of 11 fields and its slot in a list (120 bytes). Packages, returns and returned
 * quantities are rare and kept in maps beside. A move is read through a `MoveRec`, a view made
 * on demand: two views of one move are equal by `index`, never by identity.
 */
import type { Qty } from '../../shared/quantity'
import type { LocationRec, LotRec, OperationRec, ProductRec } from './state'

/** What a new move holds. */
export interface NewMove {
  op: OperationRec
  product: ProductRec
  lot: LotRec | null
  qty: Qty
  from: LocationRec
  to: LocationRec
  package: string | null
  returnOf: MoveRec | null
}

const FIRST_CAPACITY = 1024
const GROW_BY_QUARTER_FROM = 1 << 20
const NO_LOT = -1

export class MoveTable {
  #length = 0
  #op = new Int32Array(FIRST_CAPACITY)
  #product = new Int32Array(FIRST_CAPACITY)
  #lot = new Int32Array(FIRST_CAPACITY)
  #from = new Int32Array(FIRST_CAPACITY)
  #to = new Int32Array(FIRST_CAPACITY)
  #qty = new Float64Array(FIRST_CAPACITY)
  /** Operations with moves, in order; `#op` holds positions in it. */
  readonly #ops: OperationRec[] = []
  /** Products and locations by their `no`, as moves name them. */
  readonly #products: ProductRec[] = []
  readonly #locations: LocationRec[] = []
  readonly #packages = new Map<number, string>()
  readonly #returnOf = new Map<number, number>()
  /** Quantity already sent back by returns, by move. */
  readonly #returned = new Map<number, Qty>()

  /** `lots`: the workspace's lot list, which a move's lot number indexes. */
  constructor(private readonly lots: readonly LotRec[]) {}

  get length(): number {
    return this.#length
  }

  /** The move at `index` (0 ≤ index < length). */
  at(index: number): MoveRec {
    if (!(index >= 0 && index < this.#length)) throw new RangeError(`move ${index} of ${this.#length}`)
    return new MoveRec(this, index)
  }

  /** Moves `start` to `end` (excluded). */
  slice(start: number, end: number = this.#length): MoveRec[] {
    const out: MoveRec[] = []
    for (let i = Math.max(start, 0); i < Math.min(end, this.#length); i++) out.push(new MoveRec(this, i))
    return out
  }

  /** Appends a move; returns its index. */
  push(m: NewMove): number {
    return this.append(m.op, m.product, m.lot, m.qty, m.from, m.to, m.package, m.returnOf ? m.returnOf.index : -1)
  }

  /** Appends a move given field by field (a restart appends millions: no object each); returns its index. */
  append(op: OperationRec, product: ProductRec, lot: LotRec | null, qty: Qty, from: LocationRec, to: LocationRec, pkg: string | null, returnOf: number): number {
    const i = this.#length
    if (i === this.#op.length) this.#grow()
    const ops = this.#ops
    if (ops[ops.length - 1] !== op) ops.push(op)
    this.#op[i] = ops.length - 1
    this.#product[i] = product.no
    this.#products[product.no] = product
    this.#lot[i] = lot ? lot.no : NO_LOT
    this.#from[i] = from.no
    this.#locations[from.no] = from
    this.#to[i] = to.no
    this.#locations[to.no] = to
    this.#qty[i] = qty
    if (pkg !== null) this.#packages.set(i, pkg)
    if (returnOf >= 0) this.#returnOf.set(i, returnOf)
    this.#length = i + 1
    return i
  }

  /** Takes back the newest move (what it returned is the caller's to take back). */
  pop(): void {
    const i = this.#length - 1
    if (i < 0) return
    this.#packages.delete(i)
    this.#returnOf.delete(i)
    this.#returned.delete(i)
    this.#length = i
    // Its operation goes with its last move.
    if (i === 0 || this.#op[i - 1] !== this.#op[i]) this.#ops.pop()
  }

  opAt(i: number): OperationRec {
    return this.#ops[this.#op[i]]
  }

  productAt(i: number): ProductRec {
    return this.#products[this.#product[i]]
  }

  lotAt(i: number): LotRec | null {
    const no = this.#lot[i]
    return no === NO_LOT ? null : this.lots[no]
  }

  qtyAt(i: number): Qty {
    return this.#qty[i]
  }

  fromAt(i: number): LocationRec {
    return this.#locations[this.#from[i]]
  }

  toAt(i: number): LocationRec {
    return this.#locations[this.#to[i]]
  }

  packageAt(i: number): string | null {
    return this.#packages.get(i) ?? null
  }

  /** The index of the move that move `i` returns, or -1. */
  returnOfAt(i: number): number {
    return this.#returnOf.get(i) ?? -1
  }

  returnedAt(i: number): Qty {
    return this.#returned.get(i) ?? 0
  }

  /** Adds `qty` (negative to take back) to what has been returned of move `i`. */
  addReturned(i: number, qty: Qty): void {
    const now = (this.#returned.get(i) ?? 0) + qty
    if (now === 0) this.#returned.delete(i)
    else this.#returned.set(i, now)
  }

  /** Makes room for `count` moves in all (a restart knows how many it loads). */
  reserve(count: number): void {
    if (count > this.#op.length) this.#grow(count)
  }

  /**
   * Doubles the columns up to a million moves, then grows them by a quarter: at ten million, room
   * for millions of moves not yet made would cost hundreds of megabytes.
   */
  #grow(size = this.#op.length < GROW_BY_QUARTER_FROM ? this.#op.length * 2 : Math.ceil(this.#op.length * 1.25)): void {
    const grown = <A extends Int32Array | Float64Array>(a: A, make: (n: number) => A): A => {
      const b = make(size)
      b.set(a)
      return b
    }
    this.#op = grown(this.#op, (n) => new Int32Array(n))
    this.#product = grown(this.#product, (n) => new Int32Array(n))
    this.#lot = grown(this.#lot, (n) => new Int32Array(n))
    this.#from = grown(this.#from, (n) => new Int32Array(n))
    this.#to = grown(this.#to, (n) => new Int32Array(n))
    this.#qty = grown(this.#qty, (n) => new Float64Array(n))
  }
}

/** A move of a `MoveTable`, read from its columns. */
export class MoveRec {
  constructor(private readonly table: MoveTable, readonly index: number) {}

  get op(): OperationRec {
    return this.table.opAt(this.index)
  }

  /** 1-based position within the operation. */
  get n(): number {
    return this.index - this.op.firstMove + 1
  }

  get product(): ProductRec {
    return this.table.productAt(this.index)
  }

  get lot(): LotRec | null {
    return this.table.lotAt(this.index)
  }

  get qty(): Qty {
    return this.table.qtyAt(this.index)
  }

  get from(): LocationRec {
    return this.table.fromAt(this.index)
  }

  get to(): LocationRec {
    return this.table.toAt(this.index)
  }

  get package(): string | null {
    return this.table.packageAt(this.index)
  }

  get returnOf(): MoveRec | null {
    const r = this.table.returnOfAt(this.index)
    return r < 0 ? null : new MoveRec(this.table, r)
  }

  /** Quantity already sent back by returns. */
  get returned(): Qty {
    return this.table.returnedAt(this.index)
  }
}
