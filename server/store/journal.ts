/**
 * The storage contract of the ledger, in lowdb's shape: an adapter reads the state back and
 * writes it, and lowdb's `Low` drives it. Because the ledger is append-only, "writing the
 * state" means appending the records it made since the last write; reading it means
 * replaying every record. A third method reads stored records back by position.
 */
import type { Adapter } from 'lowdb'

/** A journal record: at least its position, 1, 2, 3... */
export interface Sequenced {
  seq: number
}

/** A state that is kept as a journal of records. */
export interface Journaled<R extends Sequenced> {
  /** Records made since the last call, in order. */
  drainRecords(): R[]
  /** Applies a stored record (while reading). */
  replay(record: R): void
}

export interface JournalAdapter<T extends Journaled<R>, R extends Sequenced> extends Adapter<T> {
  /** Rebuilds a state from every stored record; null when nothing is stored yet. */
  read(): Promise<T | null>
  /**
   * Stores the records `data` made since the last write. Resolves once they, and every record
   * handed over before them, are durable; concurrent writes share one flush.
   */
  write(data: T): Promise<void>
  /** Stored records by position, in the order asked. Only durable positions can be read. */
  readRecords(seqs: readonly number[]): Promise<R[]>
  /** Highest position known to be durable. */
  readonly durableSeq: number
  /** Releases files; pending writes are flushed first. */
  close(): Promise<void>
}
