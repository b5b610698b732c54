import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClock } from '../../helpers/clock'
import { seedCatalogue } from '../../helpers/fixtures'
import { startServer, type Client, type TestServer } from '../../helpers/server'
import { at, download, expectReportLayout, exportSheet, record, rowValues, seedReports } from './helpers'

let server: TestServer
let viewer: Client

beforeAll(async () => {
  server = await startServer({ clock: new TestClock('2026-06-14T22:30:00Z') })
  await seedCatalogue(server.admin)
  await seedReports(server.admin)
  // One line taken from two lots, two serials, a second line of the same product.
  await server.admin.put('/products/PHONE', { name: 'Phone', tracking: 'serial' })
  await record(server.admin, { type: 'receipt', reference: 'PO-2', date: '2026-06-05', lines: [{ product: 'PHONE', serials: ['SN-1', 'SN-2'] }] })
  await record(server.admin, {
    id: 'out-2', type: 'delivery', reference: 'WH/OUT/2', partner: 'Café Zoë', date: '2026-06-10T09:15:00Z',
    lines: [{ product: 'MILK', qty: 1, lot: 'L1' }, { product: 'MILK', qty: 1.5, lot: 'L2' }, { product: 'PHONE', serials: ['SN-1', 'SN-2'] }, { product: 'MILK', qty: 0.5, lot: 'L2' }],
  })
  viewer = await server.clientFor('viewer')
})
afterAll(() => server.close())

async function slip(settings: { showLotsOnDeliverySlips: boolean; showExpirationOnDeliverySlips: boolean }) {
  expect((await server.admin.patch('/settings', settings)).status).toBe(200)
  return exportSheet(server.url, viewer, `delivery-slip.xlsx?reference=${encodeURIComponent('WH/OUT/2')}`)
}

const MADE = 'made 2026-06-15 00:30 (Europe/Brussels)'

describe('the delivery slip', () => {
  it('header block: reference, partner, date on the workspace clock, operation; the file named after the reference', async () => {
    const { ws, res } = await slip({ showLotsOnDeliverySlips: true, showExpirationOnDeliverySlips: false })
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="Delivery slip WH-OUT-2 2026-06-15.xlsx"; filename*=UTF-8\'\'Delivery%20slip%20WH-OUT-2%202026-06-15.xlsx',
    )
    expect(rowValues(ws, 3, 2)).toEqual([null, null])
    expect(rowValues(ws, 4, 2)).toEqual(['Reference', 'WH/OUT/2'])
    expect(rowValues(ws, 5, 2)).toEqual(['Partner', 'Café Zoë'])
    expect(rowValues(ws, 6, 2)).toEqual(['Date', at('2026-06-10T11:15')])
    expect(ws.getCell('B6').numFmt).toBe('yyyy-mm-dd hh:mm')
    expect(rowValues(ws, 7, 2)).toEqual(['Operation', 'out-2'])
    expect(ws.getCell('A4').font?.bold).toBe(true)
    expect(rowValues(ws, 8, 2)).toEqual([null, null])
  })

  it('lots shown, expiration not (the default): a line per product and lot, serials one per row', async () => {
    const { ws } = await slip({ showLotsOnDeliverySlips: true, showExpirationOnDeliverySlips: false })
    expectReportLayout(ws, {
      title: 'Delivery slip WH/OUT/2',
      subtitle: `Workspace default · reference WH/OUT/2 · 4 rows · ${MADE}`,
      headers: ['Product', 'Description', 'Lot/Serial', 'Quantity', 'Unit'],
      widths: [16, 30, 18, 10, 8],
      headerRow: 9,
      rows: 4,
    })
    expect([10, 11, 12, 13].map((r) => rowValues(ws, r, 5))).toEqual([
      ['MILK', 'Milk 1L', 'L1', 1, 'Units'],
      ['MILK', 'Milk 1L', 'L2', 2, 'Units'],
      ['PHONE', 'Phone', 'SN-1', 1, 'Units'],
      ['PHONE', 'Phone', 'SN-2', 1, 'Units'],
    ])
  })

  it('lots and expiration dates shown', async () => {
    const { ws } = await slip({ showLotsOnDeliverySlips: true, showExpirationOnDeliverySlips: true })
    expectReportLayout(ws, {
      title: 'Delivery slip WH/OUT/2',
      subtitle: `Workspace default · reference WH/OUT/2 · 4 rows · ${MADE}`,
      headers: ['Product', 'Description', 'Lot/Serial', 'Expiration', 'Quantity', 'Unit'],
      widths: [16, 30, 18, 12, 10, 8],
      headerRow: 9,
      rows: 4,
    })
    expect([10, 11, 12, 13].map((r) => rowValues(ws, r, 6))).toEqual([
      ['MILK', 'Milk 1L', 'L1', at('2026-06-11'), 1, 'Units'],
      ['MILK', 'Milk 1L', 'L2', at('2026-06-17'), 2, 'Units'],
      ['PHONE', 'Phone', 'SN-1', null, 1, 'Units'],
      ['PHONE', 'Phone', 'SN-2', null, 1, 'Units'],
    ])
    expect(ws.getCell('D10').numFmt).toBe('yyyy-mm-dd')
  })

  it('lots hidden (expiration dates then too: the settings allow them only with lots): a line per product', async () => {
    const { ws } = await slip({ showLotsOnDeliverySlips: false, showExpirationOnDeliverySlips: false })
    expectReportLayout(ws, {
      title: 'Delivery slip WH/OUT/2',
      subtitle: `Workspace default · reference WH/OUT/2 · 2 rows · ${MADE}`,
      headers: ['Product', 'Description', 'Quantity', 'Unit'],
      widths: [16, 30, 10, 8],
      headerRow: 9,
      rows: 2,
    })
    expect([rowValues(ws, 10, 4), rowValues(ws, 11, 4)]).toEqual([['MILK', 'Milk 1L', 3, 'Units'], ['PHONE', 'Phone', 2, 'Units']])
    expect((await server.admin.patch('/settings', { showExpirationOnDeliverySlips: true })).status).toBe(400)
  })

  it('a reference without a delivery answers 404, naming what the reference is', async () => {
    const receipt = await download(server.url, viewer, 'delivery-slip.xlsx?reference=PO-2')
    expect(receipt.status).toBe(404)
    expect(JSON.parse(receipt.bytes.toString()).error).toEqual({ code: 'not_found', message: 'no delivery has reference PO-2 (it is the reference of: receipt)' })
    const none = await download(server.url, viewer, 'delivery-slip.xlsx?reference=NOPE')
    expect(none.status).toBe(404)
    const missing = await download(server.url, viewer, 'delivery-slip.xlsx')
    expect(missing.status).toBe(400)
    expect(JSON.parse(missing.bytes.toString()).error.details[0].path).toBe('reference')
  })
})
