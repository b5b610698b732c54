import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClock } from '../../helpers/clock'
import { seedCatalogue } from '../../helpers/fixtures'
import { startServer, type Client, type TestServer } from '../../helpers/server'

let server: TestServer
let api: Client

/** Compact rows: level, direction initial, reference, lot, from -> to, qty. */
const rows = (body: any) =>
  body.rows.map((r: any) => `${r.level}${r.direction[0]} ${r.reference} ${r.lot} ${r.from}->${r.to} ${r.qty}`)

beforeAll(async () => {
  server = await startServer({ clock: new TestClock('2026-06-15T10:00:00Z') })
  api = server.admin
  await seedCatalogue(api)
  await api.put('/products/PIZZA', { name: 'Pizza', tracking: 'lot' })
  const post = async (body: Record<string, unknown>) => {
    const r = await api.post('/operations', body)
    if (r.status !== 201) throw new Error(`${body.id}: ${JSON.stringify(r.body)}`)
  }
  await post({ id: 'po-1', type: 'receipt', reference: 'PO-1', partner: 'Dairy', date: '2026-06-01', lines: [{ product: 'MILK', qty: 10, lot: 'M1' }] })
  await post({ id: 'po-2', type: 'receipt', reference: 'PO-2', partner: 'Dairy', date: '2026-06-02', lines: [{ product: 'MILK', qty: 10, lot: 'M2' }, { product: 'FLOUR', qty: 5, lot: 'F1' }] })
  await post({ id: 'int-1', type: 'internal', reference: 'INT-1', date: '2026-06-03', from: 'WH/Stock', to: 'WH/Stock/Shelf 1', lines: [{ product: 'MILK', qty: 5, lot: 'M1' }] })
  await post({
    id: 'mo-1', type: 'production', reference: 'MO-1', date: '2026-06-05',
    consume: [{ product: 'MILK', qty: 4, lot: 'M1', from: 'WH/Stock/Shelf 1' }, { product: 'MILK', qty: 3, lot: 'M2' }, { product: 'FLOUR', qty: 1, lot: 'F1' }],
    produce: [
      { product: 'CHEESE', qty: 2, lot: 'C1', inputs: [{ product: 'MILK', lot: 'M1' }] },
      { product: 'CHEESE', qty: 2, lot: 'C2', inputs: [{ product: 'MILK', lot: 'M2' }, { product: 'FLOUR', lot: 'F1' }] },
    ],
  })
  await post({ id: 'mo-2', type: 'production', reference: 'MO-2', date: '2026-06-06', consume: [{ product: 'CHEESE', qty: 1, lot: 'C1' }], produce: [{ product: 'PIZZA', qty: 3, lot: 'P1' }] })
  await post({ id: 'so-1', type: 'delivery', reference: 'SO-1', partner: 'Shop A', date: '2026-06-07', lines: [{ product: 'CHEESE', qty: 1, lot: 'C2' }] })
  await post({ id: 'so-2', type: 'delivery', reference: 'SO-2', partner: 'Shop B', date: '2026-06-08', lines: [{ product: 'PIZZA', qty: 2, lot: 'P1' }] })
  await post({ id: 'so-3', type: 'delivery', reference: 'SO-3', partner: 'Shop C', date: '2026-06-09', lines: [{ product: 'MILK', qty: 2, lot: 'M1' }] })
  // Recorded late but dated early: the report still reads in date order.
  await post({ id: 'sc-1', type: 'scrap', reference: 'SC-1', date: '2026-06-04', from: 'WH/Stock', lines: [{ product: 'MILK', qty: 1, lot: 'M1' }] })
})
afterAll(async () => server.close())

describe('traceability', () => {
  it('follows a lot downstream into what was made from it, per output (not every output of the order)', async () => {
    const r = await api.get('/trace?product=MILK&lot=M1&direction=downstream')
    expect(r.status).toBe(200)
    expect(r.body.truncated).toBe(false)
    expect(rows(r.body)).toEqual([
      '0d PO-1 M1 Vendors->WH/Stock 10',
      '0d INT-1 M1 WH/Stock->WH/Stock/Shelf 1 5',
      '0d SC-1 M1 WH/Stock->Scrap 1',
      '0d MO-1 M1 WH/Stock/Shelf 1->Production 4',
      '1d MO-1 C1 Production->WH/Stock 2',
      '1d MO-2 C1 WH/Stock->Production 1',
      '2d MO-2 P1 Production->WH/Stock 3',
      '2d SO-2 P1 WH/Stock->Customers 2',
      '0d SO-3 M1 WH/Stock->Customers 2',
    ])
    expect(r.body.rows[0]).toMatchObject({ product: 'MILK', date: '2026-06-01T00:00:00.000Z', operationType: 'receipt', operation: 'po-1', move: 'po-1#1', uom: 'Units' })
    expect(r.body.lot).toMatchObject({ product: 'MILK', name: 'M1', onHand: 3 })
  })

  it('follows a lot upstream to the receipts of the lots consumed to make it', async () => {
    const r = await api.get('/trace?product=CHEESE&lot=C2&direction=upstream')
    expect(rows(r.body)).toEqual([
      '0u MO-1 C2 Production->WH/Stock 2',
      '1u MO-1 M2 WH/Stock->Production 3',
      '1u PO-2 M2 Vendors->WH/Stock 10',
      '1u MO-1 F1 WH/Stock->Production 1',
      '1u PO-2 F1 Vendors->WH/Stock 5',
    ])
    const deep = await api.get('/trace?product=PIZZA&lot=P1&direction=upstream')
    expect(rows(deep.body)).toEqual([
      '0u MO-2 P1 Production->WH/Stock 3',
      '1u MO-2 C1 WH/Stock->Production 1',
      '1u MO-1 C1 Production->WH/Stock 2',
      '2u MO-1 M1 WH/Stock/Shelf 1->Production 4',
      '2u PO-1 M1 Vendors->WH/Stock 10',
    ])
  })

  it('shows both directions as one tree: origins after the move that made the lot, products after the move that consumed it', async () => {
    const r = await api.get('/trace?product=CHEESE&lot=C1')
    expect(r.body.direction).toBe('both')
    expect(rows(r.body)).toEqual([
      '0d MO-1 C1 Production->WH/Stock 2',
      '1u MO-1 M1 WH/Stock/Shelf 1->Production 4',
      '1u PO-1 M1 Vendors->WH/Stock 10',
      '0d MO-2 C1 WH/Stock->Production 1',
      '1d MO-2 P1 Production->WH/Stock 3',
      '1d SO-2 P1 WH/Stock->Customers 2',
    ])
    // Every row names its product beside the SKU.
    expect(r.body.rows.map((row: any) => `${row.product} ${row.productName}`)).toEqual([
      'CHEESE Cheese', 'MILK Milk 1L', 'MILK Milk 1L', 'CHEESE Cheese', 'PIZZA Pizza', 'PIZZA Pizza',
    ])
  })

  it('answers 404 for an unknown lot or product and 400 for a bad direction', async () => {
    expect((await api.get('/trace?product=MILK&lot=NOPE')).status).toBe(404)
    expect((await api.get('/trace?product=NOPE&lot=M1')).status).toBe(404)
    expect((await api.get('/trace?product=MILK&lot=M1&direction=sideways')).body.error.code).toBe('validation_failed')
    expect((await api.get('/trace?product=MILK')).body.error.details[0].path).toBe('lot')
  })
})

describe('recall', () => {
  it('lists every lot made from the lot, every delivery of them, and what is on hand', async () => {
    const r = await api.get('/recall?product=MILK&lot=M1')
    expect(r.status).toBe(200)
    expect(r.body.lots.map((l: any) => `${l.product}/${l.name}:${l.onHand}`)).toEqual(['MILK/M1:3', 'CHEESE/C1:1', 'PIZZA/P1:1'])
    expect(r.body.deliveries.map((d: any) => [d.partner, d.reference, d.product, d.lot, d.qty])).toEqual([
      ['Shop B', 'SO-2', 'PIZZA', 'P1', 2],
      ['Shop C', 'SO-3', 'MILK', 'M1', 2],
    ])
    expect(r.body.onHand).toEqual([
      { product: 'MILK', productName: 'Milk 1L', lot: 'M1', location: 'WH/Stock', package: null, qty: 2, uom: 'Units' },
      { product: 'MILK', productName: 'Milk 1L', lot: 'M1', location: 'WH/Stock/Shelf 1', package: null, qty: 1, uom: 'Units' },
      { product: 'CHEESE', productName: 'Cheese', lot: 'C1', location: 'WH/Stock', package: null, qty: 1, uom: 'kg' },
      { product: 'PIZZA', productName: 'Pizza', lot: 'P1', location: 'WH/Stock', package: null, qty: 1, uom: 'Units' },
    ])
    // Each product is named beside its SKU, in the lots and deliveries too.
    expect(r.body.lots.map((l: any) => l.productName)).toEqual(['Milk 1L', 'Cheese', 'Pizza'])
    expect(r.body.deliveries.map((d: any) => d.productName)).toEqual(['Pizza', 'Milk 1L'])
    expect(r.body.truncated).toBe(false)
  })

  it('does not reach lots that only shared a production order', async () => {
    const r = await api.get('/recall?product=FLOUR&lot=F1')
    expect(r.body.lots.map((l: any) => l.name)).toEqual(['F1', 'C2'])
    expect(r.body.deliveries.map((d: any) => d.partner)).toEqual(['Shop A'])
  })
})

describe('stock and FEFO', () => {
  it('reports stock in stock locations only, with child locations under a parent', async () => {
    const all = await api.get('/stock?product=MILK')
    expect(all.body.quants.map((q: any) => `${q.lot}@${q.location}=${q.qty}`)).toEqual([
      'M1@WH/Stock=2', 'M1@WH/Stock/Shelf 1=1', 'M2@WH/Stock=7',
    ])
    expect((await api.get(`/stock?location=${encodeURIComponent('WH/Stock/Shelf 1')}`)).body.quants).toHaveLength(1)
    expect((await api.get('/stock?location=Customers')).body.quants).toEqual([])
    expect((await api.get('/stock?product=MILK&lot=M2')).body.quants).toEqual([
      { product: 'MILK', lot: 'M2', location: 'WH/Stock', package: null, qty: 7, uom: 'Units', expirationDate: '2026-06-12', alertDate: '2026-06-09' },
    ])
  })

  it('picks first-expiring first, leaves expired lots out, and says what is missing', async () => {
    const fresh = await startServer({ clock: new TestClock('2026-06-15T10:00:00Z') })
    try {
      const a = fresh.admin
      await seedCatalogue(a)
      await a.post('/operations', {
        id: 'r', type: 'receipt', reference: 'PO', date: '2026-06-01', lines: [
          { product: 'MILK', qty: 5, lot: 'LATE', expirationDate: '2026-08-01' },
          { product: 'MILK', qty: 5, lot: 'EXPIRED', expirationDate: '2026-06-10' },
          { product: 'MILK', qty: 5, lot: 'SOON', expirationDate: '2026-07-01' },
          { product: 'MILK', qty: 5, lot: 'OLD' },
        ],
      })
      // Same dates as SOON but received later: SOON goes first.
      await a.post('/operations', { id: 'r2', type: 'receipt', reference: 'PO', date: '2026-06-02', lines: [{ product: 'MILK', qty: 2, lot: 'SOON-B', expirationDate: '2026-07-01' }] })
      // An early removal date wins over a later expiration.
      await a.post('/lots', { product: 'MILK', name: 'RM' })
      await a.patch('/lots/MILK/RM', { expirationDate: '2026-09-01', removalDate: '2026-06-20' })
      // A lot registered without dates sorts last.
      await a.post('/lots', { product: 'MILK', name: 'NODATE', expirationDate: null })
      await a.post('/operations', {
        id: 'adj', type: 'adjustment', reference: 'C', lines: [
          { product: 'MILK', lot: 'RM', location: 'WH/Stock', countedQty: 1 },
          { product: 'MILK', lot: 'NODATE', location: 'WH/Stock', countedQty: 1 },
        ],
      })
      const r = await a.get('/stock/fefo?product=MILK&qty=9')
      expect(r.status).toBe(200)
      expect(r.body.picks.map((p: any) => `${p.lot}:${p.qty}`)).toEqual(['RM:1', 'SOON:5', 'SOON-B:2', 'LATE:1'])
      expect(r.body).toMatchObject({ requested: 9, available: 9, shortfall: 0 })
      // OLD took its dates from the receipt: 2026-06-01 + 10 days, expired by today.
      expect(r.body.expired.map((q: any) => q.lot)).toEqual(['EXPIRED', 'OLD'])
      const short = await a.get('/stock/fefo?product=MILK&qty=100')
      expect(short.body.picks.map((p: any) => p.lot)).toEqual(['RM', 'SOON', 'SOON-B', 'LATE', 'NODATE'])
      expect(short.body).toMatchObject({ available: 14, shortfall: 86 })
    } finally {
      await fresh.close()
    }
  })
})
