/**
 * The `ledger` schema: the ledger as plain SQL tables for other tools (Excel's Get Data, BI,
 * their own queries). A stable, read-only interface, documented in README ("SQL tables"):
 * columns are only ever added. Written by the server in the same transaction as the journal
 * records they come from, so they always show the ledger as of one journal position
 * (`ledger.info.seq`), never half an operation.
 *
 * The role `lotledger_reader` may read them and nothing else (not the journal, which holds token
 * hashes). It is made when the server's database user may create roles.
 */

/** Migration 2: the tables and the reader role. */
export const READ_MODEL_V2 = `
  create schema ledger;
  create table ledger.info (
    seq bigint not null
  );
  insert into ledger.info (seq) values (0);
  create table ledger.workspaces (
    id text primary key,
    name text not null,
    time_zone text not null,
    created_at timestamptz not null
  );
  create table ledger.products (
    workspace text not null,
    sku text not null,
    name text not null,
    uom text not null,
    tracking text not null,
    gtin text,
    expiration_days integer,
    best_before_days integer,
    removal_days integer,
    alert_days integer,
    updated_at timestamptz not null,
    primary key (workspace, sku)
  );
  create table ledger.locations (
    workspace text not null,
    code text not null,
    name text not null,
    kind text not null,
    built_in boolean not null,
    updated_at timestamptz not null,
    primary key (workspace, code)
  );
  create table ledger.lots (
    workspace text not null,
    product text not null,
    name text not null,
    ref text,
    note text,
    expiration_date date,
    best_before_date date,
    removal_date date,
    alert_date date,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    primary key (workspace, product, name)
  );
  create table ledger.operations (
    workspace text not null,
    id text not null,
    seq bigint not null,
    type text not null,
    reference text not null,
    date timestamptz not null,
    partner text,
    note text,
    correction_of text,
    created_at timestamptz not null,
    created_by text,
    primary key (workspace, id)
  );
  create index on ledger.operations (workspace, reference);
  create table ledger.moves (
    workspace text not null,
    id text not null,
    seq bigint not null,
    operation text not null,
    n integer not null,
    operation_type text not null,
    reference text not null,
    date timestamptz not null,
    product text not null,
    lot text,
    qty numeric(20, 6) not null,
    uom text not null,
    from_location text not null,
    to_location text not null,
    package text,
    return_of text,
    primary key (workspace, id)
  );
  create index on ledger.moves (workspace, product, lot);
  create index on ledger.moves (workspace, operation);
  create index on ledger.moves (workspace, return_of) where return_of is not null;
  create table ledger.quants (
    workspace text not null,
    product text not null,
    lot text,
    location text not null,
    package text,
    qty numeric(20, 6) not null,
    unique nulls not distinct (workspace, product, lot, location, package)
  );
  create table ledger.genealogy (
    workspace text not null,
    operation text not null,
    product text not null,
    lot text not null,
    input_product text not null,
    input_lot text not null
  );
  create index on ledger.genealogy (workspace, input_product, input_lot);
  create index on ledger.genealogy (workspace, product, lot);
  do $$
  begin
    if not exists (select from pg_roles where rolname = 'lotledger_reader') then
      create role lotledger_reader nologin;
    end if;
    grant usage on schema ledger to lotledger_reader;
    grant select on all tables in schema ledger to lotledger_reader;
  exception when insufficient_privilege then
    raise warning 'lotledger: this database user may not create the role lotledger_reader; an administrator can (README, SQL tables)';
  end
  $$;
`

/**
 * Migration 3: a lot's expiration precision, `day` or `month` (a month-only expiry, shown as the
 * month; expiration_date is then its last day). Lots written before it were all days.
 */
export const LOT_PRECISION_V3 = `
  alter table ledger.lots add column expiration_precision text not null default 'day';
`
