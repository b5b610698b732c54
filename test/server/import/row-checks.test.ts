/**
 * Imports find products as the pane does (shared/products/resolve.ts): the SKU, the SKU in
 * another case, a GTIN, or a name only one product has; a name several products share is
 * reported with its candidates, never guessed. Real files through a real server.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { type Client, type TestServer } from '../../helpers/server'
import { seededServerPerTest } from '../../helpers/seeded-server'
import { upload, workbook } from '../../helpers/upload'

let server: TestServer
let api: Client

seededServerPerTest((s) => ((server = s), (api = s.admin)))
beforeEach(async () => {
  for (const [sku, body] of [['GT-1', { name: 'Jam', tracking: 'none', gtin: '4006381333931' }], ['W-1', { name: 'Widget', tracking: 'none' }], ['W-2', { name: 'Widget', tracking: 'none' }]] as const) {
    expect((await api.put(`/products/${sku}`, body)).status).toBe(201)
  }
})

const send = (query: string, name: string, content: string | Buffer) => upload(server.url, api.token, query, name, content)
const onHand = async (product: string) => (await api.get(`/stock?product=${product}`)).body.quants.reduce((s: number, q: { qty: number }) => s + q.qty, 0)

describe('products found as the pane finds them', () => {
  it('by SKU in any case, GTIN (leading zeros or not) and a name only one product has', async () => {
    const rows = [
      ['Reference', 'Product', 'Lot', 'Qty'],
      ['PO-1', 'milk', 'M-1', 10],
      ['PO-1', 'Cheese', 'C-1', 2],
      ['PO-1', '4006381333931', null, 3],
      ['PO-1', '04006381333931', null, 4],
    ]
    const r = await send('kind=receipts', 'receipts.xlsx', await workbook('Receipts', rows))
    expect(r.status, JSON.stringify(r.body.report?.problems)).toBe(200)
    expect([await onHand('MILK'), await onHand('CHEESE'), await onHand('GT-1')]).toEqual([10, 2, 7])
    // Written otherwise, the same rows are the same operation: the products are compared as SKUs.
    const again = await send('kind=receipts', 'receipts.xlsx', await workbook('Receipts', [rows[0], ['PO-1', 'MILK', 'M-1', 10], ['PO-1', 'CHEESE', 'C-1', 2], ['PO-1', 'GT-1', null, 3], ['PO-1', 'GT-1', null, 4]]))
    expect(again.body.report).toMatchObject({ applied: true, counts: { created: 0, unchanged: 1 } })
  })

  it('a production\'s Made from and a lots import resolve theirs too', async () => {
    await send('kind=receipts', 'r.csv', 'Reference,Product,Lot,Qty\nPO-1,MILK,M-1,10\n')
    const lots = await send('kind=lots', 'lots.csv', 'Product,Lot,Expiration date\nmilk 1l,L-9,2027-01-31\n')
    expect(lots.body.report.problems).toEqual([])
    expect((await api.get('/lots/MILK/L-9')).body.expirationDate).toBe('2027-01-31')
    const mo = await send('kind=production', 'mo.csv', 'Reference,Consume/Produce,Product,Lot,Qty,Made from\nMO-1,consume,Milk 1L,M-1,2,\nMO-1,produce,cheese,C-5,1,milk:M-1\n')
    expect(mo.body.report.problems).toEqual([])
    const trace = (await api.get('/trace?product=CHEESE&lot=C-5&direction=upstream')).body.rows.map((r: any) => `${r.level} ${r.product} ${r.lot}`)
    expect(trace).toContain('1 MILK M-1')
  })

  it('a name several products share, or none, is a problem on its cell naming the candidates', async () => {
    const r = await send('kind=receipts', 'r.csv', 'Reference,Product,Qty\nPO-1,Widget,1\nPO-1,Gadget,1\nPO-1,w-1,1\n')
    expect(r.status).toBe(422)
    expect(r.body.report.problems).toEqual([
      { sheet: 'r', row: 2, column: 'B', code: 'invalid_value', message: '"Widget" could be W-1 (Widget), W-2 (Widget): give the SKU' },
      { sheet: 'r', row: 3, column: 'B', code: 'validation_failed', message: 'no product "Gadget" (not a SKU, GTIN or product name)' },
    ])
  })
})
