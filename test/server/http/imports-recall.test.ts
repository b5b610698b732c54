/** An import of operations that move a lot a recall holds: each row at fault says so on its Lot cell, naming the recall; nothing is applied. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClock } from '../../helpers/clock'
import { seedCatalogue } from '../../helpers/fixtures'
import { startServer, type TestServer } from '../../helpers/server'
import { upload } from '../../helpers/upload'

let server: TestServer
const send = (query: string, name: string, csv: string) => upload(server.url, server.admin.token, query, name, csv)

beforeAll(async () => {
  server = await startServer({ clock: new TestClock('2026-06-15T10:00:00Z') })
  await seedCatalogue(server.admin)
  await send('kind=receipts', 'r.csv', 'Reference,Product,Lot,Qty\nPO-1,FLOUR,F1,10\nPO-1,FLOUR,F2,10\n')
  expect((await server.admin.post('/recalls', { id: 'rc-1', product: 'FLOUR', lot: 'F1', reason: 'Mould' })).status).toBe(201)
})
afterAll(async () => server.close())

describe('imports and held lots', () => {
  it('report a delivery or a transfer of a held lot on its row, and apply nothing', async () => {
    const r = await send('kind=deliveries', 'd.csv', 'Reference,Customer,Product,Lot,Qty\nSO-1,Shop,FLOUR,F2,1\nSO-2,Shop,FLOUR,F1,1\n')
    expect(r.body.report.problems).toEqual([
      { sheet: 'd', row: 3, column: 'D', code: 'lot_on_hold', message: 'lot F1 of FLOUR is on hold under recall rc-1 (Mould): it cannot be delivered' },
    ])
    const t = await send('kind=transfers', 't.csv', 'Reference,From,To,Product,Lot,Qty\nINT-1,WH/Stock,Truck,FLOUR,F1,1\n')
    expect(t.body.report.problems).toMatchObject([{ row: 2, column: 'E', code: 'lot_on_hold' }])
    expect((await server.admin.get('/operations')).body.operations.map((o: any) => o.reference)).toEqual(['PO-1'])
  })

  it('let a transfer within internal stock through', async () => {
    const t = await send('kind=transfers', 'q.csv', 'Reference,From,To,Product,Lot,Qty\nINT-2,WH/Stock,WH/Stock/Shelf 1,FLOUR,F1,4\n')
    expect(t.body.report.problems).toEqual([])
    expect((await server.admin.get('/recalls/rc-1')).body.onHand.map((q: any) => `${q.location} ${q.qty}`)).toEqual(['WH/Stock 6', 'WH/Stock/Shelf 1 4'])
  })
})
