/**
 * A product's lots by name. A product may have millions of lots (serials, a lot per pallet): in a
 * Map each costs about 40 bytes, growing the Map copies all of them at once, and a Map holds at
 * most 16.7M entries. Here an open-addressing table, probed linearly, holds each lot's number
 * (its place in the workspace's lot list) with its name's hash in the next slot, so that a probe
 * reads one place in memory (the table is larger than any cache): 12 to 23 bytes a lot, and
 * no pointer for the collector to follow. A probe reads a lot's name only when the hashes match,
 * growing the table reads no lot at all (at millions of lots, reading each one's name again would
 * stall a write for seconds), and the table is a typed array, which the system hands over zeroed
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
  /** Two slots an entry: the lot's number plus one (EMPTY or GONE), then the hash of its name. */
  #slots = new Int32Array(FIRST_CAPACITY * 2)
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
    let capacity = this.#capacity
    while (count > capacity * MAX_LOAD) capacity *= 2
    if (capacity > this.#capacity) this.#rebuild(capacity)
  }

  /** The lot named `name`, if any. */
  get(name: string): LotRec | undefined {
    const at = this.#find(name)
    return at < 0 ? undefined : this.#lots[this.#slots[at] - 1]
  }

  has(name: string): boolean {
    return this.#find(name) >= 0
  }

  /**
   * Indexes `lot` under `name` (replacing the lot indexed under it, if any). The lot's own name
   * may still be the old one during a rename: it is read only by later lookups. One probe finds
   * the name or the slot for it (a restart indexes millions of lots).
   */
  set(name: string, lot: LotRec): this {
    if (this.#ownList) this.#lots[lot.no] = lot
    if (this.#size + this.#gone + 1 > this.#capacity * MAX_LOAD) this.#resize()
    const slots = this.#slots
    const wrap = slots.length - 1
    const hash = hashOf(name)
    let free = -1
    let at = (hash & (this.#capacity - 1)) * 2
    for (let v = slots[at]; v !== EMPTY; v = slots[at]) {
      if (v === GONE) {
        if (free < 0) free = at
      } else if (slots[at + 1] === hash && this.#lots[v - 1].name === name) {
        slots[at] = lot.no + 1
        return this
      }
      at = (at + 2) & wrap
    }
    if (free >= 0) {
      at = free
      this.#gone--
    }
    slots[at] = lot.no + 1
    slots[at + 1] = hash
    this.#size++
    return this
  }

  /** Drops the entry of `name`, while the lot it names still bears that name. */
  delete(name: string): boolean {
    const at = this.#find(name)
    if (at < 0) return false
    this.#slots[at] = GONE
    this.#size--
    this.#gone++
    return true
  }

  /** The names, in the order the lots were registered (whatever was renamed or dropped on the way). */
  keys(): IterableIterator<string> {
    const numbers = this.#slots.filter((v, k) => k % 2 === 0 && v > 0).sort()
    return Array.from(numbers, (v) => this.#lots[v - 1].name)[Symbol.iterator]()
  }

  get #capacity(): number {
    return this.#slots.length / 2
  }

  /** The slot of the entry under `name`, or -1. */
  #find(name: string): number {
    const slots = this.#slots
    const wrap = slots.length - 1
    const hash = hashOf(name)
    for (let at = (hash & (this.#capacity - 1)) * 2; ; at = (at + 2) & wrap) {
      const v = slots[at]
      if (v === EMPTY) return -1
      if (v > 0 && slots[at + 1] === hash && this.#lots[v - 1].name === name) return at
    }
  }

  /** Doubles the table when it is full of lots, rebuilds it at its size when of deleted entries. */
  #resize(): void {
    const capacity = this.#capacity
    this.#rebuild(this.#size + 1 > capacity * MAX_LOAD / 2 ? capacity * 2 : capacity)
  }

  /** A table of `capacity` slots holding the same entries, without the deleted ones. */
  #rebuild(capacity: number): void {
    const old = this.#slots
    const slots = new Int32Array(capacity * 2)
    const mask = capacity - 1
    const wrap = slots.length - 1
    for (let k = 0; k < old.length; k += 2) {
      const v = old[k]
      if (v <= 0) continue
      let at = (old[k + 1] & mask) * 2
      while (slots[at] !== EMPTY) at = (at + 2) & wrap
      slots[at] = v
      slots[at + 1] = old[k + 1]
    }
    this.#slots = slots
    this.#gone = 0
  }
}
