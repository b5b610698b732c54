import { createServer } from 'node:net'
import postgres, { type Sql } from 'postgres'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { LedgerStore } from '../../../server/store/ledger-store'
import type { PgJournal } from '../../../server/store/pg/journal'
import { DatabaseStartError, openPostgresStore } from '../../../server/store/pg/open'
import { migrate, SCHEMA_VERSION } from '../../../server/store/pg/schema'
import { TestClock } from '../../helpers/clock'
import { dumpState, populate } from '../../helpers/ledger-scenario'
import { postgresSkipped, startPostgres, type ThrowawayPostgres } from '../../helpers/postgres'

/** A port on 127.0.0.1 where nothing listens. */
async function deadPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as { port: number }
  await new Promise<void>((done) => server.close(() => done()))
  return port
}

describe.skipIf(postgresSkipped())('the ledger on PostgreSQL', () => {
  let pg: ThrowawayPostgres
  const pools: Sql[] = []
  const stores: LedgerStore[] = []

  const pool = (url: string) => {
    const sql = postgres(url, { onnotice: () => {} })
    pools.push(sql)
    return sql
  }

  /** Opens the store at `url` (its state read), without joining the servers on it. */
  async function openStore(url: string, logs: string[] = [], snapshotEveryRecords?: number) {
    const opened = await openPostgresStore(url, {
      clock: new TestClock(), log: (m) => logs.push(m), url: () => 'http://127.0.0.1:9', snapshotEveryRecords, poolSize: 4,
    })
    stores.push(opened.store)
    return opened
  }

  /** Opens the store at `url` and makes it the writer, as `npm start` does once it listens. */
  async function openWriter(url: string, logs: string[] = [], snapshotEveryRecords?: number): Promise<LedgerStore> {
    const { store, node } = await openStore(url, logs, snapshotEveryRecords)
    await node.start()
    expect(node.role).toBe('writer')
    return store
  }

  async function closeStore(store: LedgerStore): Promise<void> {
    stores.splice(stores.indexOf(store), 1)
    await store.close()
  }

  /** Why openPostgresStore refused `url`. */
  async function startRefusal(url: string): Promise<string> {
    const err = await openPostgresStore(url, { url: () => 'http://127.0.0.1:9', log: () => {} }).then(
      ({ store }) => {
        stores.push(store)
        throw new Error('the store opened')
      },
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(DatabaseStartError)
    return (err as Error).message
  }

  beforeAll(async () => {
    pg = await startPostgres()
  })

  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close()
  })

  afterAll(async () => {
    for (const sql of pools) await sql.end({ timeout: 5 })
    await pg?.dispose()
  })

  describe('schema', () => {
    it('is migrated once, in order, even by servers starting together', async () => {
      const url = await pg.createDatabase()
      const [a, b, c] = [pool(url), pool(url), pool(url)]
      const applied = await Promise.all([migrate(a), migrate(b), migrate(c)])
      // One of them applied every version; the others found the schema up to date.
      expect(applied.flat().sort()).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1))
      expect(applied.filter((v) => v.length > 0)).toHaveLength(1)
      const versions = await a<Array<{ version: number }>>`select version from lotledger.migrations order by version`
      expect(versions.map((v) => v.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1))
      expect(await migrate(a)).toEqual([])
    })

    it('refuses a database whose schema is newer than this code, saying so', async () => {
      const url = await pg.createDatabase()
      const sql = pool(url)
      await migrate(sql)
      await sql`insert into lotledger.migrations (version) values (${SCHEMA_VERSION + 1})`
      const message = await startRefusal(url)
      expect(message).toMatch(new RegExp(`schema is version ${SCHEMA_VERSION + 1}, newer than this lotledger knows \\(${SCHEMA_VERSION}\\)`))
    })
  })

  describe('a start that cannot use the database says why, without the password', () => {
    it('wrong password', async () => {
      const url = pg.url().replace(':throwaway@', ':not-the-password@')
      const message = await startRefusal(url)
      expect(message).toMatch(/refused user postgres: wrong password/)
      expect(message).not.toContain('not-the-password')
      expect(message).toContain(':***@127.0.0.1')
    })

    it('nothing listening', { timeout: 30_000 }, async () => {
      const url = `postgres://lotledger:secret-word@127.0.0.1:${await deadPort()}/lotledger`
      const message = await startRefusal(url)
      expect(message).toMatch(/^cannot reach the database at postgres:\/\/lotledger:\*\*\*@127\.0\.0\.1:\d+\/lotledger: is PostgreSQL running there/)
      expect(message).not.toContain('secret-word')
    })

    it('no such database', async () => {
      const message = await startRefusal(pg.url('no_such_database'))
      expect(message).toMatch(/database "no_such_database" does not exist at .*: create it first \(createdb no_such_database\)/)
    })
  })

  describe('journal and snapshots', () => {
    it('keeps a ledger across a restart, from a snapshot in the database that equals a full replay', { timeout: 60_000 }, async () => {
      const url = await pg.createDatabase()
      const clock = new TestClock()
      const store = await openWriter(url)
      await populate(store, clock)
      const before = dumpState(store)
      expect(store.kind).toBe('postgres')
      await closeStore(store)

      const sql = pool(url)
      const [snapshot] = await sql<Array<{ seq: string; parts: number }>>`select seq, parts from lotledger.snapshots`
      expect(Number(snapshot.seq)).toBe(before.seq)
      expect(snapshot.parts).toBeGreaterThan(1)

      const logs: string[] = []
      const restarted = await openWriter(url, logs)
      expect((restarted.journal as PgJournal<any, any>).snapshotSeq).toBe(before.seq)
      expect(dumpState(restarted)).toEqual(before)
      // Every record is still there to be read back.
      const all = Array.from({ length: before.seq }, (_, i) => i + 1)
      expect((await restarted.records(all)).map((r) => r.seq)).toEqual(all)
      await closeStore(restarted)

      // Without the snapshot, a full replay gives the same state.
      await sql`delete from lotledger.snapshots`
      const replayed = await openWriter(url)
      expect((replayed.journal as PgJournal<any, any>).snapshotSeq).toBe(0)
      expect(dumpState(replayed)).toEqual(before)
    })

    it('takes snapshots while writing, keeping the newest: another server starts from it and the records after it', { timeout: 60_000 }, async () => {
      const url = await pg.createDatabase()
      const store = await openWriter(url, [], 5)
      await populate(store, new TestClock())
      const before = dumpState(store)
      const journal = store.journal as PgJournal<any, any>
      // A snapshot starts on the turn after the append that made it due.
      await new Promise((r) => setImmediate(r))
      await journal.idle()
      expect(journal.snapshotSeq).toBeGreaterThan(0)
      // Only the newest snapshot is kept.
      const [{ n }] = await pool(url)<Array<{ n: number }>>`select count(*)::int as n from lotledger.snapshots`
      expect(n).toBe(1)
      // What another server reads while this one still writes: the snapshot and the records after it.
      const { store: reader } = await openStore(url)
      expect((reader.journal as PgJournal<any, any>).snapshotSeq).toBe(journal.snapshotSeq)
      expect(dumpState(reader)).toEqual(before)
    })
  })
})
