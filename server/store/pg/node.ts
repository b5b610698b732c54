/**
 * One server among several on one database: the writer, or a follower.
 *
 * - A follower applies the records the writer appends: at each notification on the journal's
 *   channel (LISTEN), and every poll besides, since notifications can be missed (a dropped
 *   connection). Its ledger refuses commits: the HTTP layer passes writes on to the writer.
 * - Every poll a follower tries to take the writer lease. Having taken it (a new epoch), it
 *   first applies every record committed before, then appends under that epoch.
 * - The writer renews its lease every heartbeat. When it cannot, or an append fails (the
 *   database went away, another server took over), it stops writing, and rebuilds its state from
 *   what the database holds before answering again: an answer never reflects a write that was
 *   not committed. It then follows, and may become the writer again.
 */
import { hostname } from 'node:os'
import type { Sql } from 'postgres'
import { LedgerError } from '../../domain/errors'
import type { Ledger } from '../../domain/ledger'
import type { JournalRecord } from '../../domain/records'
import type { Replica } from '../replica'
import { failureKind } from './failures'
import { JOURNAL_CHANNEL, type PgJournal } from './journal'
import { WriterLease } from './lease'

/** What the node drives: the store's journal and ledger, and rebuilding the ledger from the database. */
export interface NodeStore {
  readonly journal: PgJournal<Ledger, JournalRecord>
  readonly ledger: Ledger
  /** Replaces the ledger with the one the database holds. */
  reload(): Promise<void>
}

export interface NodeOptions {
  /** This server's URL, for the writes followers pass on (known once it listens). */
  url: () => string
  /** Lease lifetime without renewal (default 3 s): how long a paused writer keeps others waiting. */
  leaseTtlMs?: number
  /** Writer's renewal interval (default 500 ms). */
  heartbeatMs?: number
  /** Follower's interval between catch-up reads and tries at the lease (default 250 ms). */
  pollMs?: number
  log?: (message: string) => void
}

const FOLLOWING = new LedgerError('writer_unavailable', 'this server follows the writer and takes no writes itself: send the request again')

export class PgNode implements Replica {
  readonly #store: NodeStore
  readonly #sql: Sql
  readonly #lease: WriterLease
  readonly #url: () => string
  readonly #heartbeatMs: number
  readonly #pollMs: number
  readonly #log: (message: string) => void
  role: 'writer' | 'follower' = 'follower'
  ready = true
  writerUrl: string | null = null
  #epoch: number | null = null
  #timer: ReturnType<typeof setTimeout> | null = null
  #ticking: Promise<void> | null = null
  #stopped = false
  /** Catch-ups run one at a time: two would apply the same records twice. */
  #applying: Promise<unknown> = Promise.resolve()
  #unlisten: (() => Promise<void>) | null = null
  #seqWaiters = new Set<() => void>()
  #unavailableSaid = false

  constructor(store: NodeStore, sql: Sql, databaseUrl: string, options: NodeOptions) {
    this.#store = store
    this.#sql = sql
    this.#url = options.url
    this.#log = options.log ?? ((m) => console.log(m))
    this.#heartbeatMs = options.heartbeatMs ?? 500
    this.#pollMs = options.pollMs ?? 250
    this.#lease = new WriterLease(databaseUrl, { ttlMs: options.leaseTtlMs ?? 3_000, url: options.url, holder: holderName(), log: this.#log })
    store.ledger.refuseWrites = FOLLOWING
  }

  /** The lease epoch this server writes under (null: it follows). */
  get epoch(): number | null {
    return this.#epoch
  }

  /** Called by the journal when an append failed: stop writing, rebuild, follow. */
  journalFailed(err: LedgerError, kind: 'unavailable' | 'fenced' | 'other'): void {
    const why = kind === 'fenced' ? 'another server holds the writer lease' : kind === 'unavailable' ? 'the database cannot be reached' : err.message
    this.#demote(`an append failed (${why})`)
  }

  /** Joins the others: listens to the journal, and tries the lease once before resolving. */
  async start(): Promise<void> {
    // At each notification, and when the listening connection comes back (notifications sent
    // while it was away are lost: the catch-up reads them).
    const follow = () => void this.#follow()
    const listening = await this.#sql.listen(JOURNAL_CHANNEL, follow, follow)
    this.#unlisten = listening.unlisten
    await this.#tick()
  }

  /** Stops: a writer finishes its appends and hands the lease over at once. */
  async stop(): Promise<void> {
    this.#stopped = true
    if (this.#timer) clearTimeout(this.#timer)
    await this.#ticking
    if (this.role === 'writer') await this.#store.journal.idle()
    await this.#lease.release(this.#epoch)
    await this.#unlisten?.().catch(() => {})
    for (const wake of this.#seqWaiters) wake()
  }

  waitForSeq(seq: number, timeoutMs: number): Promise<boolean> {
    const reached = () => this.ready && this.#store.ledger.state.seq >= seq
    if (reached()) return Promise.resolve(true)
    return new Promise((done) => {
      const wake = () => {
        if (!reached() && !this.#stopped) return
        clearTimeout(timer)
        this.#seqWaiters.delete(wake)
        done(reached())
      }
      const timer = setTimeout(() => {
        this.#seqWaiters.delete(wake)
        done(reached())
      }, timeoutMs)
      this.#seqWaiters.add(wake)
    })
  }

  /** Applies what the writer appended (a follower that is ready), one catch-up at a time. */
  #follow(): Promise<void> {
    const run = this.#applying.then(async () => {
      if (this.role !== 'follower' || !this.ready || this.#stopped) return
      try {
        const applied = await this.#store.journal.catchUp(this.#store.ledger)
        this.#unavailableSaid = false
        if (applied > 0) for (const wake of [...this.#seqWaiters]) wake()
      } catch (err) {
        this.#unavailable(err)
      }
    })
    this.#applying = run
    return run
  }

  #schedule(ms: number): void {
    if (this.#stopped) return
    this.#timer = setTimeout(() => void this.#tick(), ms)
    this.#timer.unref?.()
  }

  /** One round: rebuild when needed, then renew the lease (writer) or follow and try to take it. */
  #tick(): Promise<void> {
    this.#ticking ??= (async () => {
      try {
        if (!this.ready) await this.#rebuild()
        if (this.ready && this.role === 'writer') {
          if (!(await this.#lease.renew(this.#epoch!))) this.#demote('the writer lease could not be renewed')
        } else if (this.ready) {
          await this.#follow()
          await this.#tryLease()
        }
      } finally {
        this.#ticking = null
        this.#schedule(this.role === 'writer' ? this.#heartbeatMs : this.#pollMs)
      }
    })()
    return this.#ticking
  }

  async #tryLease(): Promise<void> {
    let taken: Awaited<ReturnType<WriterLease['tryTake']>>
    try {
      taken = await this.#lease.tryTake()
    } catch (err) {
      return this.#unavailable(err)
    }
    if ('writer' in taken) {
      this.writerUrl = taken.writer
      return
    }
    const epoch = taken.epoch
    // Every record committed before the new epoch, first: no append can come after it now.
    const caughtUp = this.#applying.then(() => this.#store.journal.catchUp(this.#store.ledger))
    this.#applying = caughtUp.catch(() => {})
    try {
      await caughtUp
    } catch (err) {
      await this.#lease.release(null)
      return this.#unavailable(err)
    }
    this.#epoch = epoch
    this.#store.journal.epoch = epoch
    this.#store.ledger.refuseWrites = null
    this.role = 'writer'
    this.writerUrl = this.#url()
    this.#log(`lotledger: writing (epoch ${epoch}, from record ${this.#store.ledger.state.seq})`)
  }

  /** Stops writing at once; the state is rebuilt from the database before anything is answered. */
  #demote(why: string): void {
    this.#store.journal.epoch = null
    this.#store.ledger.refuseWrites = FOLLOWING
    const wasWriter = this.role === 'writer'
    this.role = 'follower'
    this.writerUrl = null
    this.ready = false
    const epoch = this.#epoch
    this.#epoch = null
    this.#log(`lotledger: ${wasWriter ? `stopped writing (epoch ${epoch})` : 'rebuilding'}: ${why}`)
    void this.#lease.release(epoch)
    if (this.#timer) clearTimeout(this.#timer)
    this.#schedule(0)
  }

  async #rebuild(): Promise<void> {
    try {
      await this.#applying
      await this.#store.reload()
      this.#store.ledger.refuseWrites = FOLLOWING
      this.ready = true
      this.#unavailableSaid = false
      this.#log(`lotledger: rebuilt from the database (record ${this.#store.ledger.state.seq}); following`)
    } catch (err) {
      this.#unavailable(err)
    }
  }

  /** Says once that the database cannot be reached (until it can again). */
  #unavailable(err: unknown): void {
    if (this.#unavailableSaid) return
    this.#unavailableSaid = true
    const what = failureKind(err) === 'unavailable' ? 'the database cannot be reached' : `database error: ${(err as Error).message}`
    this.#log(`lotledger: ${what}; trying again`)
  }
}

/** Who this server is, for the lease row (operators read it). */
function holderName(): string {
  return `pid ${process.pid} on ${hostname()}`
}
