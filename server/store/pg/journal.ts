/**
 * The journal in PostgreSQL: one row per record in `lotledger.journal`, the record's JSON as the
 * file journal writes it. The same contract as the file journal (server/store/journal.ts), and:
 *
 * - A write resolves once its records, and every record handed over before them, are committed
 *   with synchronous_commit on. Writes that arrive while a commit runs share the next one (group
 *   commit): one transaction appends them all.
 * - Appending is fenced: the transaction first checks that the writer lease is still at this
 *   journal's epoch (lotledger.check_epoch), so a server that lost the lease can never append.
 *   A journal without an epoch follows: it reads, and refuses to write.
 * - The SQL tables (TableWriter) change in the same transaction as the records they come from.
 * - A failed append fails every write waiting and every write after it, until `read()` rebuilds
 *   the state from what the database holds: whatever the state applied beyond it is dropped.
 * - `catchUp` applies records other servers appended (followers).
 */
import type { PendingQuery, Sql, TransactionSql } from 'postgres'
import { LedgerError } from '../../domain/errors'
import { GroupCommit } from '../group-commit'
import type { Journaled, JournalAdapter, Sequenced } from '../journal'
import { SNAPSHOT_AFTER_START_MS, SNAPSHOT_EVERY_RECORDS } from '../journal-snapshots'
import type { SnapshotCodec } from '../snapshot-file'
import { failureKind } from './failures'
import { PgSnapshots } from './snapshots'

/** Channel on which each append announces its last position (followers LISTEN). */
export const JOURNAL_CHANNEL = 'lotledger_journal'
/** Records read per query while replaying or catching up. */
const READ_BATCH = 2_000
/** Records appended per INSERT (PostgreSQL takes at most 65,535 parameters). */
const INSERT_ROWS = 5_000

/** Changes to the SQL tables, taken from the state as records are handed over. */
export interface TableWriter<T, R> {
  /** Notes what `records` change; `state` is exactly after them. */
  collect(state: T, records: R[]): void
  /**
   * Everything collected since the last cut, to be written in the transaction of the records it
   * came from; collecting starts afresh. Called as those records are cut from the queue, before
   * any later hand-over can add rows of records that are not in that append.
   */
  cut(): (tx: TransactionSql) => PendingQuery<any>[]
  /** Forgets what was collected (after a failed append: the state is rebuilt). */
  reset(): void
}

export interface PgJournalOptions<T, R> {
  sql: Sql
  tables?: TableWriter<T, R>
  snapshots?: { codec: SnapshotCodec<T>; everyRecords?: number; afterStartMs?: number }
  log?: (message: string) => void
  /** Told of a failed append once (then writes fail until `read()`). */
  onFailure?: (err: LedgerError, kind: 'unavailable' | 'fenced' | 'other') => void
}

/** The 503 that an append failure answers with. */
function appendError(err: unknown): LedgerError {
  const kind = failureKind(err)
  if (kind === 'fenced') return new LedgerError('writer_unavailable', 'this server stopped writing (another one took over): send the request again', undefined, { cause: err })
  if (kind === 'unavailable') return new LedgerError('database_unavailable', 'the database cannot be reached: nothing was changed; try again shortly', undefined, { cause: err })
  return new LedgerError('database_unavailable', 'the database refused the write: nothing was changed; try again shortly', undefined, { cause: err })
}

export class PgJournal<T extends Journaled<R>, R extends Sequenced> implements JournalAdapter<T, R> {
  readonly #sql: Sql
  readonly #create: () => T
  readonly #tables: TableWriter<T, R> | null
  readonly #log: (message: string) => void
  readonly #onFailure: PgJournalOptions<T, R>['onFailure']
  readonly #snapshots: PgSnapshots<T> | null
  readonly #everyRecords: number
  readonly #afterStartMs: number
  /** The lease epoch this journal appends under; null: it follows and refuses writes. */
  epoch: number | null = null
  #durableSeq = 0
  readonly #commit: GroupCommit<{ seq: number; text: string }> = new GroupCommit({
    durableSeq: () => this.#durableSeq,
    // The rows of exactly these records: writes arriving while the transaction starts collect for the next one.
    append: (batch) => this.#append(batch, this.#tables?.cut() ?? null),
    failed: (err) => {
      const failure = appendError(err)
      this.#fail(failure, failureKind(err))
      // A journal that failed before keeps its first failure.
      return this.#failed ?? failure
    },
    flushed: () => setImmediate(() => this.#maybeSnapshot()),
  })
  #failed: LedgerError | null = null
  #state: T | null = null
  #snapshotting: Promise<void> | null = null
  #startTimer: ReturnType<typeof setTimeout> | null = null
  #closed = false
  /** Number of append transactions committed: shows group commit at work. */
  flushes = 0

  constructor(create: () => T, options: PgJournalOptions<T, R>) {
    this.#sql = options.sql
    this.#create = create
    this.#tables = options.tables ?? null
    this.#log = options.log ?? ((m) => console.warn(m))
    this.#onFailure = options.onFailure
    this.#snapshots = options.snapshots ? new PgSnapshots(options.sql, options.snapshots.codec) : null
    this.#everyRecords = options.snapshots?.everyRecords ?? SNAPSHOT_EVERY_RECORDS
    this.#afterStartMs = options.snapshots?.afterStartMs ?? SNAPSHOT_AFTER_START_MS
  }

  get durableSeq(): number {
    return this.#durableSeq
  }

  /** Position of the newest snapshot known (0: none). */
  get snapshotSeq(): number {
    return this.#snapshots?.seq ?? 0
  }

  /** True after a failed append, until `read()`. */
  get failed(): boolean {
    return this.#failed !== null
  }

  async read(): Promise<T | null> {
    await this.idle()
    this.#durableSeq = 0
    this.#commit.abandon()
    this.#tables?.reset()
    let state: T | null = null
    if (this.#snapshots) {
      try {
        const loaded = await this.#snapshots.load()
        if (loaded) {
          state = loaded.state
          this.#durableSeq = loaded.seq
        }
      } catch (err) {
        if (failureKind(err) === 'unavailable') throw err
        this.#log(`journal: snapshot unusable (${(err as Error).message}); replaying the whole journal`)
      }
    }
    state ??= this.#create()
    await this.catchUp(state)
    this.#failed = null
    if (this.#durableSeq === 0) return null
    this.#state = state
    if (this.#snapshots && !this.#startTimer) {
      this.#startTimer = setTimeout(() => {
        this.#startTimer = null
        this.#maybeSnapshot()
      }, this.#afterStartMs)
      this.#startTimer.unref()
    }
    return state
  }

  /** Applies to `state` every record committed after durableSeq; returns how many. */
  async catchUp(state: T): Promise<number> {
    let applied = 0
    for (;;) {
      const rows = await this.#sql<Array<{ seq: string; record: string }>>`
        select seq, record from lotledger.journal where seq > ${this.#durableSeq} order by seq limit ${READ_BATCH}`
      for (const row of rows) {
        const rec = JSON.parse(row.record) as R
        if (rec.seq !== this.#durableSeq + 1) throw new Error(`journal: expected record ${this.#durableSeq + 1}, found ${row.seq}`)
        state.replay(rec)
        this.#durableSeq = rec.seq
        applied++
      }
      if (rows.length < READ_BATCH) return applied
    }
  }

  async write(data: T): Promise<void> {
    if (this.#failed) throw this.#failed
    const records = data.drainRecords()
    if (records.length > 0) {
      if (this.epoch === null) {
        const err = new LedgerError('writer_unavailable', 'this server does not write: send the request again')
        this.#fail(err, 'fenced')
        throw err
      }
      this.#state = data
      for (const rec of records) this.#commit.push({ seq: rec.seq, text: JSON.stringify(rec) })
      this.#tables?.collect(data, records)
    }
    return this.#commit.durable()
  }

  /** Fails every waiting and later write until the next `read()`. */
  #fail(err: LedgerError, kind: 'unavailable' | 'fenced' | 'other'): void {
    if (this.#failed) return
    this.#failed = err
    this.#commit.abandon(err)
    this.#tables?.reset()
    if (kind === 'other') this.#log(`journal: append failed: ${(err.cause as Error)?.stack ?? err.message}`)
    this.#onFailure?.(err, kind)
  }

  async #append(batch: Array<{ seq: number; text: string }>, tables: ((tx: TransactionSql) => PendingQuery<any>[]) | null): Promise<void> {
    const epoch = this.epoch
    if (epoch === null) throw Object.assign(new Error('this journal lost its epoch'), { code: 'LL001' })
    if (batch[0].seq !== this.#durableSeq + 1) throw new Error(`journal gap: expected ${this.#durableSeq + 1}, got ${batch[0].seq}`)
    const last = batch[batch.length - 1].seq
    await this.#sql.begin((tx) => {
      const queries: PendingQuery<any>[] = [tx`set local synchronous_commit to on`, tx`select lotledger.check_epoch(${epoch})`]
      for (let i = 0; i < batch.length; i += INSERT_ROWS) {
        const rows = batch.slice(i, i + INSERT_ROWS).map((b) => ({ seq: b.seq, epoch, record: b.text }))
        queries.push(tx`insert into lotledger.journal ${tx(rows, 'seq', 'epoch', 'record')}`)
      }
      if (tables) queries.push(...tables(tx))
      queries.push(tx`select pg_notify(${JOURNAL_CHANNEL}, ${String(last)})`)
      return queries
    })
    this.#durableSeq = last
    this.flushes++
  }

  async readRecords(seqs: readonly number[]): Promise<R[]> {
    for (const seq of seqs) if (!Number.isInteger(seq) || seq < 1 || seq > this.#durableSeq) throw new RangeError(`no durable record ${seq}`)
    if (seqs.length === 0) return []
    const wanted = [...new Set(seqs)]
    const rows = await this.#sql<Array<{ seq: string; record: string }>>`
      select seq, record from lotledger.journal where seq = any(${wanted}::bigint[])`
    const bySeq = new Map(rows.map((r) => [Number(r.seq), r.record]))
    return seqs.map((seq) => {
      const text = bySeq.get(seq)
      if (text === undefined) throw new Error(`journal: record ${seq} is missing from the database`)
      return JSON.parse(text) as R
    })
  }

  /** Starts a snapshot in the background when one is due (writers only: their state is the newest). */
  #maybeSnapshot(): void {
    const snapshots = this.#snapshots
    if (!snapshots || this.#snapshotting || this.#commit.flushing || this.#closed || this.#failed || this.epoch === null || !this.#state) return
    if (this.#durableSeq - snapshots.seq < this.#everyRecords) return
    this.#snapshotting = this.#snapshot().finally(() => (this.#snapshotting = null))
  }

  async #snapshot(): Promise<void> {
    try {
      await this.#snapshots!.save(this.#state!, this.#durableSeq)
    } catch (err) {
      // Only the next start gets slower: the journal stays complete.
      this.#log(`journal: snapshot failed: ${(err as Error).message}`)
    }
  }

  /** Resolves when no append and no snapshot is running. */
  async idle(): Promise<void> {
    while (this.#commit.flushing || this.#snapshotting) await (this.#commit.flushing ?? this.#snapshotting)
  }

  async close(): Promise<void> {
    await this.idle()
    this.#closed = true
    if (this.#startTimer) clearTimeout(this.#startTimer)
    this.#startTimer = null
    // A snapshot at a writer's clean stop makes the next start fast, as the file journal's does.
    const snapshots = this.#snapshots
    if (snapshots && this.#state && !this.#failed && this.epoch !== null && this.#durableSeq > snapshots.seq) await this.#snapshot()
  }
}
