/**
 * A product's lots by name. A product may have millions of lots (serials, a lot per pallet): in a
 * Map each costs about 40 bytes, growing the Map copies all of them at once, and a Map holds at
 * most 16.7M entries. Here a lot costs 12 to 23 bytes: one slot of an open-addressing table of
 * lots, probed linearly, the names read from the lots themselves.
 */
import type { LotRec } from './lot-rec'

/** A deleted entry (an empty one is `undefined`): probing goes on past it. */
const GONE = null
const FIRST_CAPACITY = 8
/** Entries and deleted entries together stay under this share of the table. */
const MAX_LOAD = 0.7

/** FNV-1a over the name's UTF-16 code units. */
function hashOf(name: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193)
  return h >>> 0
}

export class LotIndex {
  #table: Array<LotRec | typeof GONE | undefined> = new Array(FIRST_CAPACITY).fill(undefined)
  #size = 0
  #gone = 0

  /** How many lots are indexed. */
  get size(): number {
    return this.#size
  }

  /** The lot named `name`, if any. */
  get(name: string): LotRec | undefined {
    const at = this.#find(name)
    return at < 0 ? undefined : this.#table[at]!
  }

  has(name: string): boolean {
    return this.#find(name) >= 0
  }

  /**
   * Indexes `lot` under `name` (replacing the lot indexed under it, if any). The lot's own name
   * may still be the old one during a rename: it is read only by later lookups.
   */
  set(name: string, lot: LotRec): this {
    const at = this.#find(name)
    if (at >= 0) {
      this.#table[at] = lot
      return this
    }
    if ((this.#size + this.#gone + 1) > this.#table.length * MAX_LOAD) this.#resize()
    const mask = this.#table.length - 1
    let i = hashOf(name) & mask
    while (this.#table[i]) i = (i + 1) & mask
    if (this.#table[i] === GONE) this.#gone--
    this.#table[i] = lot
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
    const lots = this.#table.filter((v) => !!v).sort((a, b) => a.no - b.no)
    return lots.map((l) => l.name)[Symbol.iterator]()
  }

  #find(name: string): number {
    const table = this.#table
    const mask = table.length - 1
    for (let i = hashOf(name) & mask; ; i = (i + 1) & mask) {
      const lot = table[i]
      if (lot === undefined) return -1
      if (lot !== GONE && lot.name === name) return i
    }
  }

  /** Doubles the table when it is full of lots, rebuilds it at its size when of deleted entries. */
  #resize(): void {
    const old = this.#table
    const capacity = this.#size + 1 > old.length * MAX_LOAD / 2 ? old.length * 2 : old.length
    const table: typeof old = new Array(capacity).fill(undefined)
    const mask = capacity - 1
    for (const lot of old) {
      if (!lot) continue
      let i = hashOf(lot.name) & mask
      while (table[i] !== undefined) i = (i + 1) & mask
      table[i] = lot
    }
    this.#table = table
    this.#gone = 0
  }
}
