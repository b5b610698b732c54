/**
 * A product's quants as columns. A ledger where each receipt line brings its own lot holds about
 * as many quants as moves, and one object per quant (64 bytes, plus 21 for its entry in a Set)
 * was a fifth of its memory: here a quant is a row of 28 bytes (its lot a pointer, the rest
 * typed; packages, which few quants have, in a map beside). Rows are linked in the order their
 * quants appeared (a quant that falls to zero leaves the list, and one that comes back joins its
 * end, as with a Set), and a freed row is used again by the next quant.
 *
 * Reading a quant gives a `QuantRec` made for the reader: a copy of the row at that moment.
 * Only `quants.ts` changes rows.
 */
import type { Qty } from '../../shared/quantity'
import type { LotRec } from './lot-rec'
import type { LocationRec, ProductRec, QuantRec } from './state'

const FIRST_CAPACITY = 4
/** Columns double up to this many rows, then grow by a quarter (a product of millions of lots). */
const GROW_BY_QUARTER_FROM = 1 << 16
const NONE = -1

export class ProductQuants implements Iterable<QuantRec> {
  #product: ProductRec | null = null
  // The columns: the lot a pointer (in an array, which the collector reads as such), the place
  // (its location's number: NONE in a freed row), the quantity and the links typed.
  #lot: Array<LotRec | null> = new Array<LotRec | null>(FIRST_CAPACITY).fill(null)
  /** Rows made so far (in use or freed). */
  #rows = 0
  #place = new Int32Array(FIRST_CAPACITY)
  #qty = new Float64Array(FIRST_CAPACITY)
  #prev = new Int32Array(FIRST_CAPACITY)
  #next = new Int32Array(FIRST_CAPACITY)
  #head = NONE
  #tail = NONE
  /** Freed rows, linked through `#next`. */
  #free = NONE
  #size = 0
  /** Locations by number, as rows name them. */
  readonly #locations: LocationRec[] = []
  /** The package of each row that has one. */
  readonly #packages = new Map<number, string>()

  /** Names the product the rows belong to (once, as it is made: the product holds this table). */
  attach(product: ProductRec): void {
    this.#product = product
  }

  /** How many quants the product has. */
  get size(): number {
    return this.#size
  }

  /** Makes room for `count` rows in all, so that adding them grows the columns once at most (a restart knows how many). */
  reserve(count: number): void {
    if (count > this.#qty.length) this.#grow(count)
  }

  /** Adds a quant of quantity zero at the end of the list and returns its row. */
  add(lot: LotRec | null, location: LocationRec, pkg: string | null): number {
    let row = this.#free
    if (row !== NONE) {
      this.#free = this.#next[row]
      this.#lot[row] = lot
    } else {
      row = this.#rows++
      if (row === this.#qty.length) this.#grow(row < GROW_BY_QUARTER_FROM ? row * 2 : Math.ceil(row * 1.25))
      this.#lot[row] = lot
    }
    this.#place[row] = location.no
    this.#locations[location.no] = location
    if (pkg !== null) this.#packages.set(row, pkg)
    this.#qty[row] = 0
    this.#prev[row] = this.#tail
    this.#next[row] = NONE
    if (this.#tail === NONE) this.#head = row
    else this.#next[this.#tail] = row
    this.#tail = row
    this.#size++
    return row
  }

  /** Drops the quant of `row` from the list; the row is used again by a later quant. */
  remove(row: number): void {
    const [prev, next] = [this.#prev[row], this.#next[row]]
    if (prev === NONE) this.#head = next
    else this.#next[prev] = next
    if (next === NONE) this.#tail = prev
    else this.#prev[next] = prev
    this.#lot[row] = null
    this.#place[row] = NONE
    this.#packages.delete(row)
    this.#next[row] = this.#free
    this.#free = row
    this.#size--
  }

  /** Adds `delta` to the quantity of `row` and returns the new quantity. */
  addQty(row: number, delta: Qty): Qty {
    return (this.#qty[row] += delta)
  }

  qtyOf(row: number): Qty {
    return this.#qty[row]
  }

  /** Whether the quant of `row` is at `location` in package `pkg`. */
  isAt(row: number, location: LocationRec, pkg: string | null): boolean {
    return this.#place[row] === location.no && this.#packageOf(row) === pkg
  }

  /** The quant of `row`, as a record of its own. */
  at(row: number): QuantRec {
    const product = this.#product
    if (product === null || !(row >= 0 && row < this.#rows) || this.#place[row] === NONE) throw new Error(`quant row ${row} is not in use`)
    return { product, lot: this.#lot[row], location: this.#locations[this.#place[row]], package: this.#packageOf(row), qty: this.#qty[row] }
  }

  /** Calls `fn` with each quant's fields, in the list's order, making no record. */
  forEach(fn: (lot: LotRec | null, location: LocationRec, pkg: string | null, qty: Qty) => void): void {
    for (let row = this.#head; row !== NONE; row = this.#next[row]) fn(this.#lot[row], this.#locations[this.#place[row]], this.#packageOf(row), this.#qty[row])
  }

  *[Symbol.iterator](): Iterator<QuantRec> {
    for (let row = this.#head; row !== NONE; row = this.#next[row]) yield this.at(row)
  }

  #packageOf(row: number): string | null {
    return this.#packages.size === 0 ? null : (this.#packages.get(row) ?? null)
  }

  /** Grows every column to `capacity` rows: the lots' array too, sized here rather than by `push`, which grows it by half. */
  #grow(capacity: number): void {
    this.#lot = this.#lot.concat(new Array<LotRec | null>(capacity - this.#lot.length).fill(null))
    this.#place = copied(this.#place, new Int32Array(capacity))
    this.#qty = copied(this.#qty, new Float64Array(capacity))
    this.#prev = copied(this.#prev, new Int32Array(capacity))
    this.#next = copied(this.#next, new Int32Array(capacity))
  }
}

function copied<T extends Float64Array | Int32Array>(from: T, into: T): T {
  into.set(from)
  return into
}

/**
 * A product's quants without lot, found by `looseKey` (quants.ts) of their place and package:
 * rows of the product's `ProductQuants`. Read as a map of keys to quant records.
 */
export class LooseQuants implements Iterable<[string, QuantRec]> {
  readonly #rows = new Map<string, number>()
  readonly #quants: ProductQuants

  constructor(quants: ProductQuants) {
    this.#quants = quants
  }

  get size(): number {
    return this.#rows.size
  }

  /** The row of the quant under `key`, or -1. */
  rowOf(key: string): number {
    return this.#rows.get(key) ?? NONE
  }

  set(key: string, row: number): void {
    this.#rows.set(key, row)
  }

  delete(key: string): void {
    this.#rows.delete(key)
  }

  get(key: string): QuantRec | undefined {
    const row = this.#rows.get(key)
    return row === undefined ? undefined : this.#quants.at(row)
  }

  keys(): IterableIterator<string> {
    return this.#rows.keys()
  }

  *values(): IterableIterator<QuantRec> {
    for (const row of this.#rows.values()) yield this.#quants.at(row)
  }

  *[Symbol.iterator](): Iterator<[string, QuantRec]> {
    for (const [key, row] of this.#rows) yield [key, this.#quants.at(row)]
  }
}
