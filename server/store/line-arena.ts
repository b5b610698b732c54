/**
 * Room for journal lines on their way to the file: slabs of a megabyte, each used again once
 * every line in it is written. A buffer of its own per line is memory outside the heap, and every
 * 64 MB of that sets off a full collection of the heap, where the whole ledger lives: at 2.6 kB a
 * receipt, every 25,000 writes; generating a ledger, a few every million moves.
 */
import { lineRoom, writeLine } from './journal-line'

/** Bytes of a slab. */
const SLAB_BYTES = 1 << 20
/** Slabs kept for use again beyond the one being written (more are let go). */
const KEPT_FREE = 4

/** A slab written into whose lines are not all written out yet, and the last record it holds. */
interface UsedSlab {
  slab: Buffer
  last: number
}

export class LineArena {
  readonly #free: Buffer[] = []
  /** Slabs filled, oldest first, until all their lines are written out. */
  readonly #used: UsedSlab[] = []
  #slab: Buffer | null = null
  #at = 0
  /** The last record written into the current slab. */
  #last = 0

  /**
   * Record `seq`'s journal line for its JSON text `json`: checksum, space, JSON, newline, in a
   * slice of a slab, valid until {@link written} says the record is out. Null when the line may
   * not fit a slab (the caller gives it buffers of its own).
   */
  line(json: string, seq: number): Buffer | null {
    const most = lineRoom(json)
    if (most > SLAB_BYTES) return null
    if (this.#slab === null || this.#at + most > this.#slab.length) this.#next()
    const start = this.#at
    this.#at = writeLine(this.#slab!, start, json)
    this.#last = seq
    return this.#slab!.subarray(start, this.#at)
  }

  /** Every record up to `seq` is written out: the slabs holding only those are used again. */
  written(seq: number): void {
    while (this.#used.length > 0 && this.#used[0].last <= seq) {
      const { slab } = this.#used.shift()!
      if (this.#free.length < KEPT_FREE) this.#free.push(slab)
    }
    if (this.#last <= seq) this.#at = 0
  }

  #next(): void {
    if (this.#slab !== null && this.#at > 0) this.#used.push({ slab: this.#slab, last: this.#last })
    this.#slab = this.#free.pop() ?? Buffer.allocUnsafe(SLAB_BYTES)
    this.#at = 0
  }
}
