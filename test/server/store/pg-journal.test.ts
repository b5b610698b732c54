import postgres, { type Sql } from 'postgres'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { PgJournal, type TableWriter } from '../../../server/store/pg/journal'
import { migrate } from '../../../server/store/pg/schema'
import { postgresSkipped, startPostgres, type ThrowawayPostgres } from '../../helpers/postgres'
import { describeJournalAdapter, Notebook, type Note } from './journal-contract'

describe.skipIf(postgresSkipped())('PgJournal', () => {
  let pg: ThrowawayPostgres
  const pools: Sql[] = []

  /** A connection pool to `url`, ended after the file. */
  const pool = (url: string) => {
    const sql = postgres(url, { onnotice: () => {} })
    pools.push(sql)
    return sql
  }

  /** A new database with lotledger's schema. */
  async function database(): Promise<Sql> {
    const sql = pool(await pg.createDatabase())
    await migrate(sql)
    return sql
  }

  beforeAll(async () => {
    pg = await startPostgres()
  })

  afterAll(async () => {
    for (const sql of pools) await sql.end({ timeout: 5 })
    await pg?.dispose()
  })

  // Every adapter appends as the writer of epoch 0, the lease as a new database has it.
  describeJournalAdapter('PgJournal', async () => {
    const sql = await database()
    return {
      open: () => {
        const journal = new PgJournal<Notebook, Note>(() => new Notebook(), { sql })
        journal.epoch = 0
        return journal
      },
      dispose: async () => {},
    }
  })

  describe('beyond the contract', () => {
    let sql: Sql
    const journals: Array<PgJournal<Notebook, Note>> = []
    const open = (epoch: number | null) => {
      const j = new PgJournal<Notebook, Note>(() => new Notebook(), { sql, log: () => {} })
      j.epoch = epoch
      journals.push(j)
      return j
    }

    afterEach(async () => {
      for (const j of journals.splice(0)) await j.close()
    })

    it('commits concurrent writes together, each resolving once committed', async () => {
      sql = await database()
      const journal = open(0)
      const book = new Notebook()
      const writes: Promise<void>[] = []
      for (let i = 0; i < 200; i++) {
        book.add(`note ${i}`)
        writes.push(journal.write(book))
      }
      await Promise.all(writes)
      expect(journal.flushes).toBeLessThan(200)
      const [{ n }] = await sql`select count(*)::int as n from lotledger.journal`
      expect(n).toBe(200)
      expect((await open(0).read())!.notes).toEqual(book.notes)
    })

    it('commits every append with synchronous_commit on, even where the database says off', async () => {
      const url = await pg.createDatabase()
      const admin = pool(url)
      await migrate(admin)
      await admin.unsafe(`alter database "${new URL(url).pathname.slice(1)}" set synchronous_commit to off`)
      await admin`create table append_settings (setting text)`
      // Sessions opened from now on have it off.
      const own = pool(url)
      const [{ setting }] = await own<Array<{ setting: string }>>`select current_setting('synchronous_commit') as setting`
      expect(setting).toBe('off')
      // What the append's own transaction sees, written beside its records.
      const probe: TableWriter<Notebook, Note> = {
        collect: () => {},
        cut: () => (tx) => [tx`insert into append_settings select current_setting('synchronous_commit')`],
        reset: () => {},
      }
      const journal = new PgJournal<Notebook, Note>(() => new Notebook(), { sql: own, tables: probe, log: () => {} })
      journals.push(journal)
      journal.epoch = 0
      const book = new Notebook()
      book.add('one')
      await journal.write(book)
      book.add('two')
      await journal.write(book)
      const rows = await own<Array<{ setting: string }>>`select setting from append_settings`
      expect(rows.map((r) => r.setting)).toEqual(['on', 'on'])
    })

    it('writes the table rows of exactly the records of each append, in its transaction', async () => {
      sql = await database()
      await sql`create table probe_rows (seq bigint primary key)`
      // A table writer that writes one row per record handed over.
      let collected: number[] = []
      const probe: TableWriter<Notebook, Note> = {
        collect: (_state, records) => void collected.push(...records.map((r) => r.seq)),
        cut: () => {
          const seqs = collected
          collected = []
          return (tx) => (seqs.length ? [tx`insert into probe_rows (seq) select unnest(${seqs}::bigint[])`] : [])
        },
        reset: () => void (collected = []),
      }
      const journal = new PgJournal<Notebook, Note>(() => new Notebook(), { sql, tables: probe, log: () => {} })
      journals.push(journal)
      journal.epoch = 0
      const book = new Notebook()
      // Writes handed over while the first append's transaction starts belong to the next append.
      const writes: Promise<void>[] = []
      for (let i = 0; i < 150; i++) {
        book.add(`note ${i}`)
        writes.push(journal.write(book))
      }
      await Promise.all(writes)
      expect(journal.flushes).toBeGreaterThan(1)
      // xmin: the transaction that wrote a row. Each record's row was written with it.
      const rows = await sql<Array<{ seq: string; journal_tx: string; row_tx: string }>>`
        select j.seq, j.xmin::text as journal_tx, p.xmin::text as row_tx
        from lotledger.journal j left join probe_rows p on p.seq = j.seq order by j.seq`
      expect(rows).toHaveLength(150)
      for (const r of rows) expect(r.row_tx, `record ${r.seq}`).toBe(r.journal_tx)
    })

    it('refuses to append once the lease moved to another epoch, and appends nothing', async () => {
      sql = await database()
      const journal = open(0)
      const book = (await journal.read()) ?? new Notebook()
      book.add('before')
      await journal.write(book)
      // Another server takes over: the lease's epoch moves on.
      await sql`update lotledger.lease set epoch = epoch + 1`
      book.add('after the takeover')
      await expect(journal.write(book)).rejects.toMatchObject({ code: 'writer_unavailable' })
      // Later writes fail too, until the state is read again from the database.
      book.add('later')
      await expect(journal.write(book)).rejects.toMatchObject({ code: 'writer_unavailable' })
      const rows = await sql`select seq, epoch from lotledger.journal order by seq`
      expect(rows.map((r) => [Number(r.seq), Number(r.epoch)])).toEqual([[1, 0]])
      const reread = await journal.read()
      expect(reread!.notes.map((n) => n.text)).toEqual(['before'])
    })

    it('refuses to write while following (no epoch), and follows what a writer appends', async () => {
      sql = await database()
      const writer = open(0)
      const follower = open(null)
      const book = new Notebook()
      book.add('one')
      book.add('two')
      await writer.write(book)
      const followed = new Notebook()
      expect(await follower.catchUp(followed)).toBe(2)
      expect(followed.notes).toEqual(book.notes)
      expect(follower.durableSeq).toBe(2)
      followed.add('a follower writing')
      await expect(follower.write(followed)).rejects.toMatchObject({ code: 'writer_unavailable' })
      const [{ n }] = await sql`select count(*)::int as n from lotledger.journal`
      expect(n).toBe(2)
    })

    it('answers database_unavailable when the database is gone, and works again after read() once it is back', async () => {
      const own = await startPostgres()
      try {
        const ownSql = postgres(own.url(), { onnotice: () => {}, max: 2 })
        pools.push(ownSql)
        await migrate(ownSql)
        const journal = new PgJournal<Notebook, Note>(() => new Notebook(), { sql: ownSql, log: () => {} })
        journals.push(journal)
        journal.epoch = 0
        const book = new Notebook()
        book.add('kept')
        await journal.write(book)
        await own.stop('fast')
        book.add('lost with the database')
        await expect(journal.write(book)).rejects.toMatchObject({ code: 'database_unavailable' })
        await own.start()
        const reread = await journal.read()
        expect(reread!.notes.map((n) => n.text)).toEqual(['kept'])
        reread!.add('after the restart')
        await journal.write(reread!)
        const again = new PgJournal<Notebook, Note>(() => new Notebook(), { sql: ownSql })
        journals.push(again)
        expect((await again.read())!.notes.map((n) => n.text)).toEqual(['kept', 'after the restart'])
      } finally {
        await own.dispose()
      }
    })
  })
})
