/**
 * Opening the ledger on PostgreSQL (DATABASE_URL): connect, migrate the schema, load the newest
 * snapshot and the journal after it, and make this server a node among the others (started once
 * it listens, see PgNode.start).
 */
import postgres, { type Sql } from 'postgres'
import { Ledger, systemClock } from '../../domain/ledger'
import type { JournalRecord } from '../../domain/records'
import { ledgerSnapshots, LedgerStore, type StoreOptions } from '../ledger-store'
import { startFailureMessage } from './failures'
import { PgJournal } from './journal'
import { PgNode, type NodeOptions } from './node'
import { migrate, SchemaTooNewError } from './schema'
import { LedgerTables } from './sql-rows'

/** The server cannot start on the database: the message says why and what to do. */
export class DatabaseStartError extends Error {
  override name = 'DatabaseStartError'
}

export interface PgStoreOptions extends StoreOptions, Omit<NodeOptions, 'log'> {
  log?: (message: string) => void
  /** Records between snapshots (default: as the file store). */
  snapshotEveryRecords?: number
  /** Connections in the pool (default 10). */
  poolSize?: number
}

/** A connection pool to `url` that keeps quiet about notices. */
export function connect(url: string, max = 10): Sql {
  return postgres(url, { max, onnotice: () => {}, connection: { application_name: 'lotledger' } })
}

/**
 * Opens the ledger kept in the database at `url`. The store's `replica` is the returned node;
 * call `node.start()` once the server listens (it then follows, or writes). `sql`: the store's
 * connection pool, ended when the store closes.
 */
export async function openPostgresStore(url: string, options: PgStoreOptions): Promise<{ store: LedgerStore; node: PgNode; sql: Sql }> {
  const log = options.log ?? ((m) => console.log(m))
  const clock = options.clock ?? systemClock
  let sql: Sql
  try {
    sql = connect(url, options.poolSize)
    await sql`select 1`
    await migrate(sql, log)
  } catch (err) {
    await sql!?.end({ timeout: 1 }).catch(() => {})
    if (err instanceof SchemaTooNewError) throw new DatabaseStartError(err.message, { cause: err })
    throw new DatabaseStartError(startFailureMessage(err, url), { cause: err })
  }
  let node: PgNode | null = null
  const journal = new PgJournal<Ledger, JournalRecord>(() => new Ledger(clock), {
    sql, log, tables: new LedgerTables(),
    snapshots: { codec: ledgerSnapshots(clock), everyRecords: options.snapshotEveryRecords },
    onFailure: (err, kind) => node?.journalFailed(err, kind),
  })
  let store: LedgerStore
  try {
    store = await LedgerStore.open(journal, clock, options, null, {
      kind: 'postgres',
      close: async () => {
        await node?.stop()
        await sql.end({ timeout: 5 })
      },
    })
  } catch (err) {
    await sql.end({ timeout: 1 }).catch(() => {})
    throw new DatabaseStartError(startFailureMessage(err, url), { cause: err })
  }
  const nodeStore = { journal, get ledger() { return store.ledger }, reload: () => store.reload() }
  node = new PgNode(nodeStore, sql, url, { ...options, log })
  store.replica = node
  return { store, node, sql }
}
