import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClock } from '../../helpers/clock'
import { seedCatalogue } from '../../helpers/fixtures'
import { startServer, type Client, type TestServer } from '../../helpers/server'
import { at, conditionalFormats, expectFlagRules, expectPrintSetup, expectReportLayout, exportSheet, rowValues, seedReports } from './helpers'

// 22:30 UTC on the 14th is 00:30 on the 15th in Brussels: "today" and every time below are the
// workspace's, never UTC's.
const clock = new TestClock('2026-06-14T22:30:00Z')
let server: TestServer
let viewer: Client
const MADE = 'made 2026-06-15 00:30 (Europe/Brussels)'

beforeAll(async () => {
  server = await startServer({ clock })
  await seedCatalogue(server.admin)
  await seedReports(server.admin)
  viewer = await server.clientFor('viewer')
})
afterAll(() => server.close())

const get = (path: string) => exportSheet(server.url, viewer, path)

describe('reports as .xlsx files (GET /api/v1/exports/{report}.xlsx)', () => {
  it('trace: the report columns, levels indented, times on the workspace clock', async () => {
    const { ws, res } = await get('trace.xlsx?product=MILK&lot=L2')
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="Traceability MILK L2 2026-06-15.xlsx"; filename*=UTF-8\'\'Traceability%20MILK%20L2%202026-06-15.xlsx',
    )
    expectReportLayout(ws, {
      title: 'Traceability of MILK (Milk 1L) lot L2',
      subtitle: `Workspace default · where it came from (upstream) and where it went (downstream) · 4 rows · ${MADE}`,
      headers: ['Reference', 'Product', 'Product name', 'Date', 'Lot/Serial', 'From', 'To', 'Quantity', 'Unit', 'Level', 'Direction', 'Operation'],
      // Fitted to the cells: the date-times whole, the indented references, each header and its filter button.
      widths: [12, 9.14, 14, 17, 12, 12, 12, 10, 7, 7, 12, 12],
      rows: 4,
    })
    expect(rowValues(ws, 5, 12)).toEqual(['PO-1', 'MILK', 'Milk 1L', at('2026-06-01T00:00'), 'L2', 'Vendors', 'WH/Stock', 5, 'Units', 0, 'Downstream', 'Receipt'])
    expect(rowValues(ws, 6, 12)).toEqual(['MO-1', 'MILK', 'Milk 1L', at('2026-06-02T10:00'), 'L2', 'WH/Stock', 'Production', 2, 'Units', 0, 'Downstream', 'Production'])
    expect(rowValues(ws, 7, 12)).toEqual(['MO-1', 'CHEESE', 'Cheese', at('2026-06-02T10:00'), 'C2', 'Production', 'WH/Stock', 1, 'kg', 1, 'Downstream', 'Production'])
    expect(rowValues(ws, 8, 12)).toEqual(['WH/OUT/1', 'CHEESE', 'Cheese', at('2026-06-04T00:30'), 'C2', 'WH/Stock', 'Customers', 1, 'kg', 1, 'Downstream', 'Delivery'])
    expect([5, 6, 7, 8].map((r) => ws.getCell(`A${r}`).alignment?.indent ?? 0)).toEqual([0, 0, 1, 1])
    expect(ws.getCell('D8').numFmt).toBe('yyyy-mm-dd hh:mm')
    // A receipt given as a day (midnight) shows as the day, without "00:00".
    expect(ws.getCell('D5').numFmt).toBe('yyyy-mm-dd')
    // Dates start at the left of their column like the lot beside them, so the two never touch;
    // numbers at the right, the unit after them indented.
    expect(['D8', 'E8', 'H8', 'I8', 'J8'].map((c) => [ws.getCell(c).alignment?.horizontal, ws.getCell(c).alignment?.indent ?? 0])).toEqual([
      ['left', 0], ['left', 0], ['right', 0], ['left', 1], ['center', 0],
    ])
    expectPrintSetup(ws, 'landscape', 4, 'Traceability of MILK (Milk 1L) lot L2')
    // The traceability report has no dates to flag: only the banding.
    expect(conditionalFormats(ws)[0].rules).toHaveLength(1)

    const up = await get('trace.xlsx?product=CHEESE&lot=C2&direction=upstream')
    expect(up.res.headers.get('content-disposition')).toContain('filename="Traceability CHEESE C2 upstream 2026-06-15.xlsx"')
    expect(up.ws.getCell('A2').value).toBe(`Workspace default · where it came from (upstream) · 3 rows · ${MADE}`)
    expect(rowValues(up.ws, 5, 5)).toEqual(['MO-1', 'CHEESE', 'Cheese', at('2026-06-02T10:00'), 'C2'])
    expect(rowValues(up.ws, 6, 5)).toEqual(['MO-1', 'MILK', 'Milk 1L', at('2026-06-02T10:00'), 'L2'])
    expect(rowValues(up.ws, 7, 5)).toEqual(['PO-1', 'MILK', 'Milk 1L', at('2026-06-01T00:00'), 'L2'])
    expect(up.ws.getCell('K5').value).toBe('Upstream')
    expect([5, 6, 7].map((r) => up.ws.getCell(`A${r}`).alignment?.indent ?? 0)).toEqual([0, 1, 1])
  })

  it('recall: deliveries of every lot made from it, and what is on hand', async () => {
    const { ws, res } = await get('recall.xlsx?product=MILK&lot=L2')
    expect(res.headers.get('content-disposition')).toContain('filename="Recall MILK L2 2026-06-15.xlsx"')
    expectReportLayout(ws, {
      title: 'Recall of MILK (Milk 1L) lot L2: 2 lots, 1 delivery to 1 customer',
      subtitle: `Workspace default · lots MILK L2, CHEESE C2 · 2 rows · ${MADE}`,
      headers: ['Action', 'Product', 'Product name', 'Lot/Serial', 'Customer / Location', 'Reference', 'Date', 'Quantity', 'Returned', 'Unit'],
      widths: [11, 9.14, 14, 12, 21, 11, 17, 10, 10, 7],
      rows: 2,
    })
    expect(rowValues(ws, 5, 10)).toEqual(['Delivered', 'CHEESE', 'Cheese', 'C2', 'Shop', 'WH/OUT/1', at('2026-06-04T00:30'), 1, 0, 'kg'])
    expect(rowValues(ws, 6, 10)).toEqual(['On hand', 'MILK', 'Milk 1L', 'L2', 'WH/Stock', null, null, 3, null, 'Units'])
    expectPrintSetup(ws, 'landscape', 4, 'Recall of MILK (Milk 1L) lot L2: 2 lots, 1 delivery to 1 customer')
  })

  it('stock: by location and lot, with expiration and alert dates flagging the rows', async () => {
    const { ws, res } = await get('stock.xlsx')
    expect(res.headers.get('content-disposition')).toContain('filename="Stock 2026-06-15.xlsx"')
    expectReportLayout(ws, {
      title: 'Stock on hand by location and lot',
      subtitle: `Workspace default · everything · 3 rows · ${MADE}`,
      headers: ['Location', 'Product', 'Lot/Serial', 'Package', 'Quantity', 'Unit', 'Expiration', 'Alert'],
      widths: [10, 9.14, 12, 9.14, 10, 7, 12, 12],
      rows: 3,
    })
    expect(rowValues(ws, 5, 8)).toEqual(['WH/Stock', 'CHEESE', 'C1', null, 3, 'kg', at('2026-07-31'), at('2026-07-31')])
    expect(rowValues(ws, 6, 8)).toEqual(['WH/Stock', 'MILK', 'L1', null, 6, 'Units', at('2026-06-11'), at('2026-06-08')])
    expect(rowValues(ws, 7, 8)).toEqual(['WH/Stock', 'MILK', 'L2', null, 3, 'Units', at('2026-06-17'), at('2026-06-14')])
    for (const cell of ['G5', 'H5', 'G7']) expect(ws.getCell(cell).numFmt).toBe('yyyy-mm-dd')
    expectFlagRules(ws, 5, 'G', 'H')
    expectPrintSetup(ws, 'portrait', 4, 'Stock on hand by location and lot')

    const filtered = await get(`stock.xlsx?product=MILK&location=${encodeURIComponent('WH/Stock')}`)
    expect(filtered.res.headers.get('content-disposition')).toContain('filename="Stock MILK WH-Stock 2026-06-15.xlsx"')
    expect(filtered.ws.getCell('A2').value).toBe(`Workspace default · product MILK, location WH/Stock · 2 rows · ${MADE}`)
    expect(filtered.ws.rowCount).toBe(6)
  })

  it('lots: the day each came in, the four dates, on hand, locations, registered on the workspace clock', async () => {
    const { ws } = await get('lots.xlsx')
    expectReportLayout(ws, {
      title: 'Lots and serial numbers',
      subtitle: `Workspace default · everything · 4 rows · ${MADE}`,
      headers: ['Product', 'Lot/Serial', 'Reference', 'Received', 'Expiration', 'Best before', 'Removal', 'Alert', 'On hand', 'Locations', 'Registered'],
      widths: [9.14, 12, 11, 12, 12, 13, 12, 12, 9.14, 11, 17], // Best before: its header and the filter button
      rows: 4,
    })
    // Received: the day of the receipt (PO-1) or production (MO-1, C2), not when the records were made.
    const registered = at('2026-06-15T00:30')
    expect(rowValues(ws, 5, 11)).toEqual(['MILK', 'L1', null, at('2026-06-01'), at('2026-06-11'), at('2026-06-10'), at('2026-06-09'), at('2026-06-08'), 6, 'WH/Stock', registered])
    expect(rowValues(ws, 6, 11)).toEqual(['MILK', 'L2', null, at('2026-06-01'), at('2026-06-17'), at('2026-06-16'), at('2026-06-15'), at('2026-06-14'), 3, 'WH/Stock', registered])
    expect(rowValues(ws, 7, 11)).toEqual(['CHEESE', 'C1', null, at('2026-06-01'), at('2026-07-31'), at('2026-07-31'), at('2026-07-31'), at('2026-07-31'), 3, 'WH/Stock', registered])
    expect(rowValues(ws, 8, 11)).toEqual(['CHEESE', 'C2', null, at('2026-06-02'), at('2026-08-01'), at('2026-08-01'), at('2026-08-01'), at('2026-08-01'), 0, null, registered])
    expect(ws.getCell('K5').numFmt).toBe('yyyy-mm-dd hh:mm')
    expect(ws.getCell('D5').numFmt).toBe('yyyy-mm-dd')
    expectFlagRules(ws, 5, 'E', 'H')
    expectPrintSetup(ws, 'landscape', 4, 'Lots and serial numbers')

    const cheese = await get('lots.xlsx?product=CHEESE')
    expect(cheese.res.headers.get('content-disposition')).toContain('filename="Lots CHEESE 2026-06-15.xlsx"')
    expect(cheese.ws.getCell('A2').value).toBe(`Workspace default · product CHEESE · 2 rows · ${MADE}`)
    expect([rowValues(cheese.ws, 5, 2), rowValues(cheese.ws, 6, 2)]).toEqual([['CHEESE', 'C1'], ['CHEESE', 'C2']])
  })

  it('expiring: lots in alert with stock, soonest first, days left counted from the workspace\'s today', async () => {
    const { ws } = await get('expiring.xlsx')
    expectReportLayout(ws, {
      title: 'Expiration alerts: lots in alert with stock on hand',
      subtitle: `Workspace default · today 2026-06-15 · 2 rows · ${MADE}`,
      headers: ['Product', 'Lot/Serial', 'Expiration', 'Alert', 'Days left', 'On hand', 'Locations'],
      widths: [9.14, 12, 12, 12, 11, 9.14, 11], // Days left: its header and the filter button
      rows: 2,
    })
    expect(rowValues(ws, 5, 7)).toEqual(['MILK', 'L1', at('2026-06-11'), at('2026-06-08'), -4, 6, 'WH/Stock'])
    expect(rowValues(ws, 6, 7)).toEqual(['MILK', 'L2', at('2026-06-17'), at('2026-06-14'), 2, 3, 'WH/Stock'])
    expectFlagRules(ws, 5, 'C', 'D')
    expectPrintSetup(ws, 'portrait', 4, 'Expiration alerts: lots in alert with stock on hand')
  })

  it('moves: every move in journal order; the date range is the workspace\'s days', async () => {
    const { ws, res } = await get('moves.xlsx')
    expect(res.headers.get('content-disposition')).toContain('filename="Moves 2026-06-15.xlsx"')
    expectReportLayout(ws, {
      title: 'Move history',
      subtitle: `Workspace default · everything · 7 rows · ${MADE}`,
      headers: ['Date', 'Reference', 'Operation', 'Product', 'Lot/Serial', 'From', 'To', 'Quantity', 'Unit', 'Package', 'Move'],
      widths: [17, 11, 12, 9.14, 12, 12, 12, 10, 7, 9.14, 9.14],
      rows: 7,
    })
    const receipt = at('2026-06-01T00:00')
    const made = at('2026-06-02T10:00')
    const out = at('2026-06-04T00:30')
    expect([5, 6, 7, 8, 9, 10, 11].map((r) => rowValues(ws, r, 11))).toEqual([
      [receipt, 'PO-1', 'Receipt', 'MILK', 'L1', 'Vendors', 'WH/Stock', 10, 'Units', null, 'po-1#1'],
      [receipt, 'PO-1', 'Receipt', 'MILK', 'L2', 'Vendors', 'WH/Stock', 5, 'Units', null, 'po-1#2'],
      [receipt, 'PO-1', 'Receipt', 'CHEESE', 'C1', 'Vendors', 'WH/Stock', 3, 'kg', null, 'po-1#3'],
      [made, 'MO-1', 'Production', 'MILK', 'L2', 'WH/Stock', 'Production', 2, 'Units', null, 'mo-1#1'],
      [made, 'MO-1', 'Production', 'CHEESE', 'C2', 'Production', 'WH/Stock', 1, 'kg', null, 'mo-1#2'],
      [out, 'WH/OUT/1', 'Delivery', 'MILK', 'L1', 'WH/Stock', 'Customers', 4, 'Units', null, 'out-1#1'],
      [out, 'WH/OUT/1', 'Delivery', 'CHEESE', 'C2', 'WH/Stock', 'Customers', 1, 'kg', null, 'out-1#2'],
    ])
    expect(ws.getCell('A5').numFmt).toBe('yyyy-mm-dd')
    expect(ws.getCell('A8').numFmt).toBe('yyyy-mm-dd hh:mm')
    expectPrintSetup(ws, 'landscape', 4, 'Move history')

    // Before the 4th in Brussels ends at 22:00 UTC on the 3rd: the delivery (22:30 UTC) is after it.
    const ranged = await get('moves.xlsx?after=2026-06-02&before=2026-06-04')
    expect(ranged.res.headers.get('content-disposition')).toContain('filename="Moves from 2026-06-02 to 2026-06-04 2026-06-15.xlsx"')
    expect(ranged.ws.getCell('A2').value).toBe(`Workspace default · after 2026-06-02, before 2026-06-04 · 2 rows · ${MADE}`)
    expect([rowValues(ranged.ws, 5, 2), rowValues(ranged.ws, 6, 2)]).toEqual([[made, 'MO-1'], [made, 'MO-1']])
    expect(ranged.ws.rowCount).toBe(6)

    for (const [query, refs] of [
      ['lot=L1', ['PO-1', 'WH/OUT/1']],
      ['product=CHEESE&lot=C2', ['MO-1', 'WH/OUT/1']],
      ['location=Production', ['MO-1', 'MO-1']],
      [`reference=${encodeURIComponent('WH/OUT/1')}`, ['WH/OUT/1', 'WH/OUT/1']],
    ] as const) {
      const r = await get(`moves.xlsx?${query}`)
      expect(Array.from({ length: r.ws.rowCount - 4 }, (_, i) => r.ws.getCell(`B${5 + i}`).value), query).toEqual(refs)
    }
  })

  it('prints on the paper the workspace\'s document settings name', async () => {
    expect((await server.admin.patch('/settings', { documents: { paperSize: 'Letter' } })).status).toBe(200)
    try {
      for (const report of ['stock.xlsx', 'moves.xlsx', `delivery-slip.xlsx?reference=${encodeURIComponent('WH/OUT/1')}`]) {
        // Excel's code for Letter is 1 (A4 is 9).
        expect((await get(report)).ws.pageSetup.paperSize, report).toBe(1)
      }
    } finally {
      expect((await server.admin.patch('/settings', { documents: { paperSize: 'A4' } })).status).toBe(200)
    }
    expect((await get('stock.xlsx')).ws.pageSetup.paperSize).toBe(9)
  })

  it('an empty report still has its title, header, filters and frozen pane', async () => {
    const { ws } = await get('moves.xlsx?after=2027-01-01')
    expectReportLayout(ws, {
      title: 'Move history',
      subtitle: `Workspace default · after 2027-01-01 · 0 rows · ${MADE}`,
      headers: ['Date', 'Reference', 'Operation', 'Product', 'Lot/Serial', 'From', 'To', 'Quantity', 'Unit', 'Package', 'Move'],
      // No rows to fit: the columns' own widths.
      widths: [17, 16, 17, 14, 16, 18, 18, 10, 7, 10, 14],
      rows: 0,
    })
    expect(conditionalFormats(ws)).toEqual([])
  })
})
