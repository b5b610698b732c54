/**
 * Keeps the `ledger` tables (sql-tables.ts) as the journal grows. Rows are taken when records
 * are handed to the journal, a moment when the in-memory state is exactly after them: what can
 * change (workspaces, products, locations, lots, quants) is read from the state as it stands
 * then, what never changes (operations, moves, genealogy) from the records. Several hand-overs
 * that share one append are merged, the later row of a key winning, and written in that append's
 * transaction.
 */
import { assertNever } from '../../../shared/assert-never'
import type { PendingQuery, TransactionSql } from 'postgres'
import { formatQty, unitsToQty } from '../../../shared/quantity'
import type { Ledger } from '../../domain/ledger'
import type { DataRecord, JournalRecord, StoredResult } from '../../domain/records'
import { looseKey } from '../../domain/quants'
import { findLot, isStockKind, type WorkspaceState } from '../../domain/state'
import { unpackMove } from '../../domain/stored'
import type { TableWriter } from './journal'

type Cell = string | number | boolean | null
type Row = Cell[]

/** Columns of each table, in the order rows list them, with their SQL types. */
const COLUMNS = {
  workspaces: [['id', 'text'], ['name', 'text'], ['time_zone', 'text'], ['created_at', 'timestamptz']],
  products: [['workspace', 'text'], ['sku', 'text'], ['name', 'text'], ['uom', 'text'], ['tracking', 'text'], ['gtin', 'text'],
    ['expiration_days', 'integer'], ['best_before_days', 'integer'], ['removal_days', 'integer'], ['alert_days', 'integer'], ['updated_at', 'timestamptz']],
  locations: [['workspace', 'text'], ['code', 'text'], ['name', 'text'], ['kind', 'text'], ['built_in', 'boolean'], ['updated_at', 'timestamptz']],
  lots: [['workspace', 'text'], ['product', 'text'], ['name', 'text'], ['ref', 'text'], ['note', 'text'], ['expiration_date', 'date'],
    ['best_before_date', 'date'], ['removal_date', 'date'], ['alert_date', 'date'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ['expiration_precision', 'text']],
  operations: [['workspace', 'text'], ['id', 'text'], ['seq', 'bigint'], ['type', 'text'], ['reference', 'text'], ['date', 'timestamptz'],
    ['partner', 'text'], ['note', 'text'], ['correction_of', 'text'], ['created_at', 'timestamptz'], ['created_by', 'text']],
  moves: [['workspace', 'text'], ['id', 'text'], ['seq', 'bigint'], ['operation', 'text'], ['n', 'integer'], ['operation_type', 'text'],
    ['reference', 'text'], ['date', 'timestamptz'], ['product', 'text'], ['lot', 'text'], ['qty', 'numeric'], ['uom', 'text'],
    ['from_location', 'text'], ['to_location', 'text'], ['package', 'text'], ['return_of', 'text']],
  genealogy: [['workspace', 'text'], ['operation', 'text'], ['product', 'text'], ['lot', 'text'], ['input_product', 'text'], ['input_lot', 'text']],
  quants: [['workspace', 'text'], ['product', 'text'], ['lot', 'text'], ['location', 'text'], ['package', 'text'], ['qty', 'numeric']],
} as const satisfies Record<string, ReadonlyArray<readonly [string, string]>>

type Table = keyof typeof COLUMNS

/** Primary keys, for upserts (quants: its unique constraint, nulls not distinct). */
const KEYS: Partial<Record<Table, number>> = { workspaces: 1, products: 2, locations: 2, lots: 3, quants: 5 }

const key = (row: Row, n: number) => row.slice(0, n).join('\u0000')

/** The records outside batches that change the tables (a batch's parts are all of these kinds). */
const TABLE_RECORDS: ReadonlySet<string> = new Set(['settings.updated', 'product.saved', 'location.saved', 'lots.saved', 'operation.recorded'] satisfies Array<DataRecord['type']>)

export class LedgerTables implements TableWriter<Ledger, JournalRecord> {
  /** Upserts by key (the later hand-over wins). */
  #upserts = new Map<Table, Map<string, Row>>()
  /** Keys whose row goes: lots renamed away, quants back to zero. Deleted before the upserts. */
  #deletes = new Map<'lots' | 'quants', Map<string, Row>>()
  /** Rows that are only ever added. */
  #inserts = new Map<'operations' | 'moves' | 'genealogy', Row[]>()
  #seq = 0

  collect(ledger: Ledger, records: JournalRecord[]): void {
    for (const rec of records) {
      this.#seq = rec.seq
      const ws = ledger.state.workspaces.get(rec.ws)
      if (!ws) continue
      // Records of what the tables do not show (tokens, and whatever else the ledger keeps) are passed over.
      if (rec.type === 'workspace.created') {
        this.#workspace(ws)
        for (const code of ws.locations.keys()) this.#location(ws, code)
      } else if (rec.type === 'batch') {
        for (const part of rec.data.parts) {
          const pws = ledger.state.workspaces.get(part.ws)
          if (pws) this.#part(pws, { ...part, seq: rec.seq, at: rec.at } as DataRecord)
        }
      } else if (TABLE_RECORDS.has(rec.type)) {
        this.#part(ws, rec as DataRecord)
      }
    }
  }

  #part(ws: WorkspaceState, rec: DataRecord): void {
    switch (rec.type) {
      case 'settings.updated':
        return this.#workspace(ws)
      case 'product.saved':
        return this.#product(ws, rec.data.sku)
      case 'location.saved':
        return this.#location(ws, rec.data.code)
      case 'lots.saved':
        for (const doc of rec.data.lots) {
          if (doc.previousName !== undefined) this.#lot(ws, doc.product, doc.previousName)
          this.#lot(ws, doc.product, doc.name)
        }
        return
      case 'operation.recorded':
        return this.#operation(ws, rec.seq, rec.data.result)
      case 'partner.saved':
        // Partners have no table of the stable interface yet.
        return
      default:
        return assertNever(rec, 'record type')
    }
  }

  #upsert(table: Table, row: Row): void {
    let rows = this.#upserts.get(table)
    if (!rows) this.#upserts.set(table, (rows = new Map()))
    const k = key(row, KEYS[table]!)
    rows.set(k, row)
    this.#deletes.get(table as 'lots')?.delete(k)
  }

  #delete(table: 'lots' | 'quants', keyRow: Row): void {
    let rows = this.#deletes.get(table)
    if (!rows) this.#deletes.set(table, (rows = new Map()))
    const k = key(keyRow, keyRow.length)
    rows.set(k, keyRow)
    this.#upserts.get(table)?.delete(k)
  }

  #insert(table: 'operations' | 'moves' | 'genealogy', row: Row): void {
    let rows = this.#inserts.get(table)
    if (!rows) this.#inserts.set(table, (rows = []))
    rows.push(row)
  }

  #workspace(ws: WorkspaceState): void {
    this.#upsert('workspaces', [ws.id, ws.name, ws.settings.timeZone, ws.createdAt])
  }

  #product(ws: WorkspaceState, sku: string): void {
    const p = ws.products.get(sku)
    if (!p) return
    const e = p.expiry
    this.#upsert('products', [ws.id, p.sku, p.name, p.uom, p.tracking, p.gtin, e?.expirationDays ?? null, e?.bestBeforeDays ?? null, e?.removalDays ?? null, e?.alertDays ?? null, p.updatedAt])
  }

  #location(ws: WorkspaceState, code: string): void {
    const l = ws.locations.get(code)
    if (l) this.#upsert('locations', [ws.id, l.code, l.name, l.kind, l.builtIn, l.updatedAt])
  }

  /** The lot of that name as the state has it now, or its row removed when there is none (renamed away). */
  #lot(ws: WorkspaceState, product: string, name: string): void {
    const l = findLot(ws, product, name)
    if (!l) return this.#delete('lots', [ws.id, product, name])
    this.#upsert('lots', [ws.id, product, l.name, l.ref, l.note, l.expirationDate, l.bestBeforeDate, l.removalDate, l.alertDate, l.createdAt, l.updatedAt, l.expirationPrecision])
  }

  #operation(ws: WorkspaceState, seq: number, result: StoredResult): void {
    const o = result.operation
    this.#insert('operations', [ws.id, o.id, seq, o.type, o.reference, o.date, o.partner, o.note, o.correctionOf, o.createdAt, o.createdBy?.name ?? null])
    for (const t of result.lots) {
      const [product, name] = Array.isArray(t) ? [t[0], t[1]] : [t.product, t.name]
      this.#lot(ws, product, name)
    }
    result.moves.forEach((stored, i) => {
      const m = unpackMove(stored)
      this.#insert('moves', [ws.id, `${o.id}#${i + 1}`, seq, o.id, i + 1, o.type, o.reference, o.date, m.product, m.lot,
        formatQty(unitsToQty(m.qty)), m.uom, m.from, m.to, m.package, m.returnOf])
      this.#quant(ws, m.product, m.lot, m.from, m.package)
      this.#quant(ws, m.product, m.lot, m.to, m.package)
    })
    for (const g of result.genealogy) {
      for (const input of g.inputs) this.#insert('genealogy', [ws.id, o.id, g.product, g.lot, input.product, input.lot])
    }
  }

  /** The quant of (product, lot, location, package) as the state has it now: a row, or none at zero. */
  #quant(ws: WorkspaceState, sku: string, lotName: string | null, code: string, pkg: string | null): void {
    const location = ws.locations.get(code)
    const product = ws.products.get(sku)
    if (!location || !product || !isStockKind(location.kind)) return
    let qty = 0
    if (lotName === null) qty = product.looseQuants.get(looseKey(code, pkg))?.qty ?? 0
    else {
      for (const q of product.lots.get(lotName)?.quants ?? []) if (q.location === location && q.package === pkg) qty = q.qty
    }
    const keyRow: Row = [ws.id, sku, lotName, code, pkg]
    if (qty === 0) this.#delete('quants', keyRow)
    else this.#upsert('quants', [...keyRow, formatQty(qty)])
  }

  cut(): (tx: TransactionSql) => PendingQuery<any>[] {
    const [deletes, upserts, inserts, seq] = [this.#deletes, this.#upserts, this.#inserts, this.#seq]
    this.reset()
    return (tx) => {
      const queries: PendingQuery<any>[] = []
      for (const [table, rows] of deletes) if (rows.size) queries.push(deleteRows(tx, table, [...rows.values()]))
      for (const [table, rows] of upserts) if (rows.size) queries.push(writeRows(tx, table, [...rows.values()], true))
      for (const [table, rows] of inserts) if (rows.length) queries.push(writeRows(tx, table, rows, false))
      if (seq > 0) queries.push(tx`update ledger.info set seq = ${seq}`)
      return queries
    }
  }

  reset(): void {
    this.#upserts = new Map()
    this.#deletes = new Map()
    this.#inserts = new Map()
    this.#seq = 0
  }
}

/** `rows` as one array parameter per column, for unnest. */
function columnsOf(rows: Row[], width: number): Cell[][] {
  return Array.from({ length: width }, (_, c) => rows.map((r) => r[c]))
}

/** One statement: unnest(...) of the rows, cast to the columns' types. */
function unnest(tx: TransactionSql, table: Table, rows: Row[], width: number = COLUMNS[table].length) {
  const cols: ReadonlyArray<readonly [string, string]> = COLUMNS[table].slice(0, width)
  const arrays = columnsOf(rows, width)
  const names = cols.map(([n]) => n)
  const params = arrays.map((values, i) => tx`${values}::${tx.unsafe(cols[i][1])}[]`)
  return { names, select: params.reduce((acc, p, i) => (i === 0 ? tx`${p}` : tx`${acc}, ${p}`), tx``) }
}

function writeRows(tx: TransactionSql, table: Table, rows: Row[], upsert: boolean): PendingQuery<any> {
  const { names, select } = unnest(tx, table, rows)
  const into = tx`insert into ${tx.unsafe(`ledger.${table}`)} (${tx(names)}) select * from unnest(${select})`
  if (!upsert) return into
  const keyCols = names.slice(0, KEYS[table]!)
  const rest = names.slice(KEYS[table]!)
  const set = tx.unsafe(rest.map((n) => `${n} = excluded.${n}`).join(', '))
  return tx`${into} on conflict (${tx(keyCols)}) do update set ${set}`
}

function deleteRows(tx: TransactionSql, table: 'lots' | 'quants', rows: Row[]): PendingQuery<any> {
  const width = KEYS[table]!
  const { names, select } = unnest(tx, table, rows, width)
  const match = tx.unsafe(names.map((n) => `t.${n} is not distinct from d.${n}`).join(' and '))
  return tx`delete from ${tx.unsafe(`ledger.${table}`)} t using unnest(${select}) as d (${tx(names)}) where ${match}`
}
