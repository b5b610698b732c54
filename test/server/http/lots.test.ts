import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TestClock } from '../../helpers/clock'
import { startServer, type Client, type TestServer } from '../../helpers/server'

const enc = encodeURIComponent
const MILK_EXPIRY = { expirationDays: 10, bestBeforeDays: 1, removalDays: 2, alertDays: 3 }
const NO_FLAGS = { expired: false, alert: false, bestBeforePassed: false, removal: false }

let server: TestServer
let admin: Client
let clock: TestClock
let receipts = 0

async function catalogue(c: Client): Promise<void> {
  const puts: Array<[string, unknown]> = [
    ['/products/MILK', { name: 'Milk 1L', tracking: 'lot', expiry: MILK_EXPIRY }],
    ['/products/CHEESE', { name: 'Cheese', uom: 'kg', tracking: 'lot' }],
    ['/products/PHONE', { name: 'Phone', tracking: 'serial' }],
    ['/products/BOLT', { name: 'Bolt', tracking: 'none' }],
  ]
  for (const [path, body] of puts) expect((await c.put(path, body)).status).toBe(201)
}

async function receive(c: Client, lines: Array<Record<string, unknown>>): Promise<void> {
  receipts += 1
  const r = await c.post('/operations', { type: 'receipt', id: `lots-rcpt-${receipts}`, reference: `PO-${receipts}`, lines })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
}

function dates(expirationDate: string | null, bestBeforeDate: string | null, removalDate: string | null, alertDate: string | null) {
  return { expirationDate, bestBeforeDate, removalDate, alertDate }
}

beforeEach(async () => {
  clock = new TestClock('2026-06-15T10:00:00Z')
  server = await startServer({ clock })
  admin = server.admin
  await catalogue(admin)
})

afterEach(async () => {
  await server.close()
})

describe('POST /lots', () => {
  it('registers a lot (201) with dates computed from today', async () => {
    const r = await admin.post('/lots', { product: 'MILK', name: 'L1', ref: 'MFG-77', note: 'first' })
    expect(r.status).toBe(201)
    const me = (await admin.get('/me')).body.token
    expect(r.body).toEqual({
      product: 'MILK', name: 'L1', ref: 'MFG-77', note: 'first',
      ...dates('2026-06-25', '2026-06-24', '2026-06-23', '2026-06-22'),
      // Registered, never received yet.
      receivedAt: null,
      createdAt: '2026-06-15T10:00:00.000Z', createdBy: { token: me.id, name: me.name },
      updatedAt: '2026-06-15T10:00:00.000Z', updatedBy: { token: me.id, name: me.name },
      flags: NO_FLAGS, onHand: 0, quants: [],
    })
    const g = await admin.get('/lots/MILK/L1')
    expect(g.status).toBe(200)
    expect(g.body).toEqual(r.body)
  })

  it('receivedAt is the date of the first operation that brought the lot into stock, not when it was recorded', async () => {
    expect((await admin.post('/lots', { product: 'MILK', name: 'L1' })).status).toBe(201)
    const first = { type: 'receipt', reference: 'PO-1', date: '2026-06-10T07:00:00Z', lines: [{ product: 'MILK', qty: 5, lot: 'L1' }] }
    expect((await admin.post('/operations', { id: 'po-1', ...first })).status).toBe(201)
    expect((await admin.post('/operations', { ...first, id: 'po-2', reference: 'PO-2', date: '2026-06-12T07:00:00Z' })).status).toBe(201)
    const lot = (await admin.get('/lots/MILK/L1')).body
    expect(lot.receivedAt).toBe('2026-06-10T07:00:00.000Z')
    expect(lot.createdAt).toBe('2026-06-15T10:00:00.000Z')
  })

  it('counts "today" in the workspace time zone', async () => {
    clock.set('2026-06-15T23:30:00Z')
    const utc = await admin.post('/lots', { product: 'MILK', name: 'UTC' })
    expect(utc.body).toMatchObject(dates('2026-06-25', '2026-06-24', '2026-06-23', '2026-06-22'))
    expect((await admin.patch('/settings', { timeZone: 'Asia/Tokyo' })).status).toBe(200)
    // 23:30 UTC is already 08:30 on 2026-06-16 in Tokyo.
    const tokyo = await admin.post('/lots', { product: 'MILK', name: 'TOKYO' })
    expect(tokyo.status).toBe(201)
    expect(tokyo.body).toMatchObject(dates('2026-06-26', '2026-06-25', '2026-06-24', '2026-06-23'))
    expect((await admin.patch('/settings', { timeZone: 'Pacific/Pago_Pago' })).status).toBe(200)
    // ... and still 12:30 on 2026-06-15 in Pago Pago.
    const pago = await admin.post('/lots', { product: 'MILK', name: 'PAGO' })
    expect(pago.body).toMatchObject(dates('2026-06-25', '2026-06-24', '2026-06-23', '2026-06-22'))
  })

  it('lets explicit dates win over the computed ones', async () => {
    const r = await admin.post('/lots', { product: 'MILK', name: 'EXP', expirationDate: '2026-12-31' })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject(dates('2026-12-31', '2026-12-30', '2026-12-29', '2026-12-28'))
    const all = await admin.post('/lots', {
      product: 'MILK', name: 'ALL', expirationDate: '2027-01-31', bestBeforeDate: '2027-01-01', removalDate: '2026-12-01', alertDate: '2026-11-01',
    })
    expect(all.body).toMatchObject(dates('2027-01-31', '2027-01-01', '2026-12-01', '2026-11-01'))
    const one = await admin.post('/lots', { product: 'MILK', name: 'ONE', alertDate: '2026-06-16' })
    expect(one.body).toMatchObject(dates('2026-06-25', '2026-06-24', '2026-06-23', '2026-06-16'))
  })

  it('gives no dates to a lot of a product without offsets, unless given', async () => {
    const none = await admin.post('/lots', { product: 'CHEESE', name: 'C1' })
    expect(none.status).toBe(201)
    expect(none.body).toMatchObject({ ...dates(null, null, null, null), ref: null, note: null, flags: NO_FLAGS })
    const given = await admin.post('/lots', { product: 'CHEESE', name: 'C2', expirationDate: '2026-09-01' })
    expect(given.body).toMatchObject(dates('2026-09-01', '2026-09-01', '2026-09-01', '2026-09-01'))
  })

  it('registers serials of a serial-tracked product', async () => {
    const r = await admin.post('/lots', { product: 'PHONE', name: 'SN-0001' })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({ product: 'PHONE', name: 'SN-0001', ...dates(null, null, null, null) })
  })

  it('answers the same lot (200) when registered again with the same fields', async () => {
    const first = await admin.post('/lots', { product: 'MILK', name: 'L1', ref: 'R1', expirationDate: '2026-07-01' })
    expect(first.status).toBe(201)
    clock.advanceDays(1)
    for (const body of [
      { product: 'MILK', name: 'L1', ref: 'R1', expirationDate: '2026-07-01' },
      { product: 'MILK', name: 'L1' },
      { product: 'MILK', name: 'L1', ref: 'R1' },
    ]) {
      const again = await admin.post('/lots', body)
      expect(again.status, JSON.stringify(body)).toBe(200)
      expect(again.body).toMatchObject({ createdAt: first.body.createdAt, updatedAt: first.body.updatedAt, ref: 'R1', ...dates('2026-07-01', '2026-06-30', '2026-06-29', '2026-06-28') })
    }
    const list = await admin.get('/lots?product=MILK')
    expect(list.body.lots.map((l: { name: string }) => l.name)).toEqual(['L1'])
  })

  it('refuses the same lot with a different field (409 exists_with_different_fields naming it)', async () => {
    expect((await admin.post('/lots', { product: 'MILK', name: 'L1', ref: 'R1' })).status).toBe(201)
    const ref = await admin.post('/lots', { product: 'MILK', name: 'L1', ref: 'R2' })
    expect(ref.status).toBe(409)
    expect(ref.body.error.code).toBe('exists_with_different_fields')
    expect(ref.body.error.details).toEqual([{ path: 'ref', message: 'is "R1", not "R2"' }])
    const exp = await admin.post('/lots', { product: 'MILK', name: 'L1', expirationDate: '2027-01-01', note: 'x' })
    expect(exp.status).toBe(409)
    expect(exp.body.error.details.map((d: { path: string }) => d.path)).toEqual(['note', 'expirationDate'])
    expect((await admin.get('/lots/MILK/L1')).body).toMatchObject({ ref: 'R1', note: null, expirationDate: '2026-06-25' })
  })

  it('refuses an untracked or unknown product (400 naming product)', async () => {
    const untracked = await admin.post('/lots', { product: 'BOLT', name: 'B1' })
    expect(untracked.status).toBe(400)
    expect(untracked.body.error.code).toBe('validation_failed')
    expect(untracked.body.error.details).toEqual([{ path: 'product', message: 'product BOLT is not tracked by lot or serial' }])
    const unknown = await admin.post('/lots', { product: 'NOPE', name: 'N1' })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.code).toBe('validation_failed')
    expect(unknown.body.error.details).toEqual([{ path: 'product', message: 'unknown product NOPE' }])
    expect((await admin.get('/lots')).body.lots).toEqual([])
  })

  it('refuses bad input: invalid dates, unknown fields, empty names', async () => {
    const cases: Array<[unknown, string]> = [
      [{ product: 'MILK', name: 'X', expirationDate: '2026-02-30' }, 'expirationDate'],
      [{ product: 'MILK', name: 'X', alertDate: '30/06/2026' }, 'alertDate'],
      [{ product: 'MILK', name: '  ' }, 'name'],
      [{ product: 'MILK', name: 'X', colour: 'white' }, ''],
      [{ name: 'X' }, 'product'],
    ]
    for (const [body, path] of cases) {
      const r = await admin.post('/lots', body)
      expect(r.status, JSON.stringify(body)).toBe(400)
      expect(r.body.error.code).toBe('validation_failed')
      if (path) expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(path)
    }
    expect((await admin.get('/lots')).body.lots).toEqual([])
  })

  it('keeps the same name for two products as two lots', async () => {
    const a = await admin.post('/lots', { product: 'MILK', name: 'SHARED' })
    const b = await admin.post('/lots', { product: 'CHEESE', name: 'SHARED', ref: 'other' })
    expect(a.status).toBe(201)
    expect(b.status).toBe(201)
    expect((await admin.get('/lots/MILK/SHARED')).body).toMatchObject({ product: 'MILK', ref: null, expirationDate: '2026-06-25' })
    expect((await admin.get('/lots/CHEESE/SHARED')).body).toMatchObject({ product: 'CHEESE', ref: 'other', expirationDate: null })
    const list = await admin.get('/lots')
    expect(list.body.lots.map((l: { product: string; name: string }) => `${l.product}:${l.name}`)).toEqual(['MILK:SHARED', 'CHEESE:SHARED'])
  })

  it('takes names with / and spaces URL-encoded in GET /lots/{sku}/{name}', async () => {
    const name = 'L/2026 01'
    expect((await admin.post('/lots', { product: 'MILK', name })).status).toBe(201)
    const g = await admin.get(`/lots/MILK/${enc(name)}`)
    expect(g.status).toBe(200)
    expect(g.body.name).toBe(name)
    const p = await admin.patch(`/lots/MILK/${enc(name)}`, { note: 'slashed' })
    expect(p.status).toBe(200)
    expect(p.body).toMatchObject({ name, note: 'slashed' })
    expect((await admin.get('/lots/MILK/L')).status).toBe(404)
  })

  it('answers 404 for an unknown lot', async () => {
    const r = await admin.get('/lots/MILK/NOPE')
    expect(r.status).toBe(404)
    expect(r.body.error.code).toBe('not_found')
    const p = await admin.patch('/lots/MILK/NOPE', { note: 'x' })
    expect(p.status).toBe(404)
    expect(p.body.error.code).toBe('not_found')
  })
})

describe('POST /lots/batch', () => {
  it('registers all lots and answers them in order with the created count', async () => {
    expect((await admin.post('/lots', { product: 'MILK', name: 'OLD' })).status).toBe(201)
    const r = await admin.post('/lots/batch', {
      lots: [
        { product: 'MILK', name: 'B1' },
        { product: 'MILK', name: 'OLD' },
        { product: 'PHONE', name: 'SN-1' },
        { product: 'CHEESE', name: 'C1', expirationDate: '2026-08-01' },
      ],
    })
    expect(r.status).toBe(200)
    expect(r.body.created).toBe(3)
    expect(r.body.lots.map((l: { product: string; name: string }) => `${l.product}:${l.name}`)).toEqual([
      'MILK:B1', 'MILK:OLD', 'PHONE:SN-1', 'CHEESE:C1',
    ])
    expect(r.body.lots[0]).toMatchObject(dates('2026-06-25', '2026-06-24', '2026-06-23', '2026-06-22'))
    expect(r.body.lots[3]).toMatchObject(dates('2026-08-01', '2026-08-01', '2026-08-01', '2026-08-01'))
    const again = await admin.post('/lots/batch', { lots: [{ product: 'MILK', name: 'B1' }, { product: 'PHONE', name: 'SN-1' }] })
    expect(again.status).toBe(200)
    expect(again.body.created).toBe(0)
  })

  it('counts a lot listed twice once', async () => {
    const r = await admin.post('/lots/batch', { lots: [{ product: 'MILK', name: 'D1', ref: 'a' }, { product: 'MILK', name: 'D1', ref: 'a' }] })
    expect(r.status).toBe(200)
    expect(r.body.created).toBe(1)
    expect(r.body.lots).toHaveLength(2)
    expect((await admin.get('/lots')).body.lots).toHaveLength(1)
  })

  it('registers nothing when one entry is bad (all or none)', async () => {
    const bad = await admin.post('/lots/batch', {
      lots: [{ product: 'MILK', name: 'A1' }, { product: 'MILK', name: 'A2' }, { product: 'BOLT', name: 'A3' }],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('validation_failed')
    expect(bad.body.error.details).toEqual([{ path: 'lots[2].product', message: 'product BOLT is not tracked by lot or serial' }])
    const invalid = await admin.post('/lots/batch', { lots: [{ product: 'MILK', name: 'A1' }, { product: 'MILK', name: 'A2', expirationDate: 'soon' }] })
    expect(invalid.status).toBe(400)
    expect(invalid.body.error.details.map((d: { path: string }) => d.path)).toContain('lots[1].expirationDate')
    expect((await admin.get('/lots')).body.lots).toEqual([])
  })

  it('registers nothing when one entry conflicts with an existing lot', async () => {
    expect((await admin.post('/lots', { product: 'MILK', name: 'X', ref: 'one' })).status).toBe(201)
    const r = await admin.post('/lots/batch', { lots: [{ product: 'MILK', name: 'NEW' }, { product: 'MILK', name: 'X', ref: 'two' }] })
    expect(r.status).toBe(409)
    expect(r.body.error.code).toBe('exists_with_different_fields')
    expect(r.body.error.details).toEqual([{ path: 'lots[1].ref', message: 'is "one", not "two"' }])
    expect((await admin.get('/lots/MILK/NEW')).status).toBe(404)
  })

  it('refuses an empty batch', async () => {
    const r = await admin.post('/lots/batch', { lots: [] })
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe('validation_failed')
  })
})

describe('PATCH /lots/{sku}/{name}', () => {
  it('shifts the other three dates by the same number of days as the expiration date', async () => {
    await admin.post('/lots', { product: 'MILK', name: 'L1' })
    const later = await admin.patch('/lots/MILK/L1', { expirationDate: '2026-07-05' })
    expect(later.status).toBe(200)
    expect(later.body).toMatchObject(dates('2026-07-05', '2026-07-04', '2026-07-03', '2026-07-02'))
    const earlier = await admin.patch('/lots/MILK/L1', { expirationDate: '2026-06-30' })
    expect(earlier.body).toMatchObject(dates('2026-06-30', '2026-06-29', '2026-06-28', '2026-06-27'))
    expect((await admin.get('/lots/MILK/L1')).body).toMatchObject(dates('2026-06-30', '2026-06-29', '2026-06-28', '2026-06-27'))
  })

  it('shifts hand-set dates too, keeping their distance to the expiration', async () => {
    await admin.post('/lots', {
      product: 'CHEESE', name: 'H1', expirationDate: '2026-12-31', bestBeforeDate: '2026-12-01', removalDate: '2026-11-15', alertDate: '2026-10-31',
    })
    const r = await admin.patch('/lots/CHEESE/H1', { expirationDate: '2027-01-10' })
    expect(r.body).toMatchObject(dates('2027-01-10', '2026-12-11', '2026-11-25', '2026-11-10'))
  })

  it('lets other dates given in the same patch win', async () => {
    await admin.post('/lots', { product: 'MILK', name: 'L1' })
    const r = await admin.patch('/lots/MILK/L1', { expirationDate: '2026-07-05', alertDate: '2026-06-20', removalDate: null })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject(dates('2026-07-05', '2026-07-04', null, '2026-06-20'))
  })

  it('changes a single other date without touching the rest', async () => {
    await admin.post('/lots', { product: 'MILK', name: 'L1' })
    const r = await admin.patch('/lots/MILK/L1', { bestBeforeDate: '2026-06-20' })
    expect(r.body).toMatchObject(dates('2026-06-25', '2026-06-20', '2026-06-23', '2026-06-22'))
  })

  it('computes the others from the offsets for a first expiration date, and clears them with it', async () => {
    await admin.post('/lots', { product: 'MILK', name: 'L1', expirationDate: null })
    expect((await admin.get('/lots/MILK/L1')).body).toMatchObject(dates(null, null, null, null))
    const first = await admin.patch('/lots/MILK/L1', { expirationDate: '2026-08-10' })
    expect(first.body).toMatchObject(dates('2026-08-10', '2026-08-09', '2026-08-08', '2026-08-07'))
    const cleared = await admin.patch('/lots/MILK/L1', { expirationDate: null })
    expect(cleared.body).toMatchObject(dates(null, null, null, null))
  })

  it('edits ref and note, and records who and when', async () => {
    const operator = await server.clientFor('operator')
    const created = await admin.post('/lots', { product: 'MILK', name: 'L1', ref: 'R', note: 'n' })
    clock.advanceDays(2)
    const r = await operator.patch('/lots/MILK/L1', { ref: 'R2', note: null })
    expect(r.status).toBe(200)
    const op = (await operator.get('/me')).body.token
    expect(r.body).toMatchObject({
      ref: 'R2', note: null, createdAt: created.body.createdAt, createdBy: created.body.createdBy,
      updatedAt: '2026-06-17T10:00:00.000Z', updatedBy: { token: op.id, name: op.name },
    })
  })

  it('renames a lot without moves; the old name is gone', async () => {
    await admin.post('/lots', { product: 'MILK', name: 'TYPO', ref: 'keep' })
    const r = await admin.patch('/lots/MILK/TYPO', { name: 'FIXED' })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ product: 'MILK', name: 'FIXED', ref: 'keep', expirationDate: '2026-06-25' })
    expect((await admin.get('/lots/MILK/TYPO')).status).toBe(404)
    expect((await admin.get('/lots/MILK/FIXED')).body).toMatchObject({ name: 'FIXED', ref: 'keep' })
    expect((await admin.get('/lots')).body.lots.map((l: { name: string }) => l.name)).toEqual(['FIXED'])
  })

  it('refuses renaming to a name the product already has (409 already_exists)', async () => {
    await admin.post('/lots', { product: 'MILK', name: 'A' })
    await admin.post('/lots', { product: 'MILK', name: 'B' })
    const r = await admin.patch('/lots/MILK/A', { name: 'B' })
    expect(r.status).toBe(409)
    expect(r.body.error.code).toBe('already_exists')
    expect((await admin.get('/lots/MILK/A')).status).toBe(200)
  })

  it('refuses renaming a lot that has moved (409 lot_has_moves)', async () => {
    await receive(admin, [{ product: 'MILK', lot: 'MOVED', qty: 4 }])
    const r = await admin.patch('/lots/MILK/MOVED', { name: 'RENAMED' })
    expect(r.status).toBe(409)
    expect(r.body.error.code).toBe('lot_has_moves')
    expect(r.body.error.details).toEqual([{ path: 'name', message: 'cannot change once the lot has moved' }])
    expect((await admin.get('/lots/MILK/MOVED')).status).toBe(200)
    expect((await admin.get('/lots/MILK/RENAMED')).status).toBe(404)
    // Giving the same name is not a rename.
    expect((await admin.patch('/lots/MILK/MOVED', { name: 'MOVED', note: 'ok' })).status).toBe(200)
  })

  it('refuses changing the product (400), accepts it unchanged', async () => {
    await admin.post('/lots', { product: 'MILK', name: 'L1' })
    const r = await admin.patch('/lots/MILK/L1', { product: 'CHEESE' })
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe('validation_failed')
    expect(r.body.error.details).toEqual([{ path: 'product', message: 'a lot never changes product' }])
    expect((await admin.get('/lots/CHEESE/L1')).status).toBe(404)
    const same = await admin.patch('/lots/MILK/L1', { product: 'MILK', note: 'same product' })
    expect(same.status).toBe(200)
    expect(same.body).toMatchObject({ product: 'MILK', note: 'same product' })
  })

  it('edits the dates of a lot that has moved', async () => {
    await receive(admin, [{ product: 'MILK', lot: 'STOCKED', qty: 4 }])
    const r = await admin.patch('/lots/MILK/STOCKED', { expirationDate: '2026-06-30' })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ ...dates('2026-06-30', '2026-06-29', '2026-06-28', '2026-06-27'), onHand: 4 })
  })

  it("keeps existing lots' dates when the product's offsets change", async () => {
    await admin.post('/lots', { product: 'MILK', name: 'BEFORE' })
    const put = await admin.put('/products/MILK', { name: 'Milk 1L', tracking: 'lot', expiry: { expirationDays: 30 } })
    expect(put.status).toBe(200)
    expect((await admin.get('/lots/MILK/BEFORE')).body).toMatchObject(dates('2026-06-25', '2026-06-24', '2026-06-23', '2026-06-22'))
    expect((await admin.post('/lots', { product: 'MILK', name: 'AFTER' })).body).toMatchObject(
      dates('2026-07-15', '2026-07-15', '2026-07-15', '2026-07-15'),
    )
    // A shift keeps the lot's own distances, not the new offsets.
    const shifted = await admin.patch('/lots/MILK/BEFORE', { expirationDate: '2026-06-26' })
    expect(shifted.body).toMatchObject(dates('2026-06-26', '2026-06-25', '2026-06-24', '2026-06-23'))
  })

  it('refuses unknown fields', async () => {
    await admin.post('/lots', { product: 'MILK', name: 'L1' })
    const r = await admin.patch('/lots/MILK/L1', { expiry: '2026-07-01' })
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe('validation_failed')
  })
})

describe('flags against the clock', () => {
  it('raises each flag on its date (<= today), in the workspace time zone', async () => {
    // MILK from 2026-06-15: expiration 06-25, best before 06-24, removal 06-23, alert 06-22.
    await admin.post('/lots', { product: 'MILK', name: 'F1' })
    const flagsOn = async (iso: string) => {
      clock.set(iso)
      const r = await admin.get('/lots/MILK/F1')
      expect(r.status).toBe(200)
      return r.body.flags
    }
    expect(await flagsOn('2026-06-21T12:00:00Z')).toEqual(NO_FLAGS)
    expect(await flagsOn('2026-06-22T00:00:00Z')).toEqual({ expired: false, alert: true, bestBeforePassed: false, removal: false })
    expect(await flagsOn('2026-06-23T00:00:00Z')).toEqual({ expired: false, alert: true, bestBeforePassed: false, removal: true })
    expect(await flagsOn('2026-06-24T23:59:59Z')).toEqual({ expired: false, alert: true, bestBeforePassed: true, removal: true })
    expect(await flagsOn('2026-06-25T00:00:00Z')).toEqual({ expired: true, alert: true, bestBeforePassed: true, removal: true })
    expect(await flagsOn('2026-07-30T00:00:00Z')).toEqual({ expired: true, alert: true, bestBeforePassed: true, removal: true })
    // 2026-06-24T20:00Z is already 06-25 in Tokyo: expired there.
    expect(await flagsOn('2026-06-24T20:00:00Z')).toEqual({ expired: false, alert: true, bestBeforePassed: true, removal: true })
    expect((await admin.patch('/settings', { timeZone: 'Asia/Tokyo' })).status).toBe(200)
    expect(await flagsOn('2026-06-24T20:00:00Z')).toEqual({ expired: true, alert: true, bestBeforePassed: true, removal: true })
  })

  it('moves with advanceDays', async () => {
    await admin.post('/lots', { product: 'CHEESE', name: 'C', expirationDate: '2026-06-16', alertDate: '2026-06-15' })
    expect((await admin.get('/lots/CHEESE/C')).body.flags).toEqual({ expired: false, alert: true, bestBeforePassed: false, removal: false })
    clock.advanceDays(1)
    expect((await admin.get('/lots/CHEESE/C')).body.flags).toEqual({ expired: true, alert: true, bestBeforePassed: true, removal: true })
  })
})

describe('GET /lots', () => {
  async function names(query: string): Promise<string[]> {
    const r = await admin.get(`/lots${query}`)
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    return r.body.lots.map((l: { product: string; name: string }) => `${l.product}:${l.name}`)
  }

  beforeEach(async () => {
    // Today is 2026-06-15.
    await admin.post('/lots/batch', {
      lots: [
        { product: 'MILK', name: 'EXPIRED', expirationDate: '2026-06-10' },
        { product: 'MILK', name: 'ALERT', expirationDate: '2026-06-17' },
        { product: 'MILK', name: 'FRESH', expirationDate: '2026-09-01' },
        { product: 'CHEESE', name: 'NODATE' },
        { product: 'PHONE', name: 'SN-1' },
      ],
    })
    await receive(admin, [{ product: 'MILK', lot: 'ALERT', qty: 2 }, { product: 'MILK', lot: 'FRESH', qty: 3 }, { product: 'PHONE', serials: ['SN-1'] }])
  })

  it('lists lots in registration order, with stock on hand', async () => {
    expect(await names('')).toEqual(['MILK:EXPIRED', 'MILK:ALERT', 'MILK:FRESH', 'CHEESE:NODATE', 'PHONE:SN-1'])
    const fresh = (await admin.get('/lots/MILK/FRESH')).body
    expect(fresh).toMatchObject({ onHand: 3, quants: [{ location: 'WH/Stock', package: null, qty: 3 }] })
  })

  it('filters by product, expired, alert and inStock', async () => {
    expect(await names('?product=MILK')).toEqual(['MILK:EXPIRED', 'MILK:ALERT', 'MILK:FRESH'])
    expect(await names('?expired=true')).toEqual(['MILK:EXPIRED'])
    expect(await names('?expired=false')).toEqual(['MILK:ALERT', 'MILK:FRESH', 'CHEESE:NODATE', 'PHONE:SN-1'])
    expect(await names('?alert=true&expired=false')).toEqual(['MILK:ALERT'])
    expect(await names('?alert=1&inStock=1')).toEqual(['MILK:ALERT'])
    expect(await names('?inStock=true')).toEqual(['MILK:ALERT', 'MILK:FRESH', 'PHONE:SN-1'])
    expect(await names('?inStock=false')).toEqual(['MILK:EXPIRED', 'CHEESE:NODATE'])
    expect(await names('?product=PHONE&inStock=true')).toEqual(['PHONE:SN-1'])
  })

  it('answers 404 for an unknown product and 400 for a bad flag', async () => {
    const unknown = await admin.get('/lots?product=NOPE')
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('not_found')
    const bad = await admin.get('/lots?expired=yes')
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('validation_failed')
    expect(bad.body.error.details[0].path).toBe('expired')
  })

  it('pages with limit and the next cursor', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const r: { status: number; body: { lots: Array<{ product: string; name: string }>; next: string | null } } = await admin.get(
        `/lots?limit=2${cursor ? `&cursor=${enc(cursor)}` : ''}`,
      )
      expect(r.status).toBe(200)
      expect(r.body.lots.length).toBeLessThanOrEqual(2)
      seen.push(...r.body.lots.map((l) => `${l.product}:${l.name}`))
      cursor = r.body.next
      pages += 1
    } while (cursor !== null && pages < 10)
    expect(pages).toBe(3)
    expect(seen).toEqual(['MILK:EXPIRED', 'MILK:ALERT', 'MILK:FRESH', 'CHEESE:NODATE', 'PHONE:SN-1'])
  })

  it('pages a filtered list without losing or repeating lots', async () => {
    const first = await admin.get('/lots?expired=false&limit=1')
    expect(first.body.lots.map((l: { name: string }) => l.name)).toEqual(['ALERT'])
    expect(first.body.next).not.toBeNull()
    const second = await admin.get(`/lots?expired=false&limit=2&cursor=${enc(first.body.next)}`)
    expect(second.body.lots.map((l: { name: string }) => l.name)).toEqual(['FRESH', 'NODATE'])
    const third = await admin.get(`/lots?expired=false&limit=2&cursor=${enc(second.body.next)}`)
    expect(third.body.lots.map((l: { name: string }) => l.name)).toEqual(['SN-1'])
    expect(third.body.next).toBeNull()
  })

  it('pages by 100 by default', async () => {
    const lots = Array.from({ length: 101 }, (_, i) => ({ product: 'CHEESE', name: `P${String(i).padStart(3, '0')}` }))
    expect((await admin.post('/lots/batch', { lots })).body.created).toBe(101)
    const first = await admin.get('/lots?product=CHEESE')
    expect(first.body.lots).toHaveLength(100)
    expect(first.body.lots[0].name).toBe('NODATE')
    expect(first.body.next).not.toBeNull()
    const second = await admin.get(`/lots?product=CHEESE&cursor=${enc(first.body.next)}`)
    expect(second.body.lots.map((l: { name: string }) => l.name)).toEqual(['P099', 'P100'])
    expect(second.body.next).toBeNull()
  })

  it('answers next null when everything fits, and refuses a limit out of range', async () => {
    const all = await admin.get('/lots?limit=5')
    expect(all.body.lots).toHaveLength(5)
    expect(all.body.next).toBeNull()
    for (const limit of ['0', '1001', 'abc']) {
      const r = await admin.get(`/lots?limit=${limit}`)
      expect(r.status, limit).toBe(400)
      expect(r.body.error.code).toBe('validation_failed')
    }
  })
})
