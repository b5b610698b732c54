/**
 * A Barcode column in imports of receipts, deliveries, transfers and lots: scanned GS1 barcodes
 * read with the shared parser, alone or beside the other columns, a disagreement a problem on its
 * cell. Real files through a real server.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TestClock } from '../../helpers/clock'
import { startServer, type Client, type TestServer } from '../../helpers/server'
import { problemLines } from '../../helpers/seeded-server'
import { upload, workbook } from '../../helpers/upload'

let server: TestServer
let api: Client

beforeEach(async () => {
  server = await startServer({ clock: new TestClock('2026-11-27T10:00:00Z') })
  api = server.admin
  await api.put('/products/MILK', { name: 'Milk 1L', tracking: 'lot', gtin: '4006381333931', expiry: { expirationDays: 10 } })
  await api.put('/products/PHONE', { name: 'Phone', tracking: 'serial', gtin: '9506000134352' })
  await api.put('/products/BOLT', { name: 'Bolt M6', gtin: '9521234543213' })
  await api.put(`/locations/${encodeURIComponent('WH/Stock/Shelf 1')}`, { name: 'Shelf 1', kind: 'internal' })
})
afterEach(async () => server.close())

const send = (query: string, name: string, content: string | Buffer) => upload(server.url, api.token, query, name, content)
const said = problemLines
const GS = '\u001d'

describe('imports read a Barcode column', () => {
  it('receives from barcodes alone: product by GTIN, lot, expiry, count, SSCC as the package; serials of a serial product', async () => {
    const file = await workbook('Receipts', [
      ['Reference', 'Date', 'Scan'],
      ['PO-1', '2026-11-20', '(01)04006381333931(17)270131(10)M-1(30)12'],
      // GS as the stand-in a scanner types into a cell (a cell holds no control character).
      ['PO-1', '2026-11-20', ']C101040063813339311727020010M-2<GS>306'],
      ['PO-1', '2026-11-20', 'https://id.example.com/01/09506000134352/10/B-7/21/SN-1'],
      ['PO-1', '2026-11-20', '(00)106141411234567897(02)04006381333931(37)4(10)M-3'],
    ])
    const r = await send('kind=receipts', 'scans.xlsx', file)
    expect(said(r.body)).toEqual([])
    expect(r.status).toBe(200)
    expect(r.body.report.counts.created).toBe(1)
    const stock = (await api.get('/stock')).body.quants.map((q: any) => `${q.product} ${q.lot} ${q.qty}${q.package ? ` ${q.package}` : ''}`).sort()
    expect(stock).toEqual(['MILK M-1 12', 'MILK M-2 6', 'MILK M-3 4 106141411234567897', 'PHONE SN-1 1'])
    expect((await api.get('/lots/MILK/M-1')).body.expirationDate).toBe('2027-01-31')
    // Day 00: the month's last day, kept as the month.
    expect((await api.get('/lots/MILK/M-2')).body).toMatchObject({ expirationDate: '2027-02-28', expirationPrecision: 'month' })
    expect((await api.get('/lots/MILK/M-1')).body).not.toHaveProperty('expirationPrecision')
  })

  it('keeps a month-only expiry in lots and receipts, from a barcode or an Expiration cell written as the month', async () => {
    const lots = await send('kind=lots', 'lots.csv', 'Barcode,Expiration\n(01)04006381333931(17)270400(10)L-4,\n(01)04006381333931(10)L-6,2027-06\n')
    expect(said(lots.body)).toEqual([])
    expect((await api.get('/lots/MILK/L-4')).body).toMatchObject({ expirationDate: '2027-04-30', expirationPrecision: 'month' })
    expect((await api.get('/lots/MILK/L-6')).body).toMatchObject({ expirationDate: '2027-06-30', expirationPrecision: 'month' })
    const file = await workbook('Receipts', [
      ['Reference', 'Product', 'Lot', 'Qty', 'Expiration'],
      ['PO-M', 'MILK', 'R-1', 3, '2028-02'],
      ['PO-M', 'MILK', 'R-2', 1, '2028-02-10'],
    ])
    const received = await send('kind=receipts', 'months.xlsx', file)
    expect(said(received.body)).toEqual([])
    expect((await api.get('/lots/MILK/R-1')).body).toMatchObject({ expirationDate: '2028-02-29', expirationPrecision: 'month' })
    expect((await api.get('/lots/MILK/R-2')).body).not.toHaveProperty('expirationPrecision')
    // A month that is no month is refused on its cell.
    const bad = await send('kind=receipts', 'bad.csv', 'Reference,Product,Lot,Qty,Expiration\nPO-X,MILK,R-3,1,2028-13\n')
    expect(said(bad.body)).toEqual([expect.stringMatching(/^2 E invalid_value: Expiration/)])
  })

  it('fills the cells a row leaves empty, and names every cell that disagrees with its barcode', async () => {
    // A CSV cell may hold GS itself, as a scanner typing into a text file sends it.
    const good = [
      'Reference,Product,Lot,Qty,Barcode',
      `PO-2,MILK,,,]C1010400638133393110M-5${GS}302`,
      'PO-2,MILK,,5,(01)04006381333931(10)M-9',
      'PO-2,,,2,(01)09521234543213',
    ]
    const bad = [
      'PO-2,MILK,M-8,,(01)04006381333931(10)M-7(30)3',
      'PO-2,PHONE,SN-4,1,(01)04006381333931(21)SN-4',
      'PO-2,MILK,M-6,1,(01)04006381333932(10)M-6',
    ]
    const r = await send('kind=receipts', 'mixed.csv', [...good, ...bad].join('\n'))
    expect(said(r.body)).toEqual([
      '5 C invalid_value: Lot says M-8, the barcode M-7',
      "6 E invalid_value: the barcode's GTIN 04006381333931 is not PHONE's (it has 09506000134352)",
      '7 E invalid_value: Barcode: AI (01) 04006381333932: check digit should be 1',
    ])
    expect(r.status).toBe(422)
    const ok = await send('kind=receipts', 'mixed.csv', good.join('\n'))
    expect(said(ok.body)).toEqual([])
    expect((await api.get('/stock?product=MILK')).body.quants.map((q: any) => `${q.lot} ${q.qty}`).sort()).toEqual(['M-5 2', 'M-9 5'])
    expect((await api.get('/stock?product=BOLT')).body.quants.map((q: any) => q.qty)).toEqual([2])
  })

  it('delivers and transfers by barcode, and registers lots from barcodes with their dates', async () => {
    await send('kind=receipts', 'in.csv', 'Reference,Barcode\nPO-3,(01)04006381333931(10)M-1(30)10\n')
    const moved = await send('kind=transfers', 'tr.csv', 'Reference,From,To,Barcode\nTR-1,WH/Stock,WH/Stock/Shelf 1,(01)04006381333931(10)M-1(30)2\n')
    expect(said(moved.body)).toEqual([])
    const out = await send('kind=deliveries', 'out.csv', 'Reference,Customer,GS1\nSO-3,Shop,(01)04006381333931(10)M-1(30)4\n')
    expect(said(out.body)).toEqual([])
    expect((await api.get('/stock?product=MILK')).body.quants.map((q: any) => `${q.location} ${q.qty}`).sort()).toEqual(['WH/Stock 4', 'WH/Stock/Shelf 1 2'])
    const lots = await send('kind=lots', 'lots.csv', 'Barcode,Note\n(01)04006381333931(17)270315(15)270301(10)L-5,from the label\n(01)09506000134352(21)SN-9,\n')
    expect(said(lots.body)).toEqual([])
    expect((await api.get('/lots/MILK/L-5')).body).toMatchObject({ expirationDate: '2027-03-15', bestBeforeDate: '2027-03-01', note: 'from the label' })
    expect((await api.get('/lots/PHONE/SN-9')).status).toBe(200)
  })

  it('keeps a Barcode column of products as their GTIN', async () => {
    const r = await send('kind=products', 'p.csv', 'SKU,Name,Barcode\nJUICE,Juice,09501101020917\n')
    expect(said(r.body)).toEqual([])
    expect((await api.get('/products/JUICE')).body.gtin).toBe('09501101020917')
  })
})
