/**
 * The database schema, made and upgraded by the server at start: numbered migrations applied in
 * order, each once, under one advisory lock so that servers starting together do not race.
 *
 * - `lotledger`: the storage (journal, snapshots, writer lease, admin requests). Private: it
 *   holds token hashes.
 * - `ledger`: tables kept from the journal for other tools (see sql-tables.ts), read-only for
 *   them, through the role `lotledger_reader`.
 */
import type { Sql } from 'postgres'
import { MIGRATION_LOCK } from './locks'
import { LOT_PRECISION_V3, READ_MODEL_V2 } from './sql-tables'

const V1_STORAGE = `
  create table lotledger.journal (
    seq bigint primary key,
    -- the lease epoch of the writer that appended it
    epoch bigint not null,
    -- the record's JSON, as the file journal keeps it
    record text not null
  );
  create table lotledger.snapshots (
    id bigserial primary key,
    seq bigint not null,
    parts integer not null,
    created_at timestamptz not null default now()
  );
  create table lotledger.snapshot_parts (
    snapshot bigint not null references lotledger.snapshots (id) on delete cascade,
    n integer not null,
    part text not null,
    primary key (snapshot, n)
  );
  create table lotledger.lease (
    id integer primary key check (id = 1),
    epoch bigint not null,
    holder text,
    url text,
    expires_at timestamptz
  );
  insert into lotledger.lease (id, epoch) values (1, 0);
  -- Fencing: fails the calling transaction unless the lease is still at the caller's epoch. The
  -- row lock makes a takeover (which updates the row) wait for an append in flight, and the
  -- append that comes after it fail.
  create function lotledger.check_epoch(expected bigint) returns void language plpgsql as $f$
  declare
    current bigint;
  begin
    select epoch into current from lotledger.lease where id = 1 for share;
    if current is distinct from expected then
      raise exception 'lotledger: the writer of epoch % lost its lease (now at epoch %)', expected, current using errcode = 'LL001';
    end if;
  end
  $f$;
  create table lotledger.admin_requests (
    id bigserial primary key,
    method text not null,
    path text not null,
    body text,
    status integer,
    answer text,
    created_at timestamptz not null default now(),
    done_at timestamptz
  );
`

/** Every migration, in order: version n is MIGRATIONS[n - 1]. Never edit one that shipped: add another. */
const MIGRATIONS: readonly string[] = [V1_STORAGE, READ_MODEL_V2, LOT_PRECISION_V3]

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length

/** Raised when the database holds a schema newer than this code knows. */
export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError'
}

/**
 * Brings the schema to SCHEMA_VERSION. Returns the versions applied now (none when it was up to
 * date). Throws SchemaTooNewError when the database is at a later version.
 */
export async function migrate(sql: Sql, log: (message: string) => void = () => {}): Promise<number[]> {
  return sql.begin(async (tx) => {
    // Transaction-scoped: released at commit, or when a crashed server's connection goes.
    await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK.classId}, ${MIGRATION_LOCK.objId})`
    await tx`create schema if not exists lotledger`
    await tx`create table if not exists lotledger.migrations (version integer primary key, applied_at timestamptz not null default now())`
    const [{ current }] = await tx<Array<{ current: number }>>`select coalesce(max(version), 0)::int as current from lotledger.migrations`
    if (current > SCHEMA_VERSION) {
      throw new SchemaTooNewError(
        `the database's lotledger schema is version ${current}, newer than this lotledger knows (${SCHEMA_VERSION}): run the newer lotledger that upgraded it`,
      )
    }
    const applied: number[] = []
    for (let version = current + 1; version <= SCHEMA_VERSION; version++) {
      await tx.unsafe(MIGRATIONS[version - 1])
      await tx`insert into lotledger.migrations (version) values (${version})`
      applied.push(version)
      log(`lotledger: database schema migrated to version ${version}`)
    }
    return applied
  })
}
