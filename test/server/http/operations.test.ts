import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TestClock } from '../../helpers/clock'
import { opId, seedCatalogue } from '../../helpers/fixtures'
import { startServer, type Client, type TestServer } from '../../helpers/server'

let server: TestServer
let api: Client
let clock: TestClock

beforeEach(async () => {
  clock = new TestClock('2026-06-15T10:00:00Z')
  server = await startServer({ clock })
  api = server.admin
  await seedCatalogue(api)
})
afterEach(async () => server.close())

const receive = (lines: unknown[], extra: Record<string, unknown> = {}) =>
  api.post('/operations', { id: opId('in'), type: 'receipt', reference: 'PO-1', lines, ...extra })

async function onHand(product: string, lot?: string, location?: string): Promise<number> {
  const q = new URLSearchParams({ product, ...(lot ? { lot } : {}), ...(location ? { location } : {}) })
  const r = await api.get(`/stock?${q}`)
  return r.body.quants.reduce((s: number, x: { qty: number }) => s + x.qty, 0)
}

describe('receipts', () => {
  it('go from Vendors to WH/Stock, create lots and compute their dates from the receipt date', async () => {
    const r = await receive([{ product: 'MILK', qty: 12, lot: 'M-1' }], { date: '2026-06-10', partner: 'Dairy Co' })
    expect(r.status).toBe(201)
    expect(r.body.moves).toHaveLength(1)
    expect(r.body.moves[0]).toMatchObject({ from: 'Vendors', to: 'WH/Stock', product: 'MILK', lot: 'M-1', qty: 12, uom: 'Units' })
    expect(r.body.lots).toEqual([
      { product: 'MILK', name: 'M-1', created: true, expirationDate: '2026-06-20', bestBeforeDate: '2026-06-19', removalDate: '2026-06-18', alertDate: '2026-06-17' },
    ])
    expect(r.body.operation).toMatchObject({ type: 'receipt', reference: 'PO-1', partner: 'Dairy Co', date: '2026-06-10T00:00:00.000Z' })
    expect(await onHand('MILK', 'M-1')).toBe(12)
  })

  it('take the base date in the workspace time zone', async () => {
    await api.patch('/settings', { timeZone: 'Asia/Tokyo' })
    // 20:00 UTC on the 10th is already the 11th in Tokyo.
    const r = await receive([{ product: 'MILK', qty: 1, lot: 'TZ' }], { date: '2026-06-10T20:00:00Z' })
    expect(r.body.lots[0].expirationDate).toBe('2026-06-21')
  })

  it('use a production date given on the line as the base, and an explicit expiration date over the computed one', async () => {
    const r = await receive([
      { product: 'MILK', qty: 1, lot: 'P', productionDate: '2026-06-01' },
      { product: 'MILK', qty: 1, lot: 'E', expirationDate: '2026-07-31' },
    ])
    expect(r.body.lots[0]).toMatchObject({ name: 'P', expirationDate: '2026-06-11', alertDate: '2026-06-08' })
    expect(r.body.lots[1]).toMatchObject({ name: 'E', expirationDate: '2026-07-31', bestBeforeDate: '2026-07-30', removalDate: '2026-07-29', alertDate: '2026-07-28' })
  })

  it('reuse an existing lot of the same product; a new explicit expiration re-dates it, shifting the other dates', async () => {
    await receive([{ product: 'MILK', qty: 5, lot: 'R' }], { date: '2026-06-10' })
    const r = await receive([{ product: 'MILK', qty: 3, lot: 'R', expirationDate: '2026-06-25' }])
    expect(r.body.lots).toEqual([
      { product: 'MILK', name: 'R', created: false, expirationDate: '2026-06-25', bestBeforeDate: '2026-06-24', removalDate: '2026-06-23', alertDate: '2026-06-22' },
    ])
    expect(await onHand('MILK', 'R')).toBe(8)
    expect((await api.get('/lots/MILK/R')).body.alertDate).toBe('2026-06-22')
  })

  it('receive serials one per unit, into a package and a sub-location', async () => {
    const r = await receive([{ product: 'PHONE', serials: ['SN-1', 'SN-2', 'SN-3'], to: 'WH/Stock/Shelf 1', package: 'PAL-1' }])
    expect(r.status).toBe(201)
    expect(r.body.moves.map((m: any) => [m.lot, m.qty, m.to, m.package])).toEqual([
      ['SN-1', 1, 'WH/Stock/Shelf 1', 'PAL-1'], ['SN-2', 1, 'WH/Stock/Shelf 1', 'PAL-1'], ['SN-3', 1, 'WH/Stock/Shelf 1', 'PAL-1'],
    ])
    // A location filter includes the locations inside it.
    expect(await onHand('PHONE', undefined, 'WH/Stock')).toBe(3)
  })

  it('hold quantities exactly: ten receipts of 0.1 make exactly 1', async () => {
    for (let i = 0; i < 10; i++) await receive([{ product: 'BOLT', qty: 0.1 }])
    await receive([{ product: 'BOLT', qty: '0.2' }])
    const r = await api.get('/stock?product=BOLT')
    expect(r.body.quants).toEqual([{ product: 'BOLT', lot: null, location: 'WH/Stock', package: null, qty: 1.2, uom: 'Units', expirationDate: null, alertDate: null }])
  })
})

describe('tracking rules', () => {
  it('require a lot for a lot-tracked product', async () => {
    const r = await receive([{ product: 'BOLT', qty: 1 }, { product: 'MILK', qty: 1 }])
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe('lot_required')
    expect(r.body.error.details[0].path).toBe('lines[1].lot')
  })

  it('require serials for a serial-tracked product, and move a serial with quantity exactly 1', async () => {
    expect((await receive([{ product: 'PHONE', qty: 1 }])).body.error).toMatchObject({ code: 'lot_required' })
    const two = await receive([{ product: 'PHONE', qty: 2, lot: 'SN-9' }])
    expect(two.status).toBe(400)
    expect(two.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'lines[0].qty' }] })
    const mismatch = await receive([{ product: 'PHONE', qty: 3, serials: ['A', 'B'] }])
    expect(mismatch.body.error.details[0]).toEqual({ path: 'lines[0].qty', message: 'is 3 but 2 serials are listed' })
    const twice = await receive([{ product: 'PHONE', serials: ['A', 'A'] }])
    expect(twice.body.error.details[0].path).toBe('lines[0].serials[1]')
  })

  it('refuse a lot on an untracked product and serials on a lot-tracked one', async () => {
    expect((await receive([{ product: 'BOLT', qty: 1, lot: 'X' }])).body.error.details[0].path).toBe('lines[0].lot')
    expect((await receive([{ product: 'MILK', serials: ['X'] }])).body.error.details[0].path).toBe('lines[0].serials')
  })

  it('refuse to receive a serial that is already on hand (serial_in_stock), also twice in one operation', async () => {
    await receive([{ product: 'PHONE', serials: ['SN-1'] }])
    const again = await receive([{ product: 'PHONE', serials: ['SN-1'] }])
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('serial_in_stock')
    expect(again.body.error.message).toContain('WH/Stock')
    const inOne = await receive([{ product: 'PHONE', serials: ['SN-7'] }, { product: 'PHONE', serials: ['SN-7'] }])
    expect(inOne.body.error.code).toBe('serial_in_stock')
  })

  it('let a serial leave only the location where it is', async () => {
    await receive([{ product: 'PHONE', serials: ['SN-1'], to: 'WH/Stock/Shelf 1' }])
    const r = await api.post('/operations', { id: opId(), type: 'delivery', reference: 'SO', lines: [{ product: 'PHONE', serials: ['SN-1'] }] })
    expect(r.status).toBe(409)
    expect(r.body.error.code).toBe('insufficient_stock')
    expect(r.body.error.message).toContain('serial SN-1 of PHONE is not at WH/Stock (it is at WH/Stock/Shelf 1)')
    const ok = await api.post('/operations', {
      id: opId(), type: 'delivery', reference: 'SO', from: 'WH/Stock/Shelf 1', lines: [{ product: 'PHONE', serials: ['SN-1'] }],
    })
    expect(ok.status).toBe(201)
    // Delivered, it may come back in.
    expect((await receive([{ product: 'PHONE', serials: ['SN-1'] }])).status).toBe(201)
  })

  it('never let a tracked product go negative', async () => {
    await receive([{ product: 'MILK', qty: 5, lot: 'L' }])
    const r = await api.post('/operations', { id: opId(), type: 'delivery', reference: 'SO', lines: [{ product: 'MILK', qty: 6, lot: 'L' }] })
    expect(r.status).toBe(409)
    expect(r.body.error).toMatchObject({ code: 'insufficient_stock', details: [{ path: 'lines[0]' }] })
    expect(r.body.error.message).toContain('5 Units available, 6 needed')
    const unknownLot = await api.post('/operations', { id: opId(), type: 'delivery', reference: 'SO', lines: [{ product: 'MILK', qty: 1, lot: 'NOPE' }] })
    expect(unknownLot.status).toBe(400)
    expect(unknownLot.body.error.details[0]).toEqual({ path: 'lines[0].lot', message: 'lot NOPE of product MILK does not exist' })
  })

  it('let an untracked product go negative only when the workspace allows it', async () => {
    const deliver = () => api.post('/operations', { id: opId(), type: 'delivery', reference: 'SO', lines: [{ product: 'BOLT', qty: 4 }] })
    expect((await deliver()).body.error.code).toBe('insufficient_stock')
    await api.patch('/settings', { allowNegativeStock: true })
    expect((await deliver()).status).toBe(201)
    expect(await onHand('BOLT')).toBe(-4)
    await api.patch('/settings', { allowNegativeStock: false })
    expect((await deliver()).body.error.code).toBe('insufficient_stock')
  })
})

describe('all or nothing', () => {
  it('applies no line when one fails, and creates no lot', async () => {
    await receive([{ product: 'MILK', qty: 5, lot: 'A' }])
    const before = (await api.get('/changes')).body.next
    const r = await api.post('/operations', {
      id: opId(), type: 'internal', reference: 'INT', from: 'WH/Stock', to: 'WH/Stock/Shelf 1',
      lines: [{ product: 'MILK', qty: 5, lot: 'A' }, { product: 'MILK', qty: 1, lot: 'A' }],
    })
    expect(r.status).toBe(409)
    const mixed = await receive([{ product: 'MILK', qty: 1, lot: 'NEW' }, { product: 'NOPE', qty: 1 }])
    expect(mixed.body.error.details[0]).toEqual({ path: 'lines[1].product', message: 'unknown product NOPE' })
    expect((await api.get('/lots/MILK/NEW')).status).toBe(404)
    expect(await onHand('MILK', 'A', 'WH/Stock/Shelf 1')).toBe(0)
    expect(await onHand('MILK', 'A')).toBe(5)
    expect((await api.get('/changes')).body.next).toBe(before)
  })

  it('checks lines in order: stock received on line 1 can leave on line 2', async () => {
    const r = await api.post('/operations', {
      id: opId(), type: 'internal', reference: 'X', lines: [
        { product: 'MILK', qty: 4, lot: 'Z', from: 'Vendors', to: 'WH/Stock' },
        { product: 'MILK', qty: 4, lot: 'Z', from: 'WH/Stock', to: 'Truck' },
      ],
    })
    expect(r.status).toBe(201)
    expect(await onHand('MILK', 'Z', 'Truck')).toBe(4)
  })

  it('counts what earlier lines left, per lot and package, and for products without lots', async () => {
    const tooMuch = await api.post('/operations', {
      id: opId(), type: 'internal', reference: 'Y', lines: [
        { product: 'BOLT', qty: 4, from: 'Vendors', to: 'WH/Stock', package: 'BOX-1' },
        { product: 'MILK', qty: 3, lot: 'Y', from: 'Vendors', to: 'WH/Stock' },
        { product: 'BOLT', qty: 3, from: 'WH/Stock', to: 'Truck', package: 'BOX-1' },
        { product: 'MILK', qty: 2, lot: 'Y', from: 'WH/Stock', to: 'Truck' },
        { product: 'BOLT', qty: 2, from: 'WH/Stock', to: 'Truck', package: 'BOX-1' },
      ],
    })
    expect(tooMuch.status).toBe(409)
    expect(tooMuch.body.error.message).toContain('lines[4]: not enough BOLT at WH/Stock (package BOX-1): 1 Units available, 2 needed')
    const lotShort = await api.post('/operations', {
      id: opId(), type: 'internal', reference: 'Y', lines: [
        { product: 'MILK', qty: 3, lot: 'Y', from: 'Vendors', to: 'WH/Stock' },
        { product: 'MILK', qty: 2, lot: 'Y', from: 'WH/Stock', to: 'Truck' },
        { product: 'MILK', qty: 2, lot: 'Y', from: 'WH/Stock', to: 'Truck' },
      ],
    })
    expect(lotShort.status).toBe(409)
    expect(lotShort.body.error.message).toContain('lines[2]: not enough MILK lot Y at WH/Stock: 1')
  })
})

describe('idempotency on the client id', () => {
  it('answers a replay with the original body and applies nothing twice', async () => {
    const body = { id: 'po-77', type: 'receipt', reference: 'PO-77', lines: [{ product: 'MILK', qty: 10, lot: 'I' }] }
    const first = await api.post('/operations', body)
    clock.advanceDays(1)
    const again = await api.post('/operations', { ...body, lines: [{ lot: 'I', qty: 10, product: 'MILK' }] })
    expect(first.status).toBe(201)
    expect(again.status).toBe(200)
    expect(again.body).toEqual(first.body)
    expect(await onHand('MILK', 'I')).toBe(10)
    expect((await api.get('/operations/po-77')).body).toEqual(first.body)
  })

  it('answers a replay with different content with exists_with_different_fields naming the fields', async () => {
    const body = { id: 'po-78', type: 'receipt', reference: 'PO-78', lines: [{ product: 'MILK', qty: 10, lot: 'I' }] }
    await api.post('/operations', body)
    const r = await api.post('/operations', { ...body, reference: 'PO-79', lines: [{ product: 'MILK', qty: 11, lot: 'I' }] })
    expect(r.status).toBe(409)
    expect(r.body.error.code).toBe('exists_with_different_fields')
    expect(r.body.error.details).toEqual([
      { path: 'lines[0].qty', message: 'was 10, now 11' },
      { path: 'reference', message: 'was "PO-78", now "PO-79"' },
    ])
    expect(await onHand('MILK', 'I')).toBe(10)
  })

  it('applies once when the same id arrives many times at once', async () => {
    const body = { id: 'burst', type: 'receipt', reference: 'B', lines: [{ product: 'BOLT', qty: 1 }] }
    const replies = await Promise.all(Array.from({ length: 20 }, () => api.post('/operations', body)))
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1)
    expect(replies.filter((r) => r.status === 200)).toHaveLength(19)
    expect(await onHand('BOLT')).toBe(1)
  })
})

describe('expired lots shipped or consumed', () => {
  beforeEach(async () => {
    await receive([{ product: 'MILK', qty: 5, lot: 'OLD', expirationDate: '2026-06-15' }, { product: 'MILK', qty: 5, lot: 'FRESH' }])
  })
  const deliverOld = (extra: Record<string, unknown> = {}) =>
    api.post('/operations', { id: opId(), type: 'delivery', reference: 'SO-9', partner: 'Shop', lines: [{ product: 'MILK', qty: 1, lot: 'OLD' }], ...extra })

  it('are blocked by default (expired on its expiration date)', async () => {
    const r = await deliverOld()
    expect(r.status).toBe(409)
    expect(r.body.error.code).toBe('lot_expired')
    expect(r.body.error.message).toContain('lot OLD of MILK expired on 2026-06-15')
    // Attached to the line that ships it.
    expect(r.body.error.details).toEqual([{ path: 'lines[0].lot', message: 'lot OLD of MILK expired on 2026-06-15' }])
    expect((await deliverOld({ override: { reason: 'customer asked' } })).body.error.code).toBe('lot_expired')
    const fresh = await api.post('/operations', { id: opId(), type: 'delivery', reference: 'SO', lines: [{ product: 'MILK', qty: 1, lot: 'FRESH' }] })
    expect(fresh.status).toBe(201)
  })

  it('need an override reason when the workspace warns, and keep it in the ledger', async () => {
    await api.patch('/settings', { expiredShipping: 'warn' })
    const refused = await deliverOld()
    expect(refused.body.error.code).toBe('lot_expired')
    expect(refused.body.error.details.at(-1)).toEqual({ path: 'override.reason', message: 'required to ship expired lots' })
    const r = await deliverOld({ override: { reason: 'destruction partner, certificate 42' } })
    expect(r.status).toBe(201)
    expect(r.body.operation.override).toEqual({ reason: 'destruction partner, certificate 42', lots: [{ product: 'MILK', lot: 'OLD' }] })
    expect((await api.get(`/operations/${r.body.operation.id}`)).body.operation.override.reason).toBe('destruction partner, certificate 42')
  })

  it('judge expiry on the operation date', async () => {
    const r = await deliverOld({ date: '2026-06-14T12:00:00Z' })
    expect(r.status).toBe(201)
  })

  const produceFromOld = (extra: Record<string, unknown> = {}) =>
    api.post('/operations', {
      id: opId(), type: 'production', reference: 'MO-9', ...extra,
      consume: [{ product: 'MILK', qty: 1, lot: 'FRESH' }, { product: 'MILK', qty: 2, lot: 'OLD' }],
      produce: [{ product: 'MILK', qty: 3, lot: 'BLEND' }],
    })

  it('are not consumed by production while the workspace blocks them, naming the line', async () => {
    const before = await onHand('MILK', 'OLD')
    const r = await produceFromOld()
    expect(r.status).toBe(409)
    expect(r.body.error.code).toBe('lot_expired')
    expect(r.body.error.message).toBe('cannot consume expired stock: lot OLD of MILK expired on 2026-06-15')
    expect(r.body.error.details).toEqual([{ path: 'consume[1].lot', message: 'lot OLD of MILK expired on 2026-06-15' }])
    expect(await onHand('MILK', 'OLD')).toBe(before)
  })

  it('are consumed with a reason when the workspace warns, and the reason is kept', async () => {
    await api.patch('/settings', { expiredShipping: 'warn' })
    const refused = await produceFromOld()
    expect(refused.body.error.details.at(-1)).toEqual({ path: 'override.reason', message: 'required to consume expired lots' })
    const r = await produceFromOld({ override: { reason: 'quality checked, batch 7' } })
    expect(r.status).toBe(201)
    expect(r.body.operation.override).toEqual({ reason: 'quality checked, batch 7', lots: [{ product: 'MILK', lot: 'OLD' }] })
  })

  it('stay free to scrap, count and move inside the warehouse', async () => {
    const scrap = await api.post('/operations', { id: opId(), type: 'scrap', reference: 'SCRAP-1', lines: [{ product: 'MILK', qty: 1, lot: 'OLD' }] })
    expect(scrap.status).toBe(201)
    const count = await api.post('/operations', { id: opId(), type: 'adjustment', reference: 'INV-1', lines: [{ product: 'MILK', location: 'WH/Stock', lot: 'OLD', countedQty: 3 }] })
    expect(count.status).toBe(201)
    expect(await onHand('MILK', 'OLD')).toBe(3)
  })
})

describe('other operation types', () => {
  it('internal transfers need from and to', async () => {
    await receive([{ product: 'BOLT', qty: 10 }])
    const r = await api.post('/operations', { id: opId(), type: 'internal', reference: 'INT', lines: [{ product: 'BOLT', qty: 1, to: 'Truck' }] })
    expect(r.status).toBe(400)
    expect(r.body.error.details[0].path).toBe('lines[0].from')
    const same = await api.post('/operations', { id: opId(), type: 'internal', reference: 'INT', from: 'Truck', to: 'Truck', lines: [{ product: 'BOLT', qty: 1 }] })
    expect(same.body.error.code).toBe('validation_failed')
    const ok = await api.post('/operations', { id: opId(), type: 'internal', reference: 'INT', from: 'WH/Stock', to: 'Truck', lines: [{ product: 'BOLT', qty: 3 }] })
    expect(ok.status).toBe(201)
    expect(await onHand('BOLT', undefined, 'Truck')).toBe(3)
    expect(await onHand('BOLT', undefined, 'WH/Stock')).toBe(7)
  })

  it('scrap goes to Scrap and leaves stock', async () => {
    await receive([{ product: 'MILK', qty: 3, lot: 'S' }])
    const r = await api.post('/operations', { id: opId(), type: 'scrap', reference: 'SC-1', lines: [{ product: 'MILK', qty: 2, lot: 'S' }] })
    expect(r.body.moves[0]).toMatchObject({ from: 'WH/Stock', to: 'Scrap' })
    expect(await onHand('MILK', 'S')).toBe(1)
  })

  it('unknown locations are named', async () => {
    const r = await receive([{ product: 'BOLT', qty: 1, to: 'Nowhere' }])
    expect(r.body.error.details[0]).toEqual({ path: 'lines[0].to', message: 'unknown location Nowhere' })
  })

  it('take stock from packages when none is named: unpacked first, then packages by name', async () => {
    await receive([{ product: 'FLOUR', qty: 2, lot: 'F' }])
    await receive([{ product: 'FLOUR', qty: 5, lot: 'F', package: 'B-2' }])
    await receive([{ product: 'FLOUR', qty: 5, lot: 'F', package: 'B-1' }])
    const r = await api.post('/operations', { id: opId(), type: 'delivery', reference: 'SO', lines: [{ product: 'FLOUR', qty: 8, lot: 'F' }] })
    expect(r.body.moves.map((m: any) => [m.package, m.qty])).toEqual([[null, 2], ['B-1', 5], ['B-2', 1]])
    const named = await api.post('/operations', { id: opId(), type: 'delivery', reference: 'SO', lines: [{ product: 'FLOUR', qty: 5, lot: 'F', package: 'B-2' }] })
    expect(named.body.error.message).toContain('WH/Stock (package B-2): 4 kg available, 5 needed')
  })
})

describe('adjustments', () => {
  it('move the difference between counted and recorded through Adjustment', async () => {
    await receive([{ product: 'MILK', qty: 10, lot: 'C' }])
    const down = await api.post('/operations', {
      id: opId(), type: 'adjustment', reference: 'COUNT-1', lines: [{ product: 'MILK', lot: 'C', location: 'WH/Stock', countedQty: 7.5 }],
    })
    expect(down.body.moves).toEqual([expect.objectContaining({ from: 'WH/Stock', to: 'Adjustment', qty: 2.5 })])
    const up = await api.post('/operations', {
      id: opId(), type: 'adjustment', reference: 'COUNT-2', lines: [{ product: 'MILK', lot: 'C2', location: 'WH/Stock/Shelf 2', countedQty: 4, expirationDate: '2026-12-01' }],
    })
    expect(up.body.moves).toEqual([expect.objectContaining({ from: 'Adjustment', to: 'WH/Stock/Shelf 2', qty: 4, lot: 'C2' })])
    expect(up.body.lots[0]).toMatchObject({ name: 'C2', created: true, expirationDate: '2026-12-01' })
    const same = await api.post('/operations', {
      id: opId(), type: 'adjustment', reference: 'COUNT-3', lines: [{ product: 'MILK', lot: 'C', location: 'WH/Stock', countedQty: 7.5 }],
    })
    expect(same.body.moves).toEqual([])
    expect(await onHand('MILK', 'C')).toBe(7.5)
  })

  it('count a tracked product without lot only as the explicit "no lot" bucket', async () => {
    const noLot = await api.post('/operations', { id: opId(), type: 'adjustment', reference: 'C', lines: [{ product: 'MILK', location: 'WH/Stock', countedQty: 3 }] })
    expect(noLot.body.error.code).toBe('lot_required')
    const bucket = await api.post('/operations', {
      id: opId(), type: 'adjustment', reference: 'C', lines: [{ product: 'MILK', location: 'WH/Stock', countedQty: 3, noLot: true }],
    })
    expect(bucket.status).toBe(201)
    const stock = await api.get('/stock?product=MILK')
    expect(stock.body.quants).toEqual([{ product: 'MILK', lot: null, location: 'WH/Stock', package: null, qty: 3, uom: 'Units', expirationDate: null, alertDate: null }])
  })

  it('count serials 0 or 1, and only in stock locations', async () => {
    const two = await api.post('/operations', { id: opId(), type: 'adjustment', reference: 'C', lines: [{ product: 'PHONE', lot: 'SN', location: 'WH/Stock', countedQty: 2 }] })
    expect(two.body.error.details[0].path).toBe('lines[0].countedQty')
    const virtual = await api.post('/operations', { id: opId(), type: 'adjustment', reference: 'C', lines: [{ product: 'BOLT', location: 'Customers', countedQty: 2 }] })
    expect(virtual.body.error.details[0].path).toBe('lines[0].location')
  })
})

describe('production', () => {
  it('consumes inputs, produces outputs and records which inputs made which output', async () => {
    await receive([{ product: 'MILK', qty: 10, lot: 'M1' }, { product: 'MILK', qty: 10, lot: 'M2' }, { product: 'FLOUR', qty: 5, lot: 'F1' }])
    const r = await api.post('/operations', {
      id: opId(), type: 'production', reference: 'MO-1',
      consume: [{ product: 'MILK', qty: 6, lot: 'M1' }, { product: 'MILK', qty: 4, lot: 'M2' }, { product: 'FLOUR', qty: 1, lot: 'F1' }],
      produce: [
        { product: 'CHEESE', qty: 2, lot: 'C1', inputs: [{ product: 'MILK', lot: 'M1', qty: 6 }] },
        { product: 'CHEESE', qty: 1, lot: 'C2', inputs: [{ product: 'MILK', lot: 'M2' }, { product: 'FLOUR', lot: 'F1' }] },
      ],
    })
    expect(r.status).toBe(201)
    expect(r.body.moves.map((m: any) => [m.product, m.lot, m.from, m.to])).toEqual([
      ['MILK', 'M1', 'WH/Stock', 'Production'], ['MILK', 'M2', 'WH/Stock', 'Production'], ['FLOUR', 'F1', 'WH/Stock', 'Production'],
      ['CHEESE', 'C1', 'Production', 'WH/Stock'], ['CHEESE', 'C2', 'Production', 'WH/Stock'],
    ])
    expect(r.body.genealogy).toEqual([
      { product: 'CHEESE', lot: 'C1', inputs: [{ product: 'MILK', lot: 'M1', qty: 6 }] },
      { product: 'CHEESE', lot: 'C2', inputs: [{ product: 'MILK', lot: 'M2', qty: null }, { product: 'FLOUR', lot: 'F1', qty: null }] },
    ])
    expect(r.body.lots.find((l: any) => l.name === 'C1')).toMatchObject({ created: true, expirationDate: '2026-08-14' })
    expect(await onHand('MILK')).toBe(10)
    expect(await onHand('CHEESE')).toBe(3)
  })

  it('links every consumed lot to each output when inputs are not given', async () => {
    await receive([{ product: 'MILK', qty: 2, lot: 'M1' }, { product: 'MILK', qty: 2, lot: 'M2' }])
    const r = await api.post('/operations', {
      id: opId(), type: 'production', reference: 'MO-2',
      consume: [{ product: 'MILK', qty: 2, lot: 'M1' }, { product: 'MILK', qty: 2, lot: 'M2' }],
      produce: [{ product: 'CHEESE', qty: 1, lot: 'C9' }],
    })
    expect(r.body.genealogy[0].inputs.map((i: any) => i.lot)).toEqual(['M1', 'M2'])
  })

  it('refuses inputs that were not consumed, or more of them than consumed', async () => {
    await receive([{ product: 'MILK', qty: 2, lot: 'M1' }])
    const notConsumed = await api.post('/operations', {
      id: opId(), type: 'production', reference: 'MO', consume: [{ product: 'MILK', qty: 1, lot: 'M1' }],
      produce: [{ product: 'CHEESE', qty: 1, lot: 'C', inputs: [{ product: 'FLOUR', lot: 'F1' }] }],
    })
    expect(notConsumed.body.error.details[0]).toEqual({ path: 'produce[0].inputs[0]', message: 'lot F1 of FLOUR is not consumed by this operation' })
    const tooMuch = await api.post('/operations', {
      id: opId(), type: 'production', reference: 'MO', consume: [{ product: 'MILK', qty: 1, lot: 'M1' }],
      produce: [{ product: 'CHEESE', qty: 1, lot: 'C', inputs: [{ product: 'MILK', lot: 'M1', qty: 2 }] }],
    })
    expect(tooMuch.body.error.details[0].path).toBe('produce[0].inputs[0].qty')
    expect(await onHand('MILK', 'M1')).toBe(2)
  })

  it('needs the consumed stock', async () => {
    const r = await api.post('/operations', {
      id: opId(), type: 'production', reference: 'MO', consume: [{ product: 'MILK', qty: 1, lot: 'M1' }], produce: [{ product: 'CHEESE', qty: 1, lot: 'C' }],
    })
    expect(r.body.error.details[0].path).toBe('consume[0].lot')
  })
})

describe('returns (corrections are new operations)', () => {
  it('reverse a whole operation, once', async () => {
    const d = await receive([{ product: 'MILK', qty: 4, lot: 'R1' }, { product: 'BOLT', qty: 7 }])
    const id = d.body.operation.id
    const r = await api.post('/operations', { id: opId('ret'), type: 'return', reference: 'RET-1', correctionOf: id })
    expect(r.status).toBe(201)
    expect(r.body.operation.correctionOf).toBe(id)
    expect(r.body.moves.map((m: any) => [m.product, m.from, m.to, m.qty, m.returnOf])).toEqual([
      ['MILK', 'WH/Stock', 'Vendors', 4, `${id}#1`], ['BOLT', 'WH/Stock', 'Vendors', 7, `${id}#2`],
    ])
    expect(await onHand('MILK', 'R1')).toBe(0)
    const again = await api.post('/operations', { id: opId('ret'), type: 'return', reference: 'RET-2', correctionOf: id })
    expect(again.body.error.details[0]).toEqual({ path: 'correctionOf', message: `operation ${id} has nothing left to return` })
    // The original is still there, unchanged.
    expect((await api.get(`/operations/${id}`)).body.moves).toEqual(d.body.moves)
  })

  it('reverse part of a delivery, never more than was delivered', async () => {
    await receive([{ product: 'MILK', qty: 10, lot: 'D' }])
    const d = await api.post('/operations', { id: opId(), type: 'delivery', reference: 'SO-5', partner: 'Shop', lines: [{ product: 'MILK', qty: 6, lot: 'D' }] })
    const id = d.body.operation.id
    const part = await api.post('/operations', { id: opId(), type: 'return', reference: 'RMA-1', correctionOf: id, lines: [{ product: 'MILK', lot: 'D', qty: 2 }] })
    expect(part.body.moves[0]).toMatchObject({ from: 'Customers', to: 'WH/Stock', qty: 2 })
    const over = await api.post('/operations', { id: opId(), type: 'return', reference: 'RMA-2', correctionOf: id, lines: [{ product: 'MILK', lot: 'D', qty: 5 }] })
    expect(over.status).toBe(400)
    expect(over.body.error.details[0].message).toBe(`operation ${id} has 4 of MILK lot D left to return`)
    expect(await onHand('MILK', 'D')).toBe(6)
    const recall = await api.get('/recall?product=MILK&lot=D')
    expect(recall.body.deliveries).toEqual([expect.objectContaining({ reference: 'SO-5', qty: 6, returned: 2, partner: 'Shop' })])
  })

  it('name an unknown original', async () => {
    const r = await api.post('/operations', { id: opId(), type: 'return', reference: 'R', correctionOf: 'nope' })
    expect(r.status).toBe(404)
    expect(r.body.error.code).toBe('not_found')
  })
})

describe('history', () => {
  it('pages moves with filters and lists operations', async () => {
    for (let i = 0; i < 5; i++) await receive([{ product: 'BOLT', qty: i + 1 }], { reference: `PO-${i % 2}`, date: `2026-06-0${i + 1}` })
    await receive([{ product: 'MILK', qty: 1, lot: 'H' }], { reference: 'PO-H' })
    const p1 = await api.get('/moves?product=BOLT&limit=2')
    expect(p1.body.moves.map((m: any) => m.qty)).toEqual([1, 2])
    const p2 = await api.get(`/moves?product=BOLT&limit=2&cursor=${p1.body.next}`)
    expect(p2.body.moves.map((m: any) => m.qty)).toEqual([3, 4])
    const p3 = await api.get(`/moves?product=BOLT&limit=2&cursor=${p2.body.next}`)
    expect(p3.body).toMatchObject({ next: null })
    expect(p3.body.moves.map((m: any) => m.qty)).toEqual([5])
    expect((await api.get('/moves?reference=PO-1')).body.moves.map((m: any) => m.qty)).toEqual([2, 4])
    expect((await api.get('/moves?after=2026-06-02&before=2026-06-04')).body.moves.map((m: any) => m.qty)).toEqual([2, 3])
    expect((await api.get('/moves?lot=H')).body.moves).toHaveLength(1)
    expect((await api.get('/moves?location=Vendors')).body.moves).toHaveLength(6)
    expect((await api.get('/moves?product=NOPE')).status).toBe(404)
    const ops = await api.get('/operations?reference=PO-0')
    expect(ops.body.operations.map((o: any) => o.reference)).toEqual(['PO-0', 'PO-0', 'PO-0'])
    expect((await api.get('/operations?type=receipt&limit=4')).body.next).not.toBeNull()
  })
})
