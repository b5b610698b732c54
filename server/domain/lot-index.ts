/**
 * A product's lots by name. A product may have millions of lots (serials, a lot per pallet): in a
 * Map each costs about 40 bytes, growing the Map copies all of them at once, and a Map holds at
 * most 16.7M entries. Here an open-addressing table, probed linearly, holds each lot's number
 * (its place in the workspace's lot list) with its name's hash beside: 12 to 23 bytes a lot, and
 * no pointer for the collector to follow. A probe reads a lot's name only when the hashes match,
 * growing the table reads no lot at all (at millions of lots, reading each one's name again would
 * stall a write for seconds), and the table is typed arrays, which the system hands over zeroed
 * at once where a JavaScript array of millions of slots takes a second to fill.
 */
import type { LotRec } from './lot-rec'

const EMPTY = 0
/** A deleted entry: probing goes on past it. */
const GONE = -1
const FIRST_CAPACITY = 8
/** Entries and deleted entries together stay under this share of the table. */
const MAX_LOAD = 0.7

/** FNV-1a over the name's UTF-16 code units. */
function hashOf(name: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193)
  return h | 0
}

export class LotIndex {
  /** The lots by number: the workspace's lot list, or a list of the index's own (filled by `set`). */
  readonly #lots: LotRec[]
  readonly #ownList: boolean
  /** The lot's number plus one, EMPTY or GONE. */
  #table = new Int32Array(FIRST_CAPACITY)
  /** The hash of the name of the lot in the same slot. */
  #hashes = new Int32Array(FIRST_CAPACITY)
  #size = 0
  #gone = 0

  /**
   * `lotList`: the workspace's lots by number, where a lot is registered (`addLot`) before it is
   * indexed; without it, the index keeps the lots it is given in a list of its own.
   */
  constructor(lotList?: LotRec[]) {
    this.#lots = lotList ?? []
    this.#ownList = lotList === undefined
  }

  /** How many lots are indexed. */
  get size(): number {
    return this.#size
  }

  /** Makes room for `count` lots in all, so that adding them grows the table once at most (a restart knows how many). */
  reserve(count: number): void {
    let capacity = this.#table.length
    while (count > capacity * MAX_LOAD) capacity *= 2
    if (capacity > this.#table.length) this.#rebuild(capacity)
  }

  /** The lot named `name`, if any. */
  get(name: string): LotRec | undefined {
    const at = this.#find(name)
    return at < 0 ? undefined : this.#lots[this.#table[at] - 1]
  }

  has(name: string): boolean {
    return this.#find(name) >= 0
  }

  /**
   * Indexes `lot` under `name` (replacing the lot indexed under it, if any). The lot's own name
   * may still be the old one during a rename: it is read only by later lookups.
   */
  set(name: string, lot: LotRec): this {
    if (this.#ownList) this.#lots[lot.no] = lot
    const at = this.#find(name)
    if (at >= 0) {
      this.#table[at] = lot.no + 1
      return this
    }
    if (this.#size + this.#gone + 1 > this.#table.length * MAX_LOAD) this.#resize()
    const mask = this.#table.length - 1
    const hash = hashOf(name)
    let i = hash & mask
    while (this.#table[i] > 0) i = (i + 1) & mask
    if (this.#table[i] === GONE) this.#gone--
    this.#table[i] = lot.no + 1
    this.#hashes[i] = hash
    this.#size++
    return this
  }

  /** Drops the entry of `name`, while the lot it names still bears that name. */
  delete(name: string): boolean {
    const at = this.#find(name)
    if (at < 0) return false
    this.#table[at] = GONE
    this.#size--
    this.#gone++
    return true
  }

  /** The names, in the order the lots were registered (whatever was renamed or dropped on the way). */
  keys(): IterableIterator<string> {
    const numbers = this.#table.filter((v) => v > 0).sort()
    return Array.from(numbers, (v) => this.#lots[v - 1].name)[Symbol.iterator]()
  }

  #find(name: string): number {
    const table = this.#table
    const hashes = this.#hashes
    const mask = table.length - 1
    const hash = hashOf(name)
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const v = table[i]
      if (v === EMPTY) return -1
      if (v > 0 && hashes[i] === hash && this.#lots[v - 1].name === name) return i
    }
  }

  /** Doubles the table when it is full of lots, rebuilds it at its size when of deleted entries. */
  #resize(): void {
    const length = this.#table.length
    this.#rebuild(this.#size + 1 > length * MAX_LOAD / 2 ? length * 2 : length)
  }

  /** A table of `capacity` slots holding the same entries, without the deleted ones. */
  #rebuild(capacity: number): void {
    const [oldTable, oldHashes] = [this.#table, this.#hashes]
    const table = new Int32Array(capacity)
    const hashes = new Int32Array(capacity)
    const mask = capacity - 1
    for (let k = 0; k < oldTable.length; k++) {
      const v = oldTable[k]
      if (v <= 0) continue
      let i = oldHashes[k] & mask
      while (table[i] !== EMPTY) i = (i + 1) & mask
      table[i] = v
      hashes[i] = oldHashes[k]
    }
    this.#table = table
    this.#hashes = hashes
    this.#gone = 0
  }
}
