/**
 * A growing list of move numbers (a product's or a location's moves), in a typed array: 4 bytes
 * an entry where an array of numbers takes 8, and nothing for the collector to walk. It doubles
 * up to a million entries, then grows by a quarter (the list of the main stock location holds
 * nearly every move).
 */
const FIRST_CAPACITY = 4
const GROW_BY_QUARTER_FROM = 1 << 20

export class IndexList implements Iterable<number> {
  #data = new Int32Array(FIRST_CAPACITY)
  #length = 0

  get length(): number {
    return this.#length
  }

  /** Entry `i` (0 ≤ i < length). */
  at(i: number): number {
    return this.#data[i]
  }

  push(value: number): void {
    if (this.#length === this.#data.length) this.#resize(this.#length < GROW_BY_QUARTER_FROM ? this.#length * 2 : Math.ceil(this.#length * 1.25))
    this.#data[this.#length++] = value
  }

  /** Makes room for `count` entries in all (a restart knows how many it loads). */
  reserve(count: number): void {
    if (count > this.#data.length) this.#resize(count)
  }

  /** Takes back the last entry. */
  pop(): void {
    if (this.#length > 0) this.#length--
  }

  /** The entries as one array view (valid until the next push). */
  view(): Int32Array {
    return this.#data.subarray(0, this.#length)
  }

  #resize(size: number): void {
    const grown = new Int32Array(size)
    grown.set(this.#data.subarray(0, this.#length))
    this.#data = grown
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i < this.#length; i++) yield this.#data[i]
  }
}
