import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ChangesAnswer } from '../../../shared/schemas/changes'
import { TestClock } from '../../helpers/clock'
import { expectErrorShape } from '../../helpers/error-shape'
import { startServer, type Client, type TestServer } from '../../helpers/server'

const enc = encodeURIComponent

describe('GET /changes', () => {
  let server: TestServer
  let admin: Client
  let clock: TestClock

  beforeEach(async () => {
    clock = new TestClock('2026-06-15T10:00:00Z')
    server = await startServer({ clock })
    admin = server.admin
  })

  afterEach(async () => {
    await server.close()
  })

  it('answers every write in order with seq 1..n, and never tokens', async () => {
    const me = (await admin.get('/me')).body.token
    const by = { token: me.id, name: me.name }
    const product = await admin.put('/products/MILK', { name: 'Milk', tracking: 'lot', expiry: { expirationDays: 10 } })
    clock.advanceDays(1)
    const location = await admin.put(`/locations/${enc('WH/Stock/Shelf 1')}`, { name: 'Shelf 1' })
    const settings = await admin.patch('/settings', { timeZone: 'Europe/Brussels' })
    expect((await admin.post('/tokens', { name: 'not a change', role: 'viewer' })).status).toBe(201)
    const lot = await admin.post('/lots', { product: 'MILK', name: 'L1', ref: 'R' })
    const operation = await admin.post('/operations', {
      type: 'receipt', id: 'chg-1', reference: 'PO-1', partner: 'Dairy', lines: [{ product: 'MILK', lot: 'L2', qty: 5 }],
    })
    expect(operation.status).toBe(201)
    const token = await admin.post('/tokens', { name: 'again not a change', role: 'operator' })
    expect((await admin.del(`/tokens/${token.body.token.id}`)).status).toBe(200)
    const edited = await admin.patch('/lots/MILK/L1', { expirationDate: '2026-07-01' })

    const r = await admin.get('/changes')
    expect(r.status).toBe(200)
    // The shared schema the pane reads it with: nothing missing, nothing it would drop.
    expect(ChangesAnswer.parse(r.body)).toEqual(r.body)
    expect(r.body.next).toBe(6)
    expect(r.body.hasMore).toBe(false)
    const changes = r.body.changes
    expect(changes.map((c: { seq: number }) => c.seq)).toEqual([1, 2, 3, 4, 5, 6])
    expect(changes.map((c: { type: string }) => c.type)).toEqual(['product', 'location', 'settings', 'lots', 'operation', 'lots'])
    for (const c of changes) expect(c.by).toEqual(by)
    expect(changes[0].at).toBe('2026-06-15T10:00:00.000Z')
    expect(changes[1].at).toBe('2026-06-16T10:00:00.000Z')
    expect(changes[0].data).toEqual(product.body)
    expect(changes[1].data).toEqual(location.body)
    expect(changes[2].data).toEqual(settings.body)
    expect(changes[3].data).toEqual({
      lots: [{
        product: 'MILK', name: 'L1', ref: 'R', note: null, expirationDate: lot.body.expirationDate, bestBeforeDate: lot.body.bestBeforeDate,
        removalDate: lot.body.removalDate, alertDate: lot.body.alertDate, updatedAt: lot.body.updatedAt, updatedBy: by,
      }],
    })
    // The operation change carries the full operation result, as POST answered it.
    expect(changes[4].data).toEqual(operation.body)
    expect(changes[4].data.moves).toHaveLength(1)
    expect(changes[4].data.lots).toEqual([expect.objectContaining({ product: 'MILK', name: 'L2', created: true })])
    expect(changes[5].data.lots[0]).toMatchObject({ name: 'L1', expirationDate: '2026-07-01', alertDate: edited.body.alertDate })
    const text = JSON.stringify(r.body)
    expect(text.includes(token.body.secret)).toBe(false)
    expect(text.includes('not a change')).toBe(false)
  })

  it('describes a built-in location as built in', async () => {
    const r = await admin.put(`/locations/${enc('WH/Stock')}`, { name: 'Main stock', kind: 'internal' })
    expect(r.status).toBe(200)
    expect(r.body.builtIn).toBe(true)
    const changes = (await admin.get('/changes')).body.changes
    expect(changes).toHaveLength(1)
    expect(changes[0]).toMatchObject({ seq: 1, type: 'location' })
    expect(changes[0].data).toEqual(r.body)
  })

  it('pages with since and limit', async () => {
    for (const sku of ['A', 'B', 'C', 'D', 'E']) expect((await admin.put(`/products/${sku}`, { name: sku })).status).toBe(201)
    const page = async (since: number, limit: number) => {
      const r = await admin.get(`/changes?since=${since}&limit=${limit}`)
      expect(r.status).toBe(200)
      return { skus: r.body.changes.map((c: { data: { sku: string } }) => c.data.sku), seqs: r.body.changes.map((c: { seq: number }) => c.seq), next: r.body.next, hasMore: r.body.hasMore }
    }
    expect(await page(0, 2)).toEqual({ skus: ['A', 'B'], seqs: [1, 2], next: 2, hasMore: true })
    expect(await page(2, 2)).toEqual({ skus: ['C', 'D'], seqs: [3, 4], next: 4, hasMore: true })
    expect(await page(4, 2)).toEqual({ skus: ['E'], seqs: [5], next: 5, hasMore: false })
    expect(await page(5, 2)).toEqual({ skus: [], seqs: [], next: 5, hasMore: false })
    expect(await page(1, 500)).toEqual({ skus: ['B', 'C', 'D', 'E'], seqs: [2, 3, 4, 5], next: 5, hasMore: false })
    expect((await admin.put('/products/F', { name: 'F' })).status).toBe(201)
    expect(await page(5, 2)).toEqual({ skus: ['F'], seqs: [6], next: 6, hasMore: false })
  })

  it('refuses bad paging values', async () => {
    for (const q of ['since=-1', 'limit=0', 'limit=5001', 'since=abc']) {
      expectErrorShape(await admin.get(`/changes?${q}`), 400, 'validation_failed')
    }
  })

  it("never shows another workspace's changes", async () => {
    const beta = await server.workspace('beta')
    expect((await admin.put('/products/ALPHA', { name: 'Alpha' })).status).toBe(201)
    expect((await beta.put('/products/BETA', { name: 'Beta' })).status).toBe(201)
    expect((await beta.patch('/settings', { timeZone: 'Asia/Tokyo' })).status).toBe(200)
    expect((await admin.put('/products/ALPHA2', { name: 'Alpha 2' })).status).toBe(201)
    const a = (await admin.get('/changes')).body
    expect(a.changes.map((c: { seq: number; type: string }) => `${c.seq}:${c.type}`)).toEqual(['1:product', '2:product'])
    expect(a.changes.map((c: { data: { sku: string } }) => c.data.sku)).toEqual(['ALPHA', 'ALPHA2'])
    const b = (await beta.get('/changes')).body
    expect(b.changes.map((c: { seq: number; type: string }) => `${c.seq}:${c.type}`)).toEqual(['1:product', '2:settings'])
    expect(b.changes[0].data.sku).toBe('BETA')
    expect(b).toMatchObject({ next: 2, hasMore: false })
  })
})

describe('the change feed, filtered', () => {
  it('returns only the kinds asked for, moves past the others, and says where now is', async () => {
    const { startServer } = await import('../../helpers/server')
    const server = await startServer()
    try {
      const api = server.admin
      await api.put('/products/MILK', { name: 'Milk', tracking: 'lot' })
      await api.post('/operations', { id: 'r1', type: 'receipt', reference: 'PO', lines: [{ product: 'MILK', qty: 1, lot: 'L' }] })
      await api.put('/products/BOLT', { name: 'Bolt' })
      await api.patch('/settings', { timeZone: 'Europe/Brussels' })
      const all = await api.get('/changes')
      expect(all.body.head).toBe(4)
      const some = await api.get('/changes?since=0&types=product,settings')
      expect(some.body.changes.map((c: any) => [c.seq, c.type])).toEqual([[1, 'product'], [3, 'product'], [4, 'settings']])
      expect(some.body).toMatchObject({ next: 4, hasMore: false, head: 4 })
      const paged = await api.get('/changes?since=0&limit=2&types=settings')
      expect(paged.body).toMatchObject({ changes: [], next: 2, hasMore: true, head: 4 })
      expect((await api.get('/changes?since=4')).body).toEqual({ changes: [], next: 4, hasMore: false, head: 4 })
      expect((await api.get('/changes?types=tokens')).body.error.code).toBe('validation_failed')
      expect((await api.get('/changes?types=product,')).body.error.code).toBe('validation_failed')
    } finally {
      await server.close()
    }
  })
})
