import type ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClock } from '../../helpers/clock'
import { seedCatalogue } from '../../helpers/fixtures'
import { startServer, type Client, type TestServer } from '../../helpers/server'
import { at, download, expectPrintSetup, exportSheet, record, rowValues, seedReports } from './helpers'

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
    id: 'out-2', type: 'delivery', reference: 'WH/OUT/2', partner: 'Café Zoë', date: '2026-06-10T09:15:00Z', note: 'Goods entrance, back door',
    lines: [{ product: 'MILK', qty: 1, lot: 'L1' }, { product: 'MILK', qty: 1.5, lot: 'L2' }, { product: 'PHONE', serials: ['SN-1', 'SN-2'] }, { product: 'MILK', qty: 0.5, lot: 'L2' }],
  })
  viewer = await server.clientFor('viewer')
})
afterAll(() => server.close())

async function slip(settings: { showLotsOnDeliverySlips: boolean; showExpirationOnDeliverySlips: boolean }) {
  expect((await server.admin.patch('/settings', settings)).status).toBe(200)
  return exportSheet(server.url, viewer, `delivery-slip.xlsx?reference=${encodeURIComponent('WH/OUT/2')}`)
}

/** The table of a slip: its header on `headerRow` (white bold on blue), its widths, no filter buttons (a document is read, not sorted). */
function expectSlipTable(ws: ExcelJS.Worksheet, o: { headers: string[]; widths: number[]; headerRow: number; rows: number }): void {
  expect(ws.getCell('A1').value).toBe('Delivery slip WH/OUT/2')
  expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 14 })
  expect(rowValues(ws, o.headerRow, o.headers.length + 1)).toEqual([...o.headers, null])
  expect(ws.getRow(o.headerRow).getCell(1).fill).toMatchObject({ fgColor: { argb: 'FF4F81BD' } })
  // Quantity's header over its numbers: no filter button to make room for.
  expect(ws.getRow(o.headerRow).getCell(o.headers.indexOf('Quantity') + 1).alignment?.horizontal).toBe('right')
  expect(o.widths.map((_, i) => ws.getColumn(i + 1).width)).toEqual(o.widths)
  expect(ws.autoFilter).toBeFalsy()
  expectPrintSetup(ws, 'portrait', o.headerRow, 'Delivery slip WH/OUT/2')
  expect(rowValues(ws, o.headerRow + o.rows + 1, 2)).toEqual([null, null])
}

describe('the delivery slip', () => {
  it('a customer document: ship-to, the day without a time, reference and note above; the file named after the reference', async () => {
    const { ws, res } = await slip({ showLotsOnDeliverySlips: true, showExpirationOnDeliverySlips: false })
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="Delivery slip WH-OUT-2 2026-06-15.xlsx"; filename*=UTF-8\'\'Delivery%20slip%20WH-OUT-2%202026-06-15.xlsx',
    )
    // No workspace, filter or row count line: that is for reports kept in house.
    expect(rowValues(ws, 2, 2)).toEqual([null, null])
    expect(rowValues(ws, 3, 2)).toEqual([null, null])
    expect(rowValues(ws, 4, 2)).toEqual(['Ship to', 'Café Zoë'])
    expect(ws.getCell('B4').font?.bold).toBe(true)
    // 09:15 UTC on the 10th is the 10th in Brussels: the day alone, no "00:00" nor time.
    expect(rowValues(ws, 5, 2)).toEqual(['Delivery date', at('2026-06-10')])
    expect(ws.getCell('B5').numFmt).toBe('yyyy-mm-dd')
    expect(rowValues(ws, 6, 2)).toEqual(['Reference', 'WH/OUT/2'])
    expect(rowValues(ws, 7, 2)).toEqual(['Note', 'Goods entrance, back door'])
    expect(ws.getCell('A4').font?.bold).toBe(true)
    // A value spans the table's width, so that an address line is not wrapped in one column.
    expect((ws.model as { merges?: string[] }).merges).toEqual(expect.arrayContaining(['B4:E4', 'B7:E7']))
    expect(rowValues(ws, 8, 2)).toEqual([null, null])
  })

  it('below the table: received by, date and signature, each a line to write on', async () => {
    const { ws } = await slip({ showLotsOnDeliverySlips: true, showExpirationOnDeliverySlips: false })
    expect([15, 16, 17].map((r) => ws.getCell(`A${r}`).value)).toEqual(['Received by', 'Date', 'Signature'])
    for (const r of [15, 16, 17]) {
      expect(ws.getCell(`B${r}`).border?.bottom?.style).toBe('thin')
      expect(ws.getRow(r).height).toBe(24)
    }
    expect(ws.rowCount).toBe(17)
  })

  it('the sender and terms from settings.documents, above and below', async () => {
    const documents = { sender: 'Dairy Co\nRue du Lait 1, 1000 Brussels', deliverySlipFooter: 'Report damage within 48 hours.' }
    expect((await server.admin.patch('/settings', { documents })).status).toBe(200)
    try {
      const { ws } = await slip({ showLotsOnDeliverySlips: true, showExpirationOnDeliverySlips: false })
      expect([4, 5, 6].map((r) => rowValues(ws, r, 2))).toEqual([['From', 'Dairy Co'], [null, 'Rue du Lait 1, 1000 Brussels'], ['Ship to', 'Café Zoë']])
      expectSlipTable(ws, { headers: ['Product', 'Description', 'Lot/Serial', 'Quantity', 'Unit'], widths: [16, 13, 12, 10, 7], headerRow: 11, rows: 4 })
      expect([17, 18, 19].map((r) => ws.getCell(`A${r}`).value)).toEqual(['Received by', 'Date', 'Signature'])
      expect(rowValues(ws, 20, 2)).toEqual([null, null])
      expect(rowValues(ws, 21, 2)).toEqual([null, 'Report damage within 48 hours.'])
    } finally {
      expect((await server.admin.patch('/settings', { documents: { sender: null, deliverySlipFooter: null } })).status).toBe(200)
    }
  })

  it('lots shown, expiration not (the default): a line per product and lot, serials one per row', async () => {
    const { ws } = await slip({ showLotsOnDeliverySlips: true, showExpirationOnDeliverySlips: false })
    // The first column holds the labels above too ("Delivery date").
    expectSlipTable(ws, { headers: ['Product', 'Description', 'Lot/Serial', 'Quantity', 'Unit'], widths: [16, 13, 12, 10, 7], headerRow: 9, rows: 4 })
    expect([10, 11, 12, 13].map((r) => rowValues(ws, r, 5))).toEqual([
      ['MILK', 'Milk 1L', 'L1', 1, 'Units'],
      ['MILK', 'Milk 1L', 'L2', 2, 'Units'],
      ['PHONE', 'Phone', 'SN-1', 1, 'Units'],
      ['PHONE', 'Phone', 'SN-2', 1, 'Units'],
    ])
  })

  it('lots and expiration dates shown', async () => {
    const { ws } = await slip({ showLotsOnDeliverySlips: true, showExpirationOnDeliverySlips: true })
    expectSlipTable(ws, { headers: ['Product', 'Description', 'Lot/Serial', 'Expiration', 'Quantity', 'Unit'], widths: [16, 13, 12, 12, 10, 7], headerRow: 9, rows: 4 })
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
    expectSlipTable(ws, { headers: ['Product', 'Description', 'Quantity', 'Unit'], widths: [16, 13, 10, 7], headerRow: 9, rows: 2 })
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
