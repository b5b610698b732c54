/**
 * Recalls as a state, through a real server: opening one holds the lot and everything made from
 * it, the hold refuses deliveries, consumption and transfers out of internal stock, and lets
 * returns, scrap and counts work the recall off; closing it lets the lots go.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClock } from '../../helpers/clock'
import { seedCatalogue } from '../../helpers/fixtures'
import { startServer, type Client, type TestServer } from '../../helpers/server'

let server: TestServer
let api: Client

const post = async (body: Record<string, unknown>) => {
  const r = await api.post('/operations', body)
  if (r.status !== 201) throw new Error(`${body.id}: ${JSON.stringify(r.body)}`)
}

/** A lot's progress in a recall answer, in short. */
const progressOf = (body: any, name: string) => {
  const l = body.lots.find((x: any) => x.name === name)
  return { onHand: l.onHand, delivered: l.delivered, returned: l.returned, scrapped: l.scrapped }
}

beforeAll(async () => {
  server = await startServer({ clock: new TestClock('2026-06-15T10:00:00Z') })
  api = server.admin
  await seedCatalogue(api)
  await api.put('/products/PIZZA', { name: 'Pizza', tracking: 'lot' })
  await post({ id: 'po-1', type: 'receipt', reference: 'PO-1', partner: 'Dairy', date: '2026-06-10', lines: [{ product: 'MILK', qty: 10, lot: 'M1' }, { product: 'MILK', qty: 10, lot: 'M2' }] })
  await post({ id: 'po-2', type: 'receipt', reference: 'PO-2', partner: 'Mill', date: '2026-06-10', lines: [{ product: 'FLOUR', qty: 10, lot: 'F1' }] })
  await post({
    id: 'mo-1', type: 'production', reference: 'MO-1', date: '2026-06-11',
    consume: [{ product: 'MILK', qty: 4, lot: 'M1' }], produce: [{ product: 'CHEESE', qty: 4, lot: 'C1' }],
  })
  await post({ id: 'mo-2', type: 'production', reference: 'MO-2', date: '2026-06-12', consume: [{ product: 'CHEESE', qty: 1, lot: 'C1' }, { product: 'FLOUR', qty: 1, lot: 'F1' }], produce: [{ product: 'PIZZA', qty: 3, lot: 'P1' }] })
  await post({ id: 'so-1', type: 'delivery', reference: 'SO-1', partner: 'Shop A', date: '2026-06-13', lines: [{ product: 'PIZZA', qty: 2, lot: 'P1' }] })
  await post({ id: 'so-2', type: 'delivery', reference: 'SO-2', partner: 'Shop B', date: '2026-06-14', lines: [{ product: 'MILK', qty: 3, lot: 'M1' }] })
})
afterAll(async () => server.close())

describe('opening a recall', () => {
  it('holds the lot and every lot made from it, and lists the deliveries to notify and the stock on hand', async () => {
    const operator = await server.clientFor('operator')
    const r = await operator.post('/recalls', { id: 'rc-1', product: 'MILK', lot: 'M1', reason: 'Supplier notice SN-77' })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({
      id: 'rc-1', product: 'MILK', lot: 'M1', reason: 'Supplier notice SN-77', status: 'open',
      openedAt: '2026-06-15T10:00:00.000Z', openedBy: { name: 'operator token' }, closedAt: null, closedBy: null, closeReason: null, truncated: false,
    })
    expect(r.body.lots.map((l: any) => `${l.product} ${l.name}`)).toEqual(['MILK M1', 'CHEESE C1', 'PIZZA P1'])
    expect(r.body.deliveries.map((d: any) => [d.partner, d.reference, d.date, d.product, d.lot, d.qty])).toEqual([
      ['Shop A', 'SO-1', '2026-06-13T00:00:00.000Z', 'PIZZA', 'P1', 2],
      ['Shop B', 'SO-2', '2026-06-14T00:00:00.000Z', 'MILK', 'M1', 3],
    ])
    expect(r.body.onHand.map((q: any) => `${q.product} ${q.lot} ${q.location} ${q.qty}`)).toEqual(['MILK M1 WH/Stock 3', 'CHEESE C1 WH/Stock 3', 'PIZZA P1 WH/Stock 1'])
    expect(progressOf(r.body, 'M1')).toEqual({ onHand: 3, delivered: 3, returned: 0, scrapped: 0 })
  })

  it('answers a replay with the recall as it stands, and names the fields of a replay that differs', async () => {
    const again = await api.post('/recalls', { id: 'rc-1', product: 'MILK', lot: 'M1', reason: 'Supplier notice SN-77' })
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ id: 'rc-1', openedBy: { name: 'operator token' }, status: 'open' })
    const other = await api.post('/recalls', { id: 'rc-1', product: 'MILK', lot: 'M2', reason: 'Supplier notice SN-77' })
    expect(other.status).toBe(409)
    expect(other.body.error).toMatchObject({ code: 'exists_with_different_fields', details: [{ path: 'lot', message: 'is "M1", not "M2"' }] })
    expect((await api.get('/recalls')).body.recalls).toHaveLength(1)
  })

  it('refuses an unknown lot or product on its field, and a viewer', async () => {
    const lot = await api.post('/recalls', { id: 'rc-x', product: 'MILK', lot: 'NOPE', reason: 'x' })
    expect(lot.status).toBe(400)
    expect(lot.body.error.details).toEqual([{ path: 'lot', message: 'lot NOPE of product MILK does not exist' }])
    const product = await api.post('/recalls', { id: 'rc-x', product: 'NOPE', lot: 'M1', reason: 'x' })
    expect(product.body.error.details).toEqual([{ path: 'product', message: 'unknown product NOPE' }])
    const viewer = await server.clientFor('viewer')
    expect((await viewer.post('/recalls', { id: 'rc-x', product: 'MILK', lot: 'M2', reason: 'x' })).status).toBe(403)
    expect((await api.get('/recalls/rc-x')).status).toBe(404)
  })
})

describe('a held lot', () => {
  it('cannot be delivered, consumed or moved out of internal stock: 409 lot_on_hold naming the recall', async () => {
    const delivery = await api.post('/operations', { id: 'so-3', type: 'delivery', reference: 'SO-3', lines: [{ product: 'PIZZA', qty: 1, lot: 'P1' }] })
    expect(delivery.status).toBe(409)
    expect(delivery.body.error).toEqual({
      code: 'lot_on_hold',
      message: 'lines[0]: lot P1 of PIZZA is on hold under recall rc-1 (Supplier notice SN-77): it cannot be delivered',
      details: [{ path: 'lines[0].lot', message: 'lot P1 of PIZZA is on hold under recall rc-1 (Supplier notice SN-77): it cannot be delivered' }],
    })
    const production = await api.post('/operations', {
      id: 'mo-3', type: 'production', reference: 'MO-3', consume: [{ product: 'CHEESE', qty: 1, lot: 'C1' }], produce: [{ product: 'PIZZA', qty: 1, lot: 'P2' }],
    })
    expect(production.status).toBe(409)
    expect(production.body.error).toMatchObject({ code: 'lot_on_hold', details: [{ path: 'consume[0].lot' }] })
    expect(production.body.error.message).toContain('recall rc-1')
    const transfer = await api.post('/operations', { id: 'int-1', type: 'internal', reference: 'INT-1', from: 'WH/Stock', to: 'Truck', lines: [{ product: 'MILK', qty: 1, lot: 'M1' }] })
    expect(transfer.status).toBe(409)
    expect(transfer.body.error.message).toBe('lines[0]: lot M1 of MILK is on hold under recall rc-1 (Supplier notice SN-77): it cannot be moved out of internal stock (to Truck)')
    // Every line at fault is named; lots the recall does not hold are not.
    const two = await api.post('/operations', {
      id: 'so-4', type: 'delivery', reference: 'SO-4', lines: [{ product: 'MILK', qty: 1, lot: 'M2' }, { product: 'MILK', qty: 1, lot: 'M1' }, { product: 'CHEESE', qty: 1, lot: 'C1' }],
    })
    expect(two.body.error.details.map((d: any) => d.path)).toEqual(['lines[1].lot', 'lines[2].lot'])
    expect((await api.get('/operations?reference=SO-4')).body.operations).toEqual([])
  })

  it('may be moved within internal stock (into quarantine), scrapped, counted and returned, and the recall shows its progress', async () => {
    await api.put(`/locations/${encodeURIComponent('WH/Quarantine')}`, { name: 'Quarantine', kind: 'internal' })
    await post({ id: 'int-2', type: 'internal', reference: 'INT-2', from: 'WH/Stock', to: 'WH/Quarantine', lines: [{ product: 'MILK', qty: 3, lot: 'M1' }] })
    await post({ id: 'sc-1', type: 'scrap', reference: 'SC-1', from: 'WH/Quarantine', lines: [{ product: 'MILK', qty: 2, lot: 'M1' }] })
    await post({ id: 'rt-1', type: 'return', reference: 'RT-1', correctionOf: 'so-2', lines: [{ product: 'MILK', qty: 2, lot: 'M1' }] })
    await post({ id: 'adj-1', type: 'adjustment', reference: 'ADJ-1', lines: [{ product: 'PIZZA', lot: 'P1', location: 'WH/Stock', countedQty: 0 }] })
    const r = await api.get('/recalls/rc-1')
    expect(r.status).toBe(200)
    expect(progressOf(r.body, 'M1')).toEqual({ onHand: 3, delivered: 3, returned: 2, scrapped: 2 })
    expect(progressOf(r.body, 'P1')).toEqual({ onHand: 0, delivered: 2, returned: 0, scrapped: 0 })
    expect(r.body.onHand.map((q: any) => `${q.lot} ${q.location} ${q.qty}`)).toEqual(['M1 WH/Quarantine 1', 'M1 WH/Stock 2', 'C1 WH/Stock 3'])
  })

  it('names a held serial on its line\'s serials', async () => {
    await post({ id: 'po-s', type: 'receipt', reference: 'PO-S', lines: [{ product: 'PHONE', serials: ['SN-1', 'SN-2'] }] })
    expect((await api.post('/recalls', { id: 'rc-s', product: 'PHONE', lot: 'SN-1', reason: 'Battery' })).status).toBe(201)
    const r = await api.post('/operations', { id: 'so-s', type: 'delivery', reference: 'SO-S', lines: [{ product: 'PHONE', serials: ['SN-2', 'SN-1'] }] })
    expect(r.body.error).toMatchObject({
      code: 'lot_on_hold', details: [{ path: 'lines[0].serials', message: 'serial SN-1 of PHONE is on hold under recall rc-s (Battery): it cannot be delivered' }],
    })
    expect((await api.post('/recalls/rc-s/close', { reason: 'Checked' })).status).toBe(200)
  })

  it('does not hold other lots: the unrelated lot of the same product ships', async () => {
    await post({ id: 'so-5', type: 'delivery', reference: 'SO-5', partner: 'Shop C', lines: [{ product: 'MILK', qty: 1, lot: 'M2' }] })
  })
})

describe('closing a recall', () => {
  it('lets its lots go, records who closed it and why, and answers a retry as it is', async () => {
    const closed = await api.post('/recalls/rc-1/close', { reason: 'Lab results negative' })
    expect(closed.status).toBe(200)
    expect(closed.body).toMatchObject({ status: 'closed', closedAt: '2026-06-15T10:00:00.000Z', closedBy: { name: 'admin' }, closeReason: 'Lab results negative' })
    await post({ id: 'so-6', type: 'delivery', reference: 'SO-6', partner: 'Shop A', lines: [{ product: 'CHEESE', qty: 1, lot: 'C1' }] })
    expect((await api.post('/recalls/rc-1/close', { reason: 'Lab results negative' })).status).toBe(200)
    const other = await api.post('/recalls/rc-1/close', { reason: 'Something else' })
    expect(other.status).toBe(409)
    expect(other.body.error).toMatchObject({ code: 'exists_with_different_fields', details: [{ path: 'reason' }] })
    expect((await api.post('/recalls/none/close', { reason: 'x' })).status).toBe(404)
  })

  it('lists recalls by status', async () => {
    await api.post('/recalls', { id: 'rc-2', product: 'FLOUR', lot: 'F1', reason: 'Mould' })
    expect((await api.get('/recalls')).body.recalls.map((r: any) => r.id)).toEqual(['rc-1', 'rc-s', 'rc-2'])
    expect((await api.get('/recalls?status=open')).body.recalls).toMatchObject([{ id: 'rc-2', lotCount: 2, status: 'open' }])
    expect((await api.get('/recalls?status=closed')).body.recalls).toMatchObject([
      { id: 'rc-1', lotCount: 3, closeReason: 'Lab results negative' }, { id: 'rc-s', lotCount: 1, closeReason: 'Checked' },
    ])
  })
})

describe('holds across a restart', () => {
  it('are read back from the journal, and a closed recall lets its lots go there too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lotledger-recall-'))
    const start = () => startServer({ clock: new TestClock('2026-06-15T10:00:00Z'), dir })
    try {
      const first = await start()
      await seedCatalogue(first.admin)
      await first.admin.post('/operations', { id: 'po', type: 'receipt', reference: 'PO', lines: [{ product: 'FLOUR', qty: 5, lot: 'F9' }, { product: 'CHEESE', qty: 5, lot: 'C9' }] })
      await first.admin.post('/recalls', { id: 'open', product: 'FLOUR', lot: 'F9', reason: 'Mould' })
      await first.admin.post('/recalls', { id: 'shut', product: 'CHEESE', lot: 'C9', reason: 'Label' })
      await first.admin.post('/recalls/shut/close', { reason: 'Relabelled' })
      await first.close()
      const again = await start()
      const ship = (id: string, product: string, lot: string) =>
        again.admin.post('/operations', { id, type: 'delivery', reference: id, lines: [{ product, qty: 1, lot }] })
      try {
        expect((await ship('so-f', 'FLOUR', 'F9')).body.error.message).toContain('recall open (Mould)')
        expect((await ship('so-c', 'CHEESE', 'C9')).status).toBe(201)
        expect((await again.admin.get('/recalls/shut')).body).toMatchObject({ status: 'closed', closeReason: 'Relabelled' })
      } finally {
        await again.close()
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
