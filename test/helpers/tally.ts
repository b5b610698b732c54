/**
 * A list that grows as events happen (acknowledged writes, say) and can be awaited to reach a
 * length, so that a test waits for the event itself rather than polling on a timer.
 */
export class Tally<T> {
  readonly items: T[] = []
  #waiters: Array<{ count: number; resolve: () => void }> = []

  get length(): number {
    return this.items.length
  }

  /** Adds `item`, waking whoever waits for this many. */
  push(item: T): void {
    this.items.push(item)
    this.#waiters = this.#waiters.filter((w) => (this.items.length >= w.count ? void w.resolve() : true))
  }

  /** Resolves once `count` items were pushed (at once when they already were). */
  reached(count: number): Promise<void> {
    if (this.items.length >= count) return Promise.resolve()
    return new Promise((resolve) => this.#waiters.push({ count, resolve }))
  }
}
