/**
 * Dates at and beyond the ends of the ledger's range (1900-01-01 to 9999-12-31) through a real
 * server: the ends are taken, anything past them is a 400 naming the field, never a 500, and a
 * refusal changes nothing.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { opId } from '../../helpers/fixtures'
import { startServer, type Client, type TestServer } from '../../helpers/server'

let server: TestServer
let api: Client

beforeAll(async () => {
  server = await startServer()
  api = server.admin
  const products: Array<[string, unknown]> = [
    ['CENTURY', { name: 'Keeps a century', tracking: 'lot', expiry: { expirationDays: 36_500, alertDays: 30 } }],
    ['MILK', { name: 'Milk', tracking: 'lot', expiry: { expirationDays: 10, bestBeforeDays: 1, removalDays: 2, alertDays: 3 } }],
    ['BOLT', { name: 'Bolt', tracking: 'none' }],
  ]
  for (const [sku, body] of products) expect((await api.put(`/products/${sku}`, body)).status).toBe(201)
}, 30_000)
afterAll(async () => server?.close())

const receipt = (extra: Record<string, unknown>, lines: unknown[] = [{ product: 'BOLT', qty: 1 }]) =>
  api.post('/operations', { id: opId('range'), type: 'receipt', reference: 'PO-RANGE', lines, ...extra })

/** Expects a 400 validation_failed whose details name `path` with a message matching `message`. */
function expectRefused(r: { status: number; body: any }, path: string, message: RegExp): void {
  expect(r.status, JSON.stringify(r.body)).toBe(400)
  expect(r.body.error.code).toBe('validation_failed')
  expect(r.body.error.details, JSON.stringify(r.body)).toContainEqual({ path, message: expect.stringMatching(message) })
}

async function journalRecords(): Promise<number> {
  return (await api.get('/health')).body.records
}

describe('an operation date', () => {
  it('takes the last day of the range, as a date and as an instant, and the first one', async () => {
    const last = await receipt({ date: '9999-12-31' })
    expect(last.status, JSON.stringify(last.body)).toBe(201)
    expect(last.body.operation.date).toBe('9999-12-31T00:00:00.000Z')
    const lastInstant = await receipt({ date: '9999-12-31T23:59:59.999Z' })
    expect(lastInstant.status, JSON.stringify(lastInstant.body)).toBe(201)
    const first = await receipt({ date: '1900-01-01' }, [{ product: 'MILK', qty: 1, lot: 'OLD' }])
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    expect(first.body.lots[0]).toMatchObject({ expirationDate: '1900-01-11', alertDate: '1900-01-08' })
  })

  it('refuses a date-time whose instant falls past 9999 or before 1900, naming date', async () => {
    const before = await journalRecords()
    expectRefused(await receipt({ date: '9999-12-31T23:59:59-23:59' }), 'date', /falls after 9999-12-31/)
    expectRefused(await receipt({ date: '0000-01-01T00:00:00Z' }), 'date', /falls before 1900-01-01/)
    expectRefused(await receipt({ date: '1899-12-31' }), 'date', /falls before 1900-01-01/)
    expectRefused(await receipt({ date: '10000-01-01' }), 'date', /YYYY-MM-DD/)
    expect(await journalRecords()).toBe(before)
  })

  it('refuses an instant of the range that is already 10000-01-01 in the workspace time zone', async () => {
    const ws = await server.workspace('kiritimati')
    expect((await ws.patch('/settings', { timeZone: 'Pacific/Kiritimati' })).status).toBe(200)
    expect((await ws.put('/products/BOLT', { name: 'Bolt' })).status).toBe(201)
    const r = await ws.post('/operations', {
      id: opId('kir'), type: 'receipt', reference: 'PO-K', date: '9999-12-31T12:00:00Z', lines: [{ product: 'BOLT', qty: 1 }],
    })
    expectRefused(r, 'date', /falls after 9999-12-31 in the workspace time zone Pacific\/Kiritimati/)
    // Its own last day is taken: it starts at 10:00 UTC the day before.
    const last = await ws.post('/operations', { id: opId('kir'), type: 'receipt', reference: 'PO-K', date: '9999-12-31', lines: [{ product: 'BOLT', qty: 1 }] })
    expect(last.status, JSON.stringify(last.body)).toBe(201)
    expect(last.body.operation.date).toBe('9999-12-30T10:00:00.000Z')
  })
})

describe('dates computed from a product', () => {
  it('refuses a receipt in 9999 whose computed expiry passes 9999-12-31, naming the line', async () => {
    const before = await journalRecords()
    const r = await receipt({ date: '9999-06-01' }, [{ product: 'BOLT', qty: 1 }, { product: 'CENTURY', qty: 1, lot: 'C-9999' }])
    expectRefused(r, 'lines[1]', /^the expiration date computed from 9999-06-01 and the product's 36500 days falls after 9999-12-31$/)
    expect(await journalRecords()).toBe(before)
    expect((await api.get('/lots/CENTURY/C-9999')).status).toBe(404)
  })

  it('refuses a production date of 9999-12-31 whose expiry passes the range, and takes one that stays inside', async () => {
    expectRefused(await receipt({}, [{ product: 'MILK', qty: 1, lot: 'P-LATE', productionDate: '9999-12-31' }]), 'lines[0]', /falls after 9999-12-31/)
    const inside = await receipt({}, [{ product: 'MILK', qty: 1, lot: 'P-LATE', productionDate: '9999-12-21' }])
    expect(inside.status, JSON.stringify(inside.body)).toBe(201)
    expect(inside.body.lots[0]).toMatchObject({ expirationDate: '9999-12-31', alertDate: '9999-12-28' })
  })

  it('refuses an explicit expiration date whose dates counted back fall before 1900, on a line and on a lot', async () => {
    expectRefused(await receipt({}, [{ product: 'CENTURY', qty: 1, lot: 'EARLY', expirationDate: '1900-01-10' }]), 'lines[0]', /alert date, 30 days before the expiration date, falls before 1900-01-01/)
    expectRefused(await api.post('/lots', { product: 'CENTURY', name: 'EARLY', expirationDate: '1900-01-10' }), 'expirationDate', /falls before 1900-01-01/)
    const batch = await api.post('/lots/batch', { lots: [{ product: 'MILK', name: 'OK-1' }, { product: 'CENTURY', name: 'EARLY', expirationDate: '1900-01-10' }] })
    expectRefused(batch, 'lots[1].expirationDate', /falls before 1900-01-01/)
    expect((await api.get('/lots/MILK/OK-1')).status).toBe(404)
  })

  it('refuses an edit of a lot whose dates, moved with its expiration date, would pass 9999-12-31', async () => {
    // Best-before given after the expiration date: moving the expiration to the last day moves it past.
    const lot = await api.post('/lots', { product: 'MILK', name: 'SHIFT', expirationDate: '2026-07-01', bestBeforeDate: '2026-07-05' })
    expect(lot.status, JSON.stringify(lot.body)).toBe(201)
    expectRefused(await api.patch('/lots/MILK/SHIFT', { expirationDate: '9999-12-31' }), 'expirationDate', /best-before date 2026-07-05, moved .* days with the expiration date, falls after 9999-12-31/)
    expect((await api.get('/lots/MILK/SHIFT')).body).toMatchObject({ expirationDate: '2026-07-01', bestBeforeDate: '2026-07-05' })
    // Given in the same edit, the best-before date wins and nothing is moved past the range.
    const both = await api.patch('/lots/MILK/SHIFT', { expirationDate: '9999-12-31', bestBeforeDate: '9999-12-30' })
    expect(both.status, JSON.stringify(both.body)).toBe(200)
    expect(both.body).toMatchObject({ expirationDate: '9999-12-31', bestBeforeDate: '9999-12-30' })
  })

  it('refuses lot dates outside the range given directly', async () => {
    expectRefused(await api.post('/lots', { product: 'MILK', name: 'X', expirationDate: '0001-01-01' }), 'expirationDate', /falls before 1900-01-01/)
    expectRefused(await api.patch('/lots/MILK/SHIFT', { alertDate: '1899-12-31' }), 'alertDate', /falls before 1900-01-01/)
  })
})

describe('date filters of queries and exports', () => {
  it('take the ends of the range and refuse beyond them, naming the filter', async () => {
    expect((await api.get('/moves?after=1900-01-01&before=9999-12-31')).status).toBe(200)
    expect((await api.get(`/moves?before=${encodeURIComponent('9999-12-31T23:59:59.999Z')}`)).status).toBe(200)
    expectRefused(await api.get(`/moves?after=${encodeURIComponent('9999-12-31T23:59:59-23:59')}`), 'after', /falls after 9999-12-31/)
    expectRefused(await api.get(`/moves?before=${encodeURIComponent('0000-01-01T00:00:00Z')}`), 'before', /falls before 1900-01-01/)
    for (const report of ['moves', 'audit']) {
      const refused = await fetch(`${server.url}/api/v1/exports/${report}.xlsx?after=0000-01-01T00:00:00Z`, { headers: { authorization: `Bearer ${api.token}` } })
      expect(refused.status, report).toBe(400)
      expect((await refused.json()).error.details).toContainEqual({ path: 'after', message: expect.stringMatching(/falls before 1900-01-01/) })
    }
  })

  it('export operations dated on the last day as Excel dates', async () => {
    const res = await fetch(`${server.url}/api/v1/exports/moves.xlsx?after=9999-12-31`, { headers: { authorization: `Bearer ${api.token}` } })
    expect(res.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    const ws = wb.worksheets[0]
    const dates: unknown[] = []
    ws.eachRow((row) => row.eachCell((cell) => void (cell.value instanceof Date && dates.push(cell.value.toISOString()))))
    expect(dates.length).toBeGreaterThan(0)
    for (const d of dates) expect(d).toMatch(/^9999-12-31T/)
  })
})
