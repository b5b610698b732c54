import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type Client, type TestServer } from '../../helpers/server'

const enc = encodeURIComponent
let receipts = 0

async function receive(c: Client, line: Record<string, unknown>): Promise<void> {
  receipts += 1
  const r = await c.post('/operations', { type: 'receipt', id: `products-rcpt-${receipts}`, reference: `PO-${receipts}`, lines: [line] })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
}

async function changeCount(c: Client): Promise<number> {
  const r = await c.get('/changes?limit=5000')
  expect(r.status).toBe(200)
  return r.body.changes.length
}

let server: TestServer
let admin: Client
let me: { id: string; name: string }

beforeAll(async () => {
  server = await startServer()
  admin = server.admin
  me = (await admin.get('/me')).body.token
})

afterAll(async () => {
  await server.close()
})

describe('PUT/GET /products', () => {
  it('creates a product (201) with defaults, and GET answers it', async () => {
    const r = await admin.put('/products/WIDGET', { name: 'Widget' })
    expect(r.status).toBe(201)
    expect(r.body).toEqual({
      sku: 'WIDGET', name: 'Widget', uom: 'Units', tracking: 'none', gtin: null, expiry: null, foodTraceabilityList: false,
      updatedAt: expect.any(String), updatedBy: { token: me.id, name: me.name },
    })
    const g = await admin.get('/products/WIDGET')
    expect(g.status).toBe(200)
    expect(g.body).toEqual(r.body)
  })

  it('fills the expiry offsets that are not given with 0', async () => {
    const r = await admin.put('/products/YOGHURT', { name: 'Yoghurt', tracking: 'lot', expiry: { expirationDays: 21, alertDays: 5 } })
    expect(r.status).toBe(201)
    expect(r.body.expiry).toEqual({ expirationDays: 21, bestBeforeDays: 0, removalDays: 0, alertDays: 5 })
  })

  it('answers 200 and writes nothing for an identical PUT', async () => {
    const body = { name: 'Gadget', uom: 'Box', tracking: 'lot', expiry: { expirationDays: 30, bestBeforeDays: 2, removalDays: 3, alertDays: 4 } }
    const first = await admin.put('/products/GADGET', body)
    expect(first.status).toBe(201)
    const before = await changeCount(admin)
    const again = await admin.put('/products/GADGET', body)
    expect(again.status).toBe(200)
    expect(again.body).toEqual(first.body)
    expect(await changeCount(admin)).toBe(before)
  })

  it('replaces a product (200) with the new fields', async () => {
    await admin.put('/products/REPL', { name: 'Before', uom: 'kg', tracking: 'lot', expiry: { expirationDays: 5 } })
    const before = await changeCount(admin)
    const r = await admin.put('/products/REPL', { name: 'After', tracking: 'lot' })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ sku: 'REPL', name: 'After', uom: 'Units', tracking: 'lot', gtin: null, expiry: null })
    expect((await admin.get('/products/REPL')).body).toEqual(r.body)
    expect(await changeCount(admin)).toBe(before + 1)
  })

  it('lists products sorted by SKU', async () => {
    const s = await startServer()
    try {
      for (const sku of ['ZETA', 'ALPHA', 'MIKE', 'BRAVO']) expect((await s.admin.put(`/products/${sku}`, { name: sku })).status).toBe(201)
      const r = await s.admin.get('/products')
      expect(r.status).toBe(200)
      expect(r.body.products.map((p: { sku: string }) => p.sku)).toEqual(['ALPHA', 'BRAVO', 'MIKE', 'ZETA'])
      expect(r.body.products[0]).toMatchObject({ sku: 'ALPHA', name: 'ALPHA', uom: 'Units', tracking: 'none' })
    } finally {
      await s.close()
    }
  })

  it('answers 404 not_found for an unknown product', async () => {
    const r = await admin.get('/products/NOPE')
    expect(r.status).toBe(404)
    expect(r.body.error.code).toBe('not_found')
  })

  it('takes a SKU with a slash or spaces when URL-encoded', async () => {
    const sku = 'BOX/12 PCS'
    const r = await admin.put(`/products/${enc(sku)}`, { name: 'Box of 12' })
    expect(r.status).toBe(201)
    expect(r.body.sku).toBe(sku)
    expect((await admin.get(`/products/${enc(sku)}`)).body.sku).toBe(sku)
  })

  it('refuses unknown fields (strict bodies)', async () => {
    const r = await admin.put('/products/STRICT', { name: 'Strict', colour: 'red' })
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe('validation_failed')
    expect((await admin.get('/products/STRICT')).status).toBe(404)
  })

  it('refuses unknown fields inside the expiry offsets too (a typo must not be dropped silently)', async () => {
    const r = await admin.put('/products/TYPO', { name: 'Typo', tracking: 'lot', expiry: { expirationDays: 10, alertDay: 3 } })
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe('validation_failed')
    expect((await admin.get('/products/TYPO')).status).toBe(404)
  })

  it('validates the fields and names them', async () => {
    const cases: Array<[unknown, string]> = [
      [{}, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'X', tracking: 'batch' }, 'tracking'],
      [{ name: 'X', expiry: { expirationDays: -1 } }, 'expiry.expirationDays'],
      [{ name: 'X', expiry: { expirationDays: 10, alertDays: 1.5 } }, 'expiry.alertDays'],
      [{ name: 'X', expiry: { bestBeforeDays: 1 } }, 'expiry.expirationDays'],
    ]
    for (const [body, path] of cases) {
      const r = await admin.put('/products/INVALID', body)
      expect(r.status, JSON.stringify(body)).toBe(400)
      expect(r.body.error.code).toBe('validation_failed')
      expect(r.body.error.details.map((d: { path: string }) => d.path), JSON.stringify(body)).toContain(path)
    }
    expect((await admin.get('/products/INVALID')).status).toBe(404)
  })
})

describe('GTIN', () => {
  it('stores a valid GTIN-8/12/13/14 as 14 digits', async () => {
    const cases: Array<[string, string]> = [
      ['96385074', '00000096385074'],
      ['036000291452', '00036000291452'],
      ['4006381333931', '04006381333931'],
      ['09501101530003', '09501101530003'],
    ]
    for (const [i, [gtin, stored]] of cases.entries()) {
      const r = await admin.put(`/products/GTIN-${i}`, { name: `GTIN ${i}`, gtin })
      expect(r.status, gtin).toBe(201)
      expect(r.body.gtin).toBe(stored)
    }
  })

  it('refuses a wrong check digit with 400 validation_failed naming gtin and the expected digit', async () => {
    const r = await admin.put('/products/BADCHECK', { name: 'Bad', gtin: '4006381333932' })
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe('validation_failed')
    expect(r.body.error.details).toEqual([{ path: 'gtin', message: 'check digit should be 1' }])
    expect((await admin.get('/products/BADCHECK')).status).toBe(404)
  })

  it('refuses letters and wrong lengths', async () => {
    for (const gtin of ['40063813339A1', '1234567', '12345678901234567']) {
      const r = await admin.put('/products/BADGTIN', { name: 'Bad', gtin })
      expect(r.status, gtin).toBe(400)
      expect(r.body.error.code).toBe('validation_failed')
      expect(r.body.error.details[0].path).toBe('gtin')
    }
  })

  it('refuses a GTIN already used by another product (409 already_exists), in any of its forms', async () => {
    expect((await admin.put('/products/OWNER', { name: 'Owner', gtin: '9780306406157' })).status).toBe(201)
    for (const gtin of ['9780306406157', '09780306406157']) {
      const r = await admin.put('/products/THIEF', { name: 'Thief', gtin })
      expect(r.status, gtin).toBe(409)
      expect(r.body.error.code).toBe('already_exists')
      expect(r.body.error.details).toEqual([{ path: 'gtin', message: 'already used by OWNER' }])
    }
    expect((await admin.get('/products/THIEF')).status).toBe(404)
    // The owner itself may be PUT again with its GTIN.
    const again = await admin.put('/products/OWNER', { name: 'Owner renamed', gtin: '09780306406157' })
    expect(again.status).toBe(200)
    expect(again.body.gtin).toBe('09780306406157')
  })

  it('frees a GTIN when its product drops it', async () => {
    expect((await admin.put('/products/FIRST', { name: 'First', gtin: '10614141000415' })).status).toBe(201)
    expect((await admin.put('/products/FIRST', { name: 'First', gtin: null })).status).toBe(200)
    const r = await admin.put('/products/SECOND', { name: 'Second', gtin: '10614141000415' })
    expect(r.status).toBe(201)
    expect(r.body.gtin).toBe('10614141000415')
  })
})

describe('tracking changes', () => {
  it('allows changing the tracking while the product has no move', async () => {
    expect((await admin.put('/products/FREE', { name: 'Free', tracking: 'none' })).status).toBe(201)
    const r = await admin.put('/products/FREE', { name: 'Free', tracking: 'serial' })
    expect(r.status).toBe(200)
    expect(r.body.tracking).toBe('serial')
  })

  it('refuses changing the tracking after a move (409 product_has_moves)', async () => {
    expect((await admin.put('/products/FLOUR', { name: 'Flour', uom: 'kg', tracking: 'lot' })).status).toBe(201)
    await receive(admin, { product: 'FLOUR', qty: 5, lot: 'F1' })
    for (const tracking of ['none', 'serial']) {
      const r = await admin.put('/products/FLOUR', { name: 'Flour', uom: 'kg', tracking })
      expect(r.status, tracking).toBe(409)
      expect(r.body.error.code).toBe('product_has_moves')
      expect(r.body.error.details).toEqual([{ path: 'tracking', message: 'cannot change once the product has moves' }])
    }
    expect((await admin.get('/products/FLOUR')).body.tracking).toBe('lot')
    // Other fields may still change.
    const renamed = await admin.put('/products/FLOUR', { name: 'Wheat flour', uom: 'kg', tracking: 'lot' })
    expect(renamed.status).toBe(200)
    expect(renamed.body.name).toBe('Wheat flour')
  })

  it('refuses it for an untracked product with moves too', async () => {
    expect((await admin.put('/products/NAIL', { name: 'Nail' })).status).toBe(201)
    await receive(admin, { product: 'NAIL', qty: 100 })
    const r = await admin.put('/products/NAIL', { name: 'Nail', tracking: 'lot' })
    expect(r.status).toBe(409)
    expect(r.body.error.code).toBe('product_has_moves')
  })
})

describe('PUT/GET /locations', () => {
  it('has the built-in locations', async () => {
    const r = await admin.get('/locations')
    expect(r.status).toBe(200)
    const byCode = new Map(r.body.locations.map((l: { code: string }) => [l.code, l]))
    const expected: Array<[string, string]> = [
      ['Vendors', 'supplier'], ['Customers', 'customer'], ['Production', 'production'],
      ['Adjustment', 'adjustment'], ['Scrap', 'scrap'], ['WH/Stock', 'internal'],
    ]
    for (const [code, kind] of expected) {
      expect(byCode.get(code), code).toMatchObject({ code, kind, builtIn: true, updatedBy: null })
    }
  })

  it('lists exactly the built-in ones in a new workspace, sorted by code', async () => {
    const s = await startServer()
    try {
      const r = await s.admin.get('/locations')
      expect(r.body.locations.map((l: { code: string }) => l.code)).toEqual(['Adjustment', 'Customers', 'Production', 'Scrap', 'Vendors', 'WH/Stock'])
      for (const code of ['WH/Stock/Shelf 2', 'WH/Stock/Shelf 1', 'Dock']) {
        expect((await s.admin.put(`/locations/${enc(code)}`, { name: code })).status).toBe(201)
      }
      const after = await s.admin.get('/locations')
      expect(after.body.locations.map((l: { code: string }) => l.code)).toEqual([
        'Adjustment', 'Customers', 'Dock', 'Production', 'Scrap', 'Vendors', 'WH/Stock', 'WH/Stock/Shelf 1', 'WH/Stock/Shelf 2',
      ])
    } finally {
      await s.close()
    }
  })

  it('creates a location (201), kind internal by default, with a URL-encoded code holding / and spaces', async () => {
    const code = 'WH/Stock/Shelf 1'
    const r = await admin.put(`/locations/${enc(code)}`, { name: 'Shelf 1' })
    expect(r.status).toBe(201)
    expect(r.body).toEqual({
      code, name: 'Shelf 1', kind: 'internal', gln: null, fdaRegistration: null, builtIn: false, updatedAt: expect.any(String), updatedBy: { token: me.id, name: me.name },
    })
    const g = await admin.get(`/locations/${enc(code)}`)
    expect(g.status).toBe(200)
    expect(g.body).toEqual(r.body)
    expect((await admin.get('/locations')).body.locations.map((l: { code: string }) => l.code)).toContain(code)
    // The encoded slash is part of the code, not a path separator: WH/Stock is still the built-in one.
    expect((await admin.get(`/locations/${enc('WH/Stock')}`)).body).toMatchObject({ code: 'WH/Stock', builtIn: true })
  })

  it('answers 200 unchanged, 200 replaced, and writes nothing for an identical PUT', async () => {
    expect((await admin.put('/locations/Dock', { name: 'Dock', kind: 'internal' })).status).toBe(201)
    const before = await changeCount(admin)
    const same = await admin.put('/locations/Dock', { name: 'Dock', kind: 'internal' })
    expect(same.status).toBe(200)
    expect(await changeCount(admin)).toBe(before)
    const renamed = await admin.put('/locations/Dock', { name: 'Loading dock', kind: 'transit' })
    expect(renamed.status).toBe(200)
    expect(renamed.body).toMatchObject({ code: 'Dock', name: 'Loading dock', kind: 'transit', builtIn: false })
    expect((await admin.get('/locations/Dock')).body).toEqual(renamed.body)
    expect(await changeCount(admin)).toBe(before + 1)
  })

  it('answers 404 for an unknown location', async () => {
    const r = await admin.get(`/locations/${enc('WH/Nowhere')}`)
    expect(r.status).toBe(404)
    expect(r.body.error.code).toBe('not_found')
  })

  it('refuses changing the kind of a built-in location (409 builtin_location) but allows renaming it', async () => {
    const r = await admin.put('/locations/Vendors', { name: 'Vendors', kind: 'internal' })
    expect(r.status).toBe(409)
    expect(r.body.error.code).toBe('builtin_location')
    expect(r.body.error.details).toEqual([{ path: 'kind', message: 'must stay supplier' }])
    const stock = await admin.put(`/locations/${enc('WH/Stock')}`, { name: 'Main stock', kind: 'transit' })
    expect(stock.status).toBe(409)
    expect(stock.body.error.code).toBe('builtin_location')
    const rename = await admin.put(`/locations/${enc('WH/Stock')}`, { name: 'Main stock', kind: 'internal' })
    expect(rename.status).toBe(200)
    expect(rename.body).toMatchObject({ code: 'WH/Stock', name: 'Main stock', kind: 'internal', builtIn: true })
    expect((await admin.get(`/locations/${enc('WH/Stock')}`)).body).toMatchObject({ name: 'Main stock', builtIn: true })
  })

  it('refuses changing the kind of a location with moves (409 location_has_moves)', async () => {
    expect((await admin.put('/locations/Cellar', { name: 'Cellar', kind: 'internal' })).status).toBe(201)
    expect((await admin.put('/products/SALT', { name: 'Salt' })).status).toBe(201)
    await receive(admin, { product: 'SALT', qty: 3, to: 'Cellar' })
    const r = await admin.put('/locations/Cellar', { name: 'Cellar', kind: 'scrap' })
    expect(r.status).toBe(409)
    expect(r.body.error.code).toBe('location_has_moves')
    expect(r.body.error.details).toEqual([{ path: 'kind', message: 'must stay internal' }])
    expect((await admin.get('/locations/Cellar')).body.kind).toBe('internal')
    const renamed = await admin.put('/locations/Cellar', { name: 'Wine cellar', kind: 'internal' })
    expect(renamed.status).toBe(200)
    expect(renamed.body.name).toBe('Wine cellar')
  })

  it('refuses unknown fields and bad kinds', async () => {
    const extra = await admin.put('/locations/Strict', { name: 'Strict', kind: 'internal', capacity: 10 })
    expect(extra.status).toBe(400)
    expect(extra.body.error.code).toBe('validation_failed')
    const kind = await admin.put('/locations/Strict', { name: 'Strict', kind: 'warehouse' })
    expect(kind.status).toBe(400)
    expect(kind.body.error.details.map((d: { path: string }) => d.path)).toContain('kind')
    expect((await admin.get('/locations/Strict')).status).toBe(404)
  })

  it('refuses codes with an empty path segment', async () => {
    for (const code of ['WH//Shelf', 'WH/Shelf/', '/WH']) {
      const r = await admin.put(`/locations/${enc(code)}`, { name: 'Bad' })
      expect(r.status, code).toBe(400)
      expect(r.body.error.code).toBe('validation_failed')
    }
  })
})
