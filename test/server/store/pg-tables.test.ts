/**
 * The `ledger` tables kept for other tools (server/store/pg/sql-tables.ts) against the ledger's
 * own answers through the API: after a scenario, after a crash, through the read-only role, and
 * README's recall query against GET /recall.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import postgres, { type Sql } from 'postgres'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { issueToken } from '../../../server/admin/bootstrap'
import { putProduct } from '../../../server/domain/commands/products'
import { recordOperation } from '../../../server/domain/operations/record'
import { createApp } from '../../../server/http/app'
import type { LedgerStore } from '../../../server/store/ledger-store'
import { openPostgresStore } from '../../../server/store/pg/open'
import { OperationInput } from '../../../shared/schemas/operation'
import { ProductInput } from '../../../shared/schemas/product'
import { TestClock } from '../../helpers/clock'
import { populate } from '../../helpers/ledger-scenario'
import { postgresSkipped, startPostgres, type ThrowawayPostgres } from '../../helpers/postgres'
import { killStarted, REPO_ROOT, startServerProcess } from '../../helpers/process'
import { client } from '../../helpers/server'
import { tempDirs } from '../../helpers/temp'

const temp = tempDirs()

/** The SQL block of README.md whose first line is `-- <title>`. */
function readmeSql(title: string): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')
  const block = [...readme.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.startsWith(`-- ${title}`))
  if (!block) throw new Error(`README.md has no SQL block starting -- ${title}`)
  return block
}

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString())

/** GET `path` of the API on `store`, as `secret`. */
async function apiGet(store: LedgerStore, secret: string, path: string): Promise<any> {
  const res = await createApp(store).request(`/api/v1${path}`, { headers: { authorization: `Bearer ${secret}` } })
  expect(res.status, path).toBe(200)
  return res.json()
}

/** Every table of workspace `ws` equals what the API answers about it. */
async function expectTablesMatchLedger(sql: Sql, store: LedgerStore, ws: string, secret: string): Promise<void> {
  const [{ seq }] = await sql<Array<{ seq: string }>>`select seq from ledger.info`
  expect(Number(seq)).toBe(store.seq)

  const products = (await apiGet(store, secret, '/products')).products as any[]
  const productRows = await sql`select * from ledger.products where workspace = ${ws} order by sku`
  expect(productRows.map((r) => [r.sku, r.name, r.uom, r.tracking, r.gtin, r.expiration_days, r.best_before_days, r.removal_days, r.alert_days, iso(r.updated_at)]))
    .toEqual([...products].sort((a, b) => (a.sku < b.sku ? -1 : 1)).map((p) => [
      p.sku, p.name, p.uom, p.tracking, p.gtin, p.expiry?.expirationDays ?? null, p.expiry?.bestBeforeDays ?? null,
      p.expiry?.removalDays ?? null, p.expiry?.alertDays ?? null, iso(p.updatedAt),
    ]))

  const locations = (await apiGet(store, secret, '/locations')).locations as any[]
  const locationRows = await sql`select * from ledger.locations where workspace = ${ws} order by code`
  expect(locationRows.map((r) => [r.code, r.name, r.kind, r.built_in])).toEqual(
    [...locations].sort((a, b) => (a.code < b.code ? -1 : 1)).map((l) => [l.code, l.name, l.kind, l.builtIn]))

  const lots = (await apiGet(store, secret, '/lots?limit=1000')).lots as any[]
  const lotRows = await sql<Array<Record<string, any> & { product: string; name: string }>>`
    select product, name, ref, note, expiration_date::text, best_before_date::text, removal_date::text, alert_date::text, created_at, expiration_precision
    from ledger.lots where workspace = ${ws}`
  const lotKey = (x: { product: string; name: string }) => `${x.product}\u0000${x.name}`
  const byLot = (a: { product: string; name: string }, b: { product: string; name: string }) => (lotKey(a) < lotKey(b) ? -1 : 1)
  expect([...lotRows].sort(byLot).map((r) => [r.product, r.name, r.ref, r.note, r.expiration_date, r.best_before_date, r.removal_date, r.alert_date, iso(r.created_at), r.expiration_precision]))
    .toEqual([...lots].sort(byLot).map((l) => [
      l.product, l.name, l.ref, l.note, l.expirationDate, l.bestBeforeDate, l.removalDate, l.alertDate, iso(l.createdAt), l.expirationPrecision ?? 'day',
    ]))

  const moves = (await apiGet(store, secret, '/moves?limit=1000')).moves as any[]
  const moveRows = await sql`select * from ledger.moves where workspace = ${ws} order by seq, n`
  expect(moveRows.map((r) => [r.id, r.operation, r.operation_type, r.reference, iso(r.date), r.product, r.lot, Number(r.qty), r.uom, r.from_location, r.to_location, r.package, r.return_of]))
    .toEqual(moves.map((m) => [m.id, m.operation, m.operationType, m.reference, iso(m.date), m.product, m.lot, m.qty, m.uom, m.from, m.to, m.package, m.returnOf]))

  const operationIds = [...new Set(moves.map((m) => m.operation as string))]
  const operationRows = await sql`select * from ledger.operations where workspace = ${ws} order by seq, id`
  expect(operationRows.map((r) => r.id).sort()).toEqual([...operationIds].sort())
  for (const row of operationRows) {
    const op = (await apiGet(store, secret, `/operations/${encodeURIComponent(row.id)}`)).operation
    expect([row.type, row.reference, iso(row.date), row.partner, row.note, row.correction_of, iso(row.created_at), row.created_by], row.id)
      .toEqual([op.type, op.reference, iso(op.date), op.partner, op.note, op.correctionOf, iso(op.createdAt), op.createdBy?.name ?? null])
  }

  const quants = (await apiGet(store, secret, '/stock')).quants as any[]
  const quantKey = (q: { product: string; lot: string | null; location: string; package: string | null }) => [q.product, q.lot ?? '', q.location, q.package ?? ''].join('\u0000')
  const quantRows = await sql`select * from ledger.quants where workspace = ${ws}`
  expect(quantRows.map((r) => [quantKey(r as any), Number(r.qty)]).sort()).toEqual(quants.map((q) => [quantKey(q), q.qty]).sort())
}

describe.skipIf(postgresSkipped())('the ledger tables on PostgreSQL', () => {
  let pg: ThrowawayPostgres
  let url: string
  let store: LedgerStore
  let secret: string
  const pools: Sql[] = []
  const pool = (u: string) => {
    const sql = postgres(u, { onnotice: () => {} })
    pools.push(sql)
    return sql
  }

  beforeAll(async () => {
    pg = await startPostgres()
    url = await pg.createDatabase()
    const opened = await openPostgresStore(url, { clock: new TestClock(), log: () => {}, url: () => 'http://127.0.0.1:9', poolSize: 4 })
    store = opened.store
    await opened.node.start()
    const clock = new TestClock()
    await populate(store, clock)
    // Two levels of genealogy below MILK L1, deliveries of each, and a return.
    const ledger = store.ledger
    const ws = ledger.workspace('acme')
    const by = { token: 'test', name: 'test' }
    putProduct(ledger, ws, by, 'DESSERT', ProductInput.parse({ name: 'Dessert', tracking: 'lot' }))
    const op = (input: unknown) => expect(recordOperation(ledger, ws, by, OperationInput.parse(input)).kind).toBe('created')
    op({ id: 'del-y', type: 'delivery', reference: 'WH/OUT/Y', partner: 'Cafe', lines: [{ product: 'YOGURT', qty: 3, lot: 'Y1' }] })
    op({ id: 'ret-y', type: 'return', reference: 'WH/RET/Y', correctionOf: 'del-y', lines: [{ product: 'YOGURT', qty: 1, lot: 'Y1' }] })
    op({ id: 'prod-d', type: 'production', reference: 'MO/002', consume: [{ product: 'YOGURT', qty: 1, lot: 'Y1' }], produce: [{ product: 'DESSERT', qty: 2, lot: 'D1' }] })
    op({ id: 'del-d', type: 'delivery', reference: 'WH/OUT/D', partner: 'Bistro', lines: [{ product: 'DESSERT', qty: 1, lot: 'D1' }] })
    // A lot whose expiry came as a month only (GS1 YYMM00).
    op({ id: 'rcpt-m', type: 'receipt', reference: 'WH/IN/M', lines: [{ product: 'MILK', qty: 1, lot: 'M1', expirationDate: '2027-02-28', expirationPrecision: 'month' }] })
    await store.persist()
    secret = (await issueToken(store, 'acme', 'tables test', 'viewer')).secret
  }, 120_000)

  afterEach(async () => {
    await killStarted()
    await temp.cleanup()
  })

  afterAll(async () => {
    await store?.close()
    for (const sql of pools) await sql.end({ timeout: 5 })
    await pg?.dispose()
  })

  it('equal the ledger\'s own answers after a scenario', async () => {
    const sql = pool(url)
    await expectTablesMatchLedger(sql, store, 'acme', secret)
    // The other workspace is there too, with only what a new workspace has.
    const [{ n }] = await sql<Array<{ n: number }>>`select count(*)::int as n from ledger.moves where workspace = 'other'`
    expect(n).toBe(0)
    expect((await sql`select id from ledger.workspaces order by id`).map((r) => r.id)).toEqual(['acme', 'other'])
  })

  it('answer README\'s recall query as GET /recall does, through levels of genealogy', async () => {
    const sql = pool(url)
    const rows = await sql.unsafe(readmeSql('recall: deliveries'))
    const answer = await apiGet(store, secret, '/recall?product=MILK&lot=L1')
    expect(answer.deliveries.map((d: any) => d.lot)).toEqual(expect.arrayContaining(['L1', 'Y1', 'D1']))
    expect(rows.map((r) => [r.partner, r.reference, r.operation, iso(r.date), r.product, r.lot, Number(r.qty), Number(r.returned), r.uom, r.to_location]))
      .toEqual(answer.deliveries.map((d: any) => [d.partner, d.reference, d.operation, iso(d.date), d.product, d.lot, d.qty, d.returned, d.uom, d.to]))
    expect(answer.deliveries.find((d: any) => d.operation === 'del-y')).toMatchObject({ qty: 3, returned: 1 })
  })

  it('may be read, and only read, by a login in lotledger_reader; the storage stays out of its reach', async () => {
    const admin = pool(url)
    await admin.unsafe(`create role analyst login password 'analyst-password' in role lotledger_reader`)
    const analyst = pool(url.replace('postgres:throwaway@', 'analyst:analyst-password@'))
    const [{ n }] = await analyst<Array<{ n: number }>>`select count(*)::int as n from ledger.moves`
    expect(n).toBeGreaterThan(0)
    await expect(analyst`select * from lotledger.journal limit 1`).rejects.toMatchObject({ code: '42501' })
    await expect(analyst`select * from lotledger.lease`).rejects.toMatchObject({ code: '42501' })
    await expect(analyst`delete from ledger.moves`).rejects.toMatchObject({ code: '42501' })
    await expect(analyst`update ledger.info set seq = 0`).rejects.toMatchObject({ code: '42501' })
  })

  it('equal the ledger read back after a server was killed in the middle of writes', { timeout: 120_000 }, async () => {
    const crashUrl = await pg.createDatabase()
    const server = await startServerProcess(await temp.make(), { DATABASE_URL: crashUrl })
    const api = client(server.url, server.printedToken!)
    expect((await api.put('/products/MILK', { name: 'Milk', tracking: 'lot' })).status).toBe(201)
    // Writes in flight when the server dies: whatever committed is in the journal and the tables alike.
    let acknowledged = 0
    const acknowledgedIds: string[] = []
    const writer = async (client: number) => {
      for (let i = 0; ; i++) {
        const reply = await api.post('/operations', {
          id: `r-${client}-${i}`, type: 'receipt', reference: `IN/${client}/${i}`, lines: [{ product: 'MILK', qty: 1, lot: `L${i % 7}` }],
        }).catch(() => null)
        if (reply?.status !== 201) return
        acknowledgedIds.push(`r-${client}-${i}`)
        if (++acknowledged === 60) server.proc.child.kill('SIGKILL')
      }
    }
    await Promise.all(Array.from({ length: 8 }, (_, c) => writer(c)))
    await server.proc.exited

    const opened = await openPostgresStore(crashUrl, { log: () => {}, url: () => 'http://127.0.0.1:9', poolSize: 2 })
    try {
      await opened.node.start()
      // The dead server's session, and the writer lock with it, goes as PostgreSQL notices.
      for (let i = 0; i < 100 && opened.node.role !== 'writer'; i++) await new Promise((r) => setTimeout(r, 100))
      expect(opened.node.role).toBe('writer')
      const reader = (await issueToken(opened.store, 'default', 'after the crash', 'viewer')).secret
      // Every acknowledged write is there (and perhaps some that were committed as the server died).
      const operations = opened.store.ledger.workspace('default').operations
      expect(acknowledgedIds.length).toBeGreaterThanOrEqual(60)
      for (const id of acknowledgedIds) expect(operations.has(id), id).toBe(true)
      await expectTablesMatchLedger(pool(crashUrl), opened.store, 'default', reader)
    } finally {
      await opened.store.close()
    }
  })
})
