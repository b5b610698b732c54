/**
 * The ledger behind lowdb's `Low`, on a journal adapter: the one place that makes writes
 * durable and reads stored records back.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { LedgerError } from '../domain/errors'
import { Ledger, systemClock, type Clock } from '../domain/ledger'
import type { JournalRecord } from '../domain/records'
import { cutSnapshot, SnapshotRestorer, type SnapshotPart } from '../domain/snapshot'
import { FileJournal, type FileJournalOptions } from './file-journal'
import type { SnapshotPolicy } from './journal-snapshots'
import type { SnapshotCodec } from './snapshot-file'
import type { JournalAdapter } from './journal'
import { acquireLock, type DirLock } from './lock'
import { MemoryJournal } from './memory-journal'

export type LedgerJournal = JournalAdapter<Ledger, JournalRecord>

export interface StoreOptions {
  clock?: Clock
  /** Called when storage fails: the process must stop (memory holds writes the disk lacks). */
  onFatal?: (err: Error) => void
}

/** How a ledger is cut into snapshot parts and rebuilt from them. */
export function ledgerSnapshots(clock: Clock): SnapshotCodec<Ledger> {
  return {
    cut: (ledger) => cutSnapshot(ledger.state),
    async restore(parts) {
      const restorer = new SnapshotRestorer()
      for await (const part of parts) restorer.push(part as SnapshotPart)
      return new Ledger(clock, restorer.finish())
    },
  }
}

export class LedgerStore {
  readonly db: Low<Ledger>
  readonly journal: LedgerJournal
  readonly #lock: DirLock | null
  readonly #onFatal: (err: Error) => void

  private constructor(db: Low<Ledger>, journal: LedgerJournal, lock: DirLock | null, onFatal: (err: Error) => void) {
    this.db = db
    this.journal = journal
    this.#lock = lock
    this.#onFatal = onFatal
  }

  /** Opens a store on any journal adapter and replays it. */
  static async open(journal: LedgerJournal, clock: Clock, options: StoreOptions = {}, lock: DirLock | null = null): Promise<LedgerStore> {
    const db = new Low<Ledger>(journal, new Ledger(clock))
    await db.read()
    return new LedgerStore(db, journal, lock, options.onFatal ?? (() => {}))
  }

  /**
   * The embedded store in `dir`: takes the directory's lock, then loads the latest snapshot and
   * replays the journal written after it.
   */
  static async openDirectory(dir: string, options: StoreOptions & FileJournalOptions & { snapshots?: SnapshotPolicy } = {}): Promise<LedgerStore> {
    await mkdir(dir, { recursive: true })
    const lock = await acquireLock(dir)
    try {
      const clock = options.clock ?? systemClock
      const journal = new FileJournal<Ledger, JournalRecord>(join(dir, 'journal.ndjson'), () => new Ledger(clock), {
        ...options, snapshots: { ...options.snapshots, codec: ledgerSnapshots(clock) },
      })
      return await LedgerStore.open(journal, clock, options, lock)
    } catch (err) {
      await lock.release()
      throw err
    }
  }

  /** An in-memory store (tests). Pass the `lines` of an earlier one to reopen it. */
  static async openMemory(options: StoreOptions = {}, lines: string[] = []): Promise<LedgerStore> {
    const clock = options.clock ?? systemClock
    return LedgerStore.open(new MemoryJournal<Ledger, JournalRecord>(() => new Ledger(clock), lines), clock, options)
  }

  get ledger(): Ledger {
    return this.db.data
  }

  /** Resolves once every committed record is on disk. A storage failure is fatal. */
  async persist(): Promise<void> {
    try {
      await this.db.write()
    } catch (err) {
      this.#onFatal(err as Error)
      throw new LedgerError('internal', 'the ledger could not be saved; the server is stopping', undefined, { cause: err })
    }
  }

  /** Stored records by position (waits for them to be durable first). */
  async records(seqs: readonly number[]): Promise<JournalRecord[]> {
    if (seqs.some((s) => s > this.journal.durableSeq)) await this.persist()
    return this.journal.readRecords(seqs)
  }

  /** Flushes, closes the journal and releases the directory lock. */
  async close(): Promise<void> {
    await this.persist().catch(() => {})
    await this.journal.close()
    await this.#lock?.release()
  }
}
