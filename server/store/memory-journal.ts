/** A journal kept in memory: for tests, and as the model the file journal must behave like. */
import type { Journaled, JournalAdapter, Sequenced } from './journal'

export class MemoryJournal<T extends Journaled<R>, R extends Sequenced> implements JournalAdapter<T, R> {
  readonly #create: () => T
  /** Stored records as JSON, index = seq - 1. Share it between instances to "reopen". */
  readonly lines: string[]

  constructor(create: () => T, lines: string[] = []) {
    this.#create = create
    this.lines = lines
  }

  get durableSeq(): number {
    return this.lines.length
  }

  async read(): Promise<T | null> {
    if (this.lines.length === 0) return null
    const state = this.#create()
    for (const line of this.lines) state.replay(JSON.parse(line) as R)
    return state
  }

  async write(data: T): Promise<void> {
    for (const rec of data.drainRecords()) {
      if (rec.seq !== this.lines.length + 1) throw new Error(`journal gap: expected ${this.lines.length + 1}, got ${rec.seq}`)
      this.lines.push(JSON.stringify(rec))
    }
  }

  async readRecords(seqs: readonly number[]): Promise<R[]> {
    return seqs.map((seq) => {
      const line = this.lines[seq - 1]
      if (line === undefined) throw new RangeError(`no durable record ${seq}`)
      return JSON.parse(line) as R
    })
  }

  async close(): Promise<void> {}
}
