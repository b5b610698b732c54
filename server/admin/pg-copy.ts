/**
 * Moving a ledger between the embedded store and PostgreSQL:
 *
 * - `migrate`: a stopped data directory into an empty database (journal, SQL tables and a
 *   snapshot, in one transaction but the snapshot), verified by opening the database as a server
 *   would and comparing record counts and a digest of the state.
 * - `backup` of a ledger in PostgreSQL, live or not: the journal as of one position, written as a
 *   data directory the embedded store starts on (checked by opening it).
 */
import { createHash } from 'node:crypto'
import { mkdir, open, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Sql } from 'postgres'
import type { Ledger } from '../domain/ledger'
import type { JournalRecord } from '../domain/records'
import { cutSnapshot } from '../domain/snapshot'
import { syncDirectory } from '../store/durable-fs'
import { encodeRecordChunks, writeAll } from '../store/journal-line'
import { ledgerSnapshots, LedgerStore } from '../store/ledger-store'
import { migrate } from '../store/pg/schema'
import { openPostgresStore } from '../store/pg/open'
import { PgSnapshots } from '../store/pg/snapshots'
import { LedgerTables } from '../store/pg/sql-rows'

/** Records copied per round. */
const CHUNK = 5_000

/** A digest of everything a ledger's state holds (its snapshot parts): equal states, equal digests. */
export function stateDigest(ledger: Ledger): string {
  const hash = createHash('sha256')
  for (const part of cutSnapshot(ledger.state).parts) hash.update(JSON.stringify(part)).update('\n')
  return hash.digest('hex')
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

export interface CopyInfo {
  records: number
  digest: string
}

/** Copies the stopped data directory `dataDir` into the empty database `sql` (at `url`), then verifies it there. */
export async function migrateDirectory(dataDir: string, sql: Sql, url: string, log: (m: string) => void): Promise<CopyInfo> {
  // Takes the directory's lock: a server running on it stops the copy.
  const source = await LedgerStore.openDirectory(dataDir, { log })
  let info: CopyInfo
  try {
    await migrate(sql, log)
    const total = source.journal.durableSeq
    const ledger = source.ledger
    await sql.begin(async (tx) => {
      const [{ n }] = await tx<Array<{ n: number }>>`select count(*)::int as n from (select 1 from lotledger.journal limit 1) j`
      if (n > 0) throw new Error('the database already holds a ledger: migrate into an empty database')
      const tables = new LedgerTables()
      for (let from = 1; from <= total; from += CHUNK) {
        const records = await source.journal.readRecords(range(from, Math.min(total, from + CHUNK - 1)))
        const rows = records.map((r) => ({ seq: r.seq, epoch: 0, record: JSON.stringify(r) }))
        await tx`insert into lotledger.journal ${tx(rows, 'seq', 'epoch', 'record')}`
        // What never changes comes from the records, the rest from the state as it ends.
        tables.collect(ledger, records)
      }
      for (const query of tables.cut()(tx)) await query
    })
    await new PgSnapshots<Ledger>(sql, ledgerSnapshots(ledger.clock)).save(ledger, total)
    info = { records: total, digest: stateDigest(ledger) }
  } finally {
    await source.close()
  }
  // As a server would open it: the snapshot, the records after it.
  const { store } = await openPostgresStore(url, { url: () => '', log, poolSize: 2 })
  try {
    const copy = { records: store.journal.durableSeq, digest: stateDigest(store.ledger) }
    if (copy.records !== info.records || copy.digest !== info.digest) {
      throw new Error(`the copy differs from the data directory: ${copy.records} records (digest ${copy.digest}) against ${info.records} (${info.digest})`)
    }
  } finally {
    await store.close()
  }
  return info
}

/** Writes the ledger in the database `sql` as of its last committed record into the new or empty directory `dest`. */
export async function backupDatabase(sql: Sql, dest: string, log: (m: string) => void): Promise<CopyInfo & { dir: string; createdAt: string }> {
  await mkdir(dest, { recursive: true })
  if ((await readdir(dest)).length > 0) throw new Error(`backup directory ${dest} is not empty`)
  const [{ last }] = await sql<Array<{ last: string }>>`select coalesce(max(seq), 0) as last from lotledger.journal`
  const total = Number(last)
  const target = await open(join(dest, 'journal.ndjson'), 'wx')
  try {
    for (let from = 1; from <= total; from += CHUNK) {
      const to = Math.min(total, from + CHUNK - 1)
      const rows = await sql<Array<{ seq: string; record: string }>>`select seq, record from lotledger.journal where seq between ${from} and ${to} order by seq`
      if (rows.length !== to - from + 1) throw new Error(`the journal lacks records between ${from} and ${to}`)
      await writeAll(target, rows.flatMap((r) => encodeRecordChunks(JSON.parse(r.record) as JournalRecord)))
    }
    await target.sync()
  } finally {
    await target.close()
  }
  // The embedded store starts on it: every record read back, in order, checksums right.
  const copy = await LedgerStore.openDirectory(dest, { log })
  let digest: string
  try {
    if (copy.journal.durableSeq !== total) throw new Error(`the backup holds ${copy.journal.durableSeq} records, not ${total}`)
    digest = stateDigest(copy.ledger)
  } finally {
    await copy.close()
  }
  const info = { dir: dest, records: total, digest, createdAt: new Date().toISOString() }
  await writeFile(join(dest, 'BACKUP.json'), JSON.stringify(info, null, 2) + '\n', { flush: true })
  await syncDirectory(dest)
  return info
}
