/**
 * A month-only expiry in the server's reports, read back with exceljs: a real date cell (the
 * month's last day, so that it sorts, filters and flags among the days) formatted as the month,
 * beside day expiries formatted as days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClock } from '../../helpers/clock'
import { seedCatalogue } from '../../helpers/fixtures'
import { startServer, type Client, type TestServer } from '../../helpers/server'
import { at, exportSheet } from './helpers'

let server: TestServer
let viewer: Client

beforeAll(async () => {
  server = await startServer({ clock: new TestClock('2026-11-27T10:00:00Z') })
  await seedCatalogue(server.admin)
  // MILK's alert is 3 days before its expiration: November's last day puts M1 in alert today.
  const receipt = await server.admin.post('/operations', {
    id: 'rcpt-m', type: 'receipt', reference: 'PO-M', lines: [
      { product: 'MILK', qty: 4, lot: 'M1', expirationDate: '2026-11-30', expirationPrecision: 'month' },
      { product: 'MILK', qty: 2, lot: 'D1', expirationDate: '2026-11-29' },
    ],
  })
  expect(receipt.status).toBe(201)
  viewer = await server.clientFor('viewer')
})
afterAll(() => server.close())

const get = (path: string) => exportSheet(server.url, viewer, path)

/** The data row whose column `column` holds `text`. */
function rowOf(ws: Awaited<ReturnType<typeof get>>['ws'], column: string, text: string): number {
  for (let r = 5; r <= ws.rowCount; r++) if (ws.getCell(`${column}${r}`).value === text) return r
  throw new Error(`no row with ${text} in column ${column}`)
}

describe('a month-only expiry in reports', () => {
  it('Lots: the expiration a real date formatted yyyy-mm, the other dates days', async () => {
    const { ws } = await get('lots.xlsx?product=MILK')
    const m = rowOf(ws, 'B', 'M1')
    const d = rowOf(ws, 'B', 'D1')
    expect(ws.getCell(`E${m}`).value).toEqual(at('2026-11-30'))
    expect(ws.getCell(`E${m}`).numFmt).toBe('yyyy-mm')
    // Best before, removal and alert count back from the last day, and stay days.
    expect([`F${m}`, `G${m}`, `H${m}`].map((c) => [ws.getCell(c).value, ws.getCell(c).numFmt])).toEqual([
      [at('2026-11-29'), 'yyyy-mm-dd'], [at('2026-11-28'), 'yyyy-mm-dd'], [at('2026-11-27'), 'yyyy-mm-dd'],
    ])
    expect(ws.getCell(`E${d}`).value).toEqual(at('2026-11-29'))
    expect(ws.getCell(`E${d}`).numFmt).toBe('yyyy-mm-dd')
  })

  it('Stock and Expiring: the month in the Expiration column', async () => {
    const stock = (await get('stock.xlsx?product=MILK')).ws
    const m = rowOf(stock, 'C', 'M1')
    expect([stock.getCell(`G${m}`).value, stock.getCell(`G${m}`).numFmt]).toEqual([at('2026-11-30'), 'yyyy-mm'])
    expect(stock.getCell(`G${rowOf(stock, 'C', 'D1')}`).numFmt).toBe('yyyy-mm-dd')
    const expiring = (await get('expiring.xlsx')).ws
    const e = rowOf(expiring, 'B', 'M1')
    expect([expiring.getCell(`C${e}`).value, expiring.getCell(`C${e}`).numFmt]).toEqual([at('2026-11-30'), 'yyyy-mm'])
    // Days left count to the month's last day.
    expect(expiring.getCell(`E${e}`).value).toBe(3)
  })
})
