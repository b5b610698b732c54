/**
 * The FSMA 204 records through a real server, read back with exceljs: lettuce received from a
 * farm with its harvest and cooling, made into a salad mix (a new TLC), shipped; by date range and
 * by one TLC both ways; and the completeness check, in the workbook and as JSON.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClock } from '../../helpers/clock'
import { startServer, type Client, type TestServer } from '../../helpers/server'
import { threadsStartedBy } from '../../helpers/threads'
import { at, download, expectPrintSetup, record, rowValues } from './helpers'

let server: TestServer
let viewer: Client

const SENDER = 'Valley Salads Inc.\n12 Packing Way, Salinas, CA 93901\n+1 831 555 0142'
const US = 'Valley Salads Inc., 12 Packing Way, Salinas, CA 93901, +1 831 555 0142'
const FARM = 'Green Acres Farm LLC · +1 831 555 0100 · 400 Ranch Rd, Salinas, CA 93908'
const SHOP = 'FreshMart Stores · +1 415 555 0199 · 1 Market St, San Francisco, CA 94105'

beforeAll(async () => {
  server = await startServer({ clock: new TestClock('2026-11-27T10:00:00Z') })
  const admin = server.admin
  const ok = async (r: Promise<{ status: number; body: unknown }>) => expect((await r).status, JSON.stringify((await r).body)).toBeLessThan(300)
  await ok(admin.patch('/settings', { timeZone: 'America/Los_Angeles', documents: { sender: SENDER } }))
  await ok(admin.put('/products/LETTUCE', { name: 'Romaine lettuce', uom: 'kg', tracking: 'lot', foodTraceabilityList: true }))
  await ok(admin.put('/products/SALAD', { name: 'Salad mix', uom: 'kg', tracking: 'lot', foodTraceabilityList: true }))
  await ok(admin.put('/products/BREAD', { name: 'Bread', tracking: 'lot' }))
  await ok(admin.put('/locations/WH%2FStock', { name: 'Warehouse stock', kind: 'internal', gln: '0614141000005' }))
  await ok(admin.put('/partners/Green%20Acres', { name: 'Green Acres Farm LLC', kind: 'farm', phone: '+1 831 555 0100', address: '400 Ranch Rd, Salinas, CA 93908' }))
  await ok(admin.put('/partners/FreshMart', { name: 'FreshMart Stores', kind: 'customer', phone: '+1 415 555 0199', address: '1 Market St, San Francisco, CA 94105' }))
  await record(admin, {
    id: 'r1', type: 'receipt', reference: 'PO-7', date: '2026-11-02', partner: 'Green Acres', lines: [{ product: 'LETTUCE', lot: 'LET-1', qty: 100 }],
    kdes: { harvest: { farm: 'Green Acres Farm, 400 Ranch Rd, Salinas', field: 'Block 7', date: '2026-11-01' }, cooling: { location: 'Green Acres cooler', date: '2026-11-01' } },
  })
  await record(admin, { id: 'r2', type: 'receipt', reference: 'PO-8', date: '2026-11-02', partner: 'Bakery', lines: [{ product: 'BREAD', lot: 'B-1', qty: 5 }] })
  await record(admin, {
    id: 'mo1', type: 'production', reference: 'MO-1', date: '2026-11-03T08:30:00-08:00',
    consume: [{ product: 'LETTUCE', lot: 'LET-1', qty: 40 }], produce: [{ product: 'SALAD', lot: 'SAL-1', qty: 80, inputs: [{ product: 'LETTUCE', lot: 'LET-1' }] }],
  })
  await record(admin, { id: 'd1', type: 'delivery', reference: 'OUT-1', date: '2026-11-04T09:00:00-08:00', partner: 'FreshMart', lines: [{ product: 'SALAD', lot: 'SAL-1', qty: 30 }] })
  await record(admin, { id: 'd2', type: 'delivery', reference: 'OUT-2', date: '2026-11-05', partner: 'Corner Shop', lines: [{ product: 'SALAD', lot: 'SAL-1', qty: 10 }] })
  await record(admin, { id: 'd3', type: 'delivery', reference: 'OUT-3', date: '2026-11-06', partner: 'FreshMart', lines: [{ product: 'BREAD', lot: 'B-1', qty: 1 }] })
  viewer = await server.clientFor('viewer')
})
afterAll(() => server.close())

async function workbook(query: string): Promise<{ wb: ExcelJS.Workbook; fileName: string | null }> {
  const res = await download(server.url, viewer, `fsma204.xlsx?${query}`)
  expect(res.status, res.bytes.toString('utf8').slice(0, 300)).toBe(200)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(res.bytes as unknown as ExcelJS.Buffer)
  return { wb, fileName: res.headers.get('content-disposition') }
}

const sheet = (wb: ExcelJS.Workbook, name: string) => wb.getWorksheet(name)!
const headers = (ws: ExcelJS.Worksheet) => rowValues(ws, 4, ws.columnCount)

const RECEIVING = ['LET-1', 'Romaine lettuce (LETTUCE)', 100, 'kg', FARM, `${US} · Warehouse stock · GLN 0614141000005`, at('2026-11-02'),
  `${US} · Warehouse stock · GLN 0614141000005`, 'Receipt', 'PO-7']
const TRANSFORMATION = ['SAL-1', 'Salad mix (SALAD)', 80, 'kg', `${US} · Warehouse stock · GLN 0614141000005`, at('2026-11-03T08:30'),
  'LET-1', 'Romaine lettuce (LETTUCE)', 40, 'kg', 'Production order', 'MO-1']
const SHIPPING = ['SAL-1', 'Salad mix (SALAD)', 30, 'kg', SHOP, `${US} · Warehouse stock · GLN 0614141000005`, at('2026-11-04T09:00'),
  `${US} · Warehouse stock · GLN 0614141000005`, 'Delivery (bill of lading)', 'OUT-1']

describe('FSMA 204 records (GET /api/v1/exports/fsma204.xlsx)', () => {
  // First: workers started by an export before it, kept by the server, would hide a start.
  it('a small workbook is written without starting a worker thread (they cost a server memory)', async () => {
    const { threads, value: res } = await threadsStartedBy(() => download(server.url, viewer, 'fsma204.xlsx?after=2026-11-01'))
    expect(res.status).toBe(200)
    expect(threads).toBe(0)
  })

  it('a date range: a sheet per event, one row per event and lot, only foods on the list, the KDEs as columns', async () => {
    const { wb, fileName } = await workbook('after=2026-11-01&before=2026-12-01')
    expect(fileName).toContain('filename="FSMA 204 from 2026-11-01 to 2026-12-01 2026-11-27.xlsx"')
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Receiving', 'Shipping', 'Transformation', 'Cooling', 'Harvesting', 'Missing KDEs'])

    const receiving = sheet(wb, 'Receiving')
    expect(receiving.getCell('A1').value).toBe('FSMA 204 records: receiving')
    expect(receiving.getCell('A2').value).toMatch(/^Workspace default · from 2026-11-01 to 2026-12-01 · 1 row · made 2026-11-27 02:00 \(America\/Los_Angeles\)$/)
    expect(headers(receiving)).toEqual([
      'Traceability lot code (TLC)', 'Product description', 'Quantity', 'Unit of measure', 'Immediate previous source location', 'Location received at',
      'Date received', 'TLC source location or reference', 'Reference document type', 'Reference document number',
    ])
    // The bread is not on the Food Traceability List: its receipt is no record.
    expect(receiving.rowCount).toBe(5)
    expect(rowValues(receiving, 5, 10)).toEqual(RECEIVING)
    expect(receiving.getCell('G5').numFmt).toBe('yyyy-mm-dd')
    // Filters on, the header frozen, printed as the other reports.
    expect(receiving.autoFilter).toBe('A4:J5')
    expect(receiving.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 })
    expectPrintSetup(receiving, 'landscape', 4, 'FSMA 204 records: receiving')

    const shipping = sheet(wb, 'Shipping')
    expect(rowValues(shipping, 5, 10)).toEqual(SHIPPING)
    expect(rowValues(shipping, 6, 10)).toEqual(['SAL-1', 'Salad mix (SALAD)', 10, 'kg', 'Corner Shop', `${US} · Warehouse stock · GLN 0614141000005`,
      at('2026-11-05'), `${US} · Warehouse stock · GLN 0614141000005`, 'Delivery (bill of lading)', 'OUT-2'])
    expect(shipping.rowCount).toBe(6)
    expect(shipping.getCell('G5').numFmt).toBe('yyyy-mm-dd hh:mm')

    expect(rowValues(sheet(wb, 'Transformation'), 5, 12)).toEqual(TRANSFORMATION)
    expect(rowValues(sheet(wb, 'Harvesting'), 5, 9)).toEqual(['LET-1', 'Romaine lettuce (LETTUCE)', 100, 'kg', 'Green Acres Farm, 400 Ranch Rd, Salinas', 'Block 7', at('2026-11-01'), 'Receipt', 'PO-7'])
    expect(rowValues(sheet(wb, 'Cooling'), 5, 8)).toEqual(['LET-1', 'Romaine lettuce (LETTUCE)', 100, 'kg', 'Green Acres cooler', at('2026-11-01'), 'Receipt', 'PO-7'])

    const missing = sheet(wb, 'Missing KDEs')
    expect(missing.getCell('A1').value).toBe('FSMA 204 records: 1 record missing KDEs')
    expect(headers(missing)).toEqual(['Event', 'Reference', 'Product', 'Traceability lot code', 'Missing KDEs'])
    expect(rowValues(missing, 5, 5)).toEqual(['Shipping', 'OUT-2', 'SALAD', 'SAL-1', 'Subsequent recipient: business name, phone and address (no partner Corner Shop)'])
  })

  it('one TLC in both directions: what it came from and what it went into', async () => {
    const { wb, fileName } = await workbook('product=LETTUCE&lot=LET-1')
    expect(fileName).toContain('filename="FSMA 204 LETTUCE LET-1 2026-11-27.xlsx"')
    expect(rowValues(sheet(wb, 'Receiving'), 5, 10)).toEqual(RECEIVING)
    expect(rowValues(sheet(wb, 'Transformation'), 5, 12)).toEqual(TRANSFORMATION)
    expect(rowValues(sheet(wb, 'Shipping'), 5, 10)).toEqual(SHIPPING)
    expect(rowValues(sheet(wb, 'Shipping'), 6, 10)[9]).toBe('OUT-2')
    expect(sheet(wb, 'Shipping').rowCount).toBe(6)

    const up = await workbook('product=SALAD&lot=SAL-1')
    expect(rowValues(sheet(up.wb, 'Receiving'), 5, 10)).toEqual(RECEIVING)
    expect(sheet(up.wb, 'Receiving').getCell('A2').value).toMatch(/^Workspace default · TLC SAL-1 of SALAD, upstream and downstream · 1 row · /)
  })

  it('names every record missing a KDE, as JSON too; a partner described completes the record', async () => {
    const { status, body } = await viewer.get('/fsma204/missing?after=2026-11-01')
    expect(status).toBe(200)
    expect(body).toEqual({
      records: 6, truncated: false,
      missing: [{ event: 'Shipping', reference: 'OUT-2', product: 'SALAD', lot: 'SAL-1', kdes: ['Subsequent recipient: business name, phone and address (no partner Corner Shop)'] }],
    })
    // A receipt from a farm without its harvest and cooling, from a supplier without a TLC source.
    await server.admin.put('/partners/Valley%20Greens', { name: 'Valley Greens', kind: 'supplier' })
    await record(server.admin, { id: 'r3', type: 'receipt', reference: 'PO-9', date: '2026-11-10', partner: 'Green Acres', lines: [{ product: 'LETTUCE', lot: 'LET-2', qty: 5 }] })
    await record(server.admin, { id: 'r4', type: 'receipt', reference: 'PO-10', date: '2026-11-11', partner: 'Valley Greens', lines: [{ product: 'LETTUCE', lot: 'LET-3', qty: 5 }] })
    const after = await viewer.get('/fsma204/missing?after=2026-11-09')
    expect(after.body.missing.map((m: { reference: string; kdes: string[] }) => `${m.reference}: ${m.kdes.join('; ')}`)).toEqual([
      'PO-9: Harvesting: farm and date harvested; Cooling: location and date cooled',
      'PO-10: Immediate previous source: phone; Immediate previous source: address; TLC source or TLC source reference',
    ])
    // In the workbook, one row per record, its KDEs in one cell.
    const { wb } = await workbook('after=2026-11-09')
    expect(rowValues(sheet(wb, 'Missing KDEs'), 6, 5)).toEqual(['Receiving', 'PO-10', 'LETTUCE', 'LET-3',
      'Immediate previous source: phone; Immediate previous source: address; TLC source or TLC source reference'])
  })

  it('a receipt with its initial packing: a row on the Initial packing sheet with the harvest and cooling before it', async () => {
    await record(server.admin, {
      id: 'r5', type: 'receipt', reference: 'PO-11', date: '2026-11-12', partner: 'Green Acres', lines: [{ product: 'LETTUCE', lot: 'LET-5', qty: 20 }],
      kdes: {
        harvest: { farm: 'Green Acres Farm', date: '2026-11-10' }, cooling: { location: 'Green Acres cooler', date: '2026-11-10' },
        initialPacking: { location: 'Green Acres packhouse', date: '2026-11-11' },
      },
    })
    const { wb } = await workbook('after=2026-11-12')
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Receiving', 'Shipping', 'Transformation', 'Initial packing', 'Cooling', 'Harvesting', 'Missing KDEs'])
    const packing = sheet(wb, 'Initial packing')
    expect(headers(packing)).toEqual([
      'Traceability lot code (TLC)', 'Product description', 'Quantity', 'Unit of measure', 'Farm (harvest location)', 'Field or container', 'Date harvested',
      'Cooling location', 'Date cooled', 'Packing location', 'Date packed', 'TLC source location or reference', 'Reference document type', 'Reference document number',
    ])
    expect(rowValues(packing, 5, 14)).toEqual(['LET-5', 'Romaine lettuce (LETTUCE)', 20, 'kg', 'Green Acres Farm', null, at('2026-11-10'), 'Green Acres cooler',
      at('2026-11-10'), 'Green Acres packhouse', at('2026-11-11'), `${US} · Warehouse stock · GLN 0614141000005`, 'Receipt', 'PO-11'])
    // Nothing lacking: no shipping yet, and an empty Missing KDEs sheet says so.
    expect(sheet(wb, 'Shipping').rowCount).toBe(4)
    expect(sheet(wb, 'Missing KDEs').getCell('A1').value).toBe('FSMA 204 records: no KDE missing')
  })

  it('refuses what it cannot answer as JSON errors, never a broken file', async () => {
    expect((await viewer.get('/exports/fsma204.xlsx?product=SALAD')).body.error.details[0].path).toBe('lot')
    expect((await viewer.get('/exports/fsma204.xlsx?product=SALAD&lot=SAL-1&after=2026-11-01')).status).toBe(400)
    expect((await viewer.get('/exports/fsma204.xlsx?product=SALAD&lot=NOPE')).status).toBe(404)
    expect((await viewer.get('/fsma204/missing?after=2026-12-01&before=2026-11-01')).status).toBe(400)
  })
})
