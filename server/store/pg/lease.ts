/**
 * The writer lease: which one of the servers on a database appends to the journal.
 *
 * - Held through a session advisory lock (WRITER_LOCK) on a connection of its own: when the
 *   writer's process dies, PostgreSQL drops the connection and the lock with it, and another
 *   server takes the lease at its next try.
 * - Each taking bumps the epoch in `lotledger.lease`; appends are fenced by it
 *   (lotledger.check_epoch), so a writer that lost the lease can never append again.
 * - The holder renews `expires_at` every heartbeat. A holder that stops renewing (paused,
 *   partitioned, its connection kept open by the kernel) loses the lease once it runs out: the
 *   server that finds it so ends the holder's session (pg_terminate_backend), freeing the lock.
 */
import postgres, { type Sql } from 'postgres'
import { WRITER_LOCK } from './locks'

/** The outcome of a try: this server's epoch, or the writer it found (its URL, when one holds the lease). */
export type LeaseTry = { epoch: number } | { writer: string | null }

export interface LeaseOptions {
  /** How long a lease lasts without renewal. */
  ttlMs: number
  /** Who this server is (written into the lease): its URL for the writes others pass on. */
  url: () => string
  holder: string
  log: (message: string) => void
}

/** A query that hangs (a partitioned network) counts as failed after this long. */
function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(Object.assign(new Error(`${what} took over ${ms} ms`), { code: 'CONNECT_TIMEOUT' })), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

export class WriterLease {
  readonly #databaseUrl: string
  readonly #options: LeaseOptions
  #sql: Sql | null = null
  #held = false

  constructor(databaseUrl: string, options: LeaseOptions) {
    this.#databaseUrl = databaseUrl
    this.#options = options
  }

  /** The lease's own connection (one, never recycled: the lock lives on it). */
  #connection(): Sql {
    this.#sql ??= postgres(this.#databaseUrl, {
      max: 1, idle_timeout: null, max_lifetime: null, connect_timeout: Math.ceil(this.#options.ttlMs / 1000), onnotice: () => {},
      connection: { application_name: 'lotledger lease' },
    } as postgres.Options<Record<string, never>>)
    return this.#sql
  }

  /**
   * Tries to take the lease: the lock, then a new epoch. When another server holds it and its
   * lease ran out, ends that server's session so that the next try can take it.
   */
  async tryTake(): Promise<LeaseTry> {
    try {
      return await this.#tryTake()
    } catch (err) {
      // The connection may have gone, and the lock with it: start again from a new one.
      await this.release(null)
      throw err
    }
  }

  async #tryTake(): Promise<LeaseTry> {
    const sql = this.#connection()
    const { classId, objId } = WRITER_LOCK
    return withTimeout((async () => {
      const tryLock = async () => {
        const [{ got }] = await sql<Array<{ got: boolean }>>`select pg_try_advisory_lock(${classId}, ${objId}) as got`
        this.#held = got
      }
      if (!this.#held) await tryLock()
      if (!this.#held) {
        const [lease] = await sql<Array<{ url: string | null; expired: boolean; pid: number | null; holder: string | null }>>`
          select url, holder, coalesce(expires_at < now(), true) as expired,
            (select pid from pg_locks where locktype = 'advisory' and classid = ${classId} and objid = ${objId} and objsubid = 2 and granted limit 1) as pid
          from lotledger.lease where id = 1`
        if (!lease.expired || lease.pid === null) return { writer: lease.pid === null ? null : lease.url }
        this.#options.log(`lotledger: the writer's lease ran out (${lease.holder ?? 'unknown'} at ${lease.url ?? 'no address'}): ending its database session`)
        await sql`select pg_terminate_backend(${lease.pid})`
        // The lock goes as that session ends: take it now rather than at the next try.
        for (let i = 0; i < 20 && !this.#held; i++) {
          await new Promise((r) => setTimeout(r, 50))
          await tryLock()
        }
        if (!this.#held) return { writer: null }
      }
      const [{ epoch }] = await sql<Array<{ epoch: string }>>`
        update lotledger.lease set epoch = epoch + 1, holder = ${this.#options.holder}, url = ${this.#options.url()},
          expires_at = now() + ${this.#options.ttlMs} * interval '1 millisecond'
        where id = 1 returning epoch`
      return { epoch: Number(epoch) }
    })(), this.#options.ttlMs, 'taking the writer lease')
  }

  /** Renews the lease of `epoch`; false when it is no longer this server's (or cannot be told). */
  async renew(epoch: number): Promise<boolean> {
    const { classId, objId } = WRITER_LOCK
    try {
      const rows = await withTimeout(this.#connection()`
        update lotledger.lease set expires_at = now() + ${this.#options.ttlMs} * interval '1 millisecond'
        where id = 1 and epoch = ${epoch} and exists (
          select 1 from pg_locks where locktype = 'advisory' and classid = ${classId} and objid = ${objId} and objsubid = 2
            and pid = pg_backend_pid() and granted)
        returning 1`, this.#options.ttlMs / 2, 'renewing the writer lease')
      return rows.count === 1
    } catch {
      return false
    }
  }

  /**
   * Gives the lease up: marks it run out (so that another server need not wait for it) and
   * closes the connection, which frees the lock.
   */
  async release(epoch: number | null): Promise<void> {
    const sql = this.#sql
    this.#sql = null
    this.#held = false
    if (!sql) return
    try {
      if (epoch !== null) await withTimeout(sql`update lotledger.lease set expires_at = now() where id = 1 and epoch = ${epoch}`, 2_000, 'releasing the lease')
    } catch {
      // The lock goes with the connection anyway.
    }
    await sql.end({ timeout: 1 }).catch(() => {})
  }
}
