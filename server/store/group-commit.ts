/**
 * Group commit, shared by the journal adapters (file, PostgreSQL): records handed over while an
 * append is under way wait and go together in the next one, and each writer is answered once
 * the last record it handed over is durable. The adapter says how a batch is appended and how
 * far the journal is durable; an append that throws fails every writer waiting.
 */

interface Waiter {
  seq: number
  resolve: () => void
  reject: (err: Error) => void
}

/** What an adapter gives its group commit. */
export interface GroupCommitParts<E extends { seq: number }> {
  /** The last record that is durable. */
  durableSeq(): number
  /** Appends `batch` durably, moving durableSeq past it; a throw fails the journal. */
  append(batch: E[]): Promise<void>
  /** The append threw `err`: the error the waiting writers get (the adapter keeps it too). */
  failed(err: unknown): Error
  /** After a round of appends, its writers answered. */
  flushed(): void
}

export class GroupCommit<E extends { seq: number }> {
  readonly #parts: GroupCommitParts<E>
  #queue: E[] = []
  #waiters: Waiter[] = []
  #flushing: Promise<void> | null = null

  constructor(parts: GroupCommitParts<E>) {
    this.#parts = parts
  }

  /** Hands a record over to the next append. */
  push(entry: E): void {
    this.#queue.push(entry)
  }

  /** Records handed over and not appended yet. */
  get pending(): number {
    return this.#queue.length
  }

  /** The round of appends under way, or null. */
  get flushing(): Promise<void> | null {
    return this.#flushing
  }

  /** Resolves once every record handed over so far is durable; rejects when an append fails. */
  durable(): Promise<void> {
    const target = this.#queue.length ? this.#queue[this.#queue.length - 1].seq : this.#parts.durableSeq()
    if (target <= this.#parts.durableSeq() && !this.#flushing) return Promise.resolve()
    return new Promise<void>((resolve, reject) => {
      this.#waiters.push({ seq: target, resolve, reject })
      this.#flushing ??= this.#flushLoop()
    })
  }

  /** Drops the records not appended yet, and fails the writers waiting with `err` when given. */
  abandon(err?: Error): void {
    this.#queue = []
    if (err) for (const w of this.#waiters.splice(0)) w.reject(err)
  }

  async #flushLoop(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue
        this.#queue = []
        await this.#parts.append(batch)
        const durable = this.#parts.durableSeq()
        const done = this.#waiters.filter((w) => w.seq <= durable)
        this.#waiters = this.#waiters.filter((w) => w.seq > durable)
        for (const w of done) w.resolve()
      }
      for (const w of this.#waiters.splice(0)) w.resolve()
    } catch (err) {
      const failure = this.#parts.failed(err)
      for (const w of this.#waiters.splice(0)) w.reject(failure)
    } finally {
      this.#flushing = null
    }
    this.#parts.flushed()
  }
}
