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
import { processHeap } from '../memory/heap-watch'
import { FileJournal, type FileJournalOptions } from './file-journal'
import type { SnapshotPolicy } from './journal-snapshots'
import type { SnapshotCodec } from './snapshot-file'
import type { JournalAdapter } from './journal'
import { acquireLock, type DirLock } from './lock'
import { MemoryJournal } from './memory-journal'
import type { Replica } from './replica'

export type LedgerJournal = JournalAdapter<Ledger, JournalRecord>

/** Where the journal is kept: health says it. */
export type StoreKind = 'file' | 'memory' | 'postgres'

/** What a store opened on a shared database adds (see server/store/pg/open.ts). */
export interface SharedStoreParts {
  kind: StoreKind
  /** Closes what the journal does not: the node's lease, the connections. */
  close?: () => Promise<void>
}

export interface StoreOptions {
  clock?: Clock
  /** Called when storage fails: the process must stop (memory holds writes the disk lacks). */
  onFatal?: (err: Error) => void
}

/** How a ledger is cut into snapshot parts and rebuilt from them, when the heap has room for a cut. */
export function ledgerSnapshots(clock: Clock): SnapshotCodec<Ledger> {
  return {
    cut: (ledger) => cutSnapshot(ledger.state),
    mayCut: () => processHeap().roomForSnapshot(),
    saved: () => processHeap().afterSnapshot(),
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
  readonly kind: StoreKind
  /** This server's place among several on one database; null for a store of its own. */
  replica: Replica | null = null
  readonly #clock: Clock
  readonly #lock: DirLock | null
  readonly #onFatal: (err: Error) => void
  readonly #closeParts: (() => Promise<void>) | undefined

  private constructor(db: Low<Ledger>, journal: LedgerJournal, clock: Clock, lock: DirLock | null, onFatal: (err: Error) => void, parts: SharedStoreParts) {
    this.db = db
    this.journal = journal
    this.kind = parts.kind
    this.#clock = clock
    this.#lock = lock
    this.#onFatal = onFatal
    this.#closeParts = parts.close
  }

  /** Opens a store on any journal adapter and replays it. */
  static async open(
    journal: LedgerJournal, clock: Clock, options: StoreOptions = {}, lock: DirLock | null = null, parts: SharedStoreParts = { kind: 'file' },
  ): Promise<LedgerStore> {
    const db = new Low<Ledger>(journal, new Ledger(clock))
    await db.read()
    return new LedgerStore(db, journal, clock, lock, options.onFatal ?? (() => {}), parts)
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
    return LedgerStore.open(new MemoryJournal<Ledger, JournalRecord>(() => new Ledger(clock), lines), clock, options, null, { kind: 'memory' })
  }

  get ledger(): Ledger {
    return this.db.data
  }

  /** The last journal position applied: what an answer reflects. */
  get seq(): number {
    return this.ledger.state.seq
  }

  /** Replaces the state with what the journal holds (a store on a shared database, after a failed append). */
  async reload(): Promise<void> {
    this.db.data = (await this.journal.read()) ?? new Ledger(this.#clock)
  }

  /**
   * Resolves once every committed record is durable. A failure is fatal (the process must stop),
   * except a LedgerError: a shared database that cannot be reached for now, or a lost lease.
   */
  async persist(): Promise<void> {
    try {
      await this.db.write()
    } catch (err) {
      if (err instanceof LedgerError) throw err
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
    await this.#closeParts?.()
    await this.#lock?.release()
  }
}
