import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, startServer, type Client, type Reply, type TestServer } from '../../helpers/server'

const enc = encodeURIComponent

let server: TestServer
let admin: Client
let ids = 0
const nextId = (prefix: string) => `${prefix}-${++ids}`

async function raw(path: string, headers: Record<string, string>): Promise<Reply> {
  const res = await fetch(`${server.url}/api/v1${path}`, { headers })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : null }
}

async function whoAmI(c: Client): Promise<{ token: string; name: string }> {
  const r = await c.get('/me')
  expect(r.status).toBe(200)
  return { token: r.body.token.id, name: r.body.token.name }
}

function receipt(id: string, lot: string) {
  return { type: 'receipt', id, reference: `PO-${id}`, lines: [{ product: 'MILK', lot, qty: 1 }] }
}

function expectError(r: Reply, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status)
  expect(r.body.error.code).toBe(code)
}

beforeAll(async () => {
  server = await startServer()
  admin = server.admin
  expect((await admin.put('/products/MILK', { name: 'Milk', tracking: 'lot', expiry: { expirationDays: 10 } })).status).toBe(201)
  expect((await admin.post('/lots', { product: 'MILK', name: 'BASE' })).status).toBe(201)
})

afterAll(async () => {
  await server.close()
})

describe('authentication', () => {
  it('refuses a request without a token (401 unauthorized)', async () => {
    for (const path of ['/products', '/lots', '/me', '/settings', '/tokens', '/changes']) {
      expectError(await raw(path, {}), 401, 'unauthorized')
    }
  })

  it('refuses a malformed Authorization header', async () => {
    const secret = admin.token
    for (const header of [`Basic ${secret}`, 'Bearer', 'Bearer ', `Bearer ${secret} extra`, secret, `Token ${secret}`]) {
      expectError(await raw('/products', { authorization: header }), 401, 'unauthorized')
    }
  })

  it('refuses an unknown token', async () => {
    expectError(await client(server.url, 'll_not-a-real-token').get('/products'), 401, 'unauthorized')
    expectError(await client(server.url, `${admin.token}x`).get('/products'), 401, 'unauthorized')
  })

  it('refuses a revoked token, at once', async () => {
    const made = await admin.post('/tokens', { name: 'short-lived', role: 'operator' })
    expect(made.status).toBe(201)
    const c = client(server.url, made.body.secret)
    expect((await c.get('/me')).status).toBe(200)
    const revoked = await admin.del(`/tokens/${made.body.token.id}`)
    expect(revoked.status).toBe(200)
    expect(revoked.body.revokedAt).toEqual(expect.any(String))
    expectError(await c.get('/me'), 401, 'unauthorized')
    expectError(await c.post('/lots', { product: 'MILK', name: 'REVOKED' }), 401, 'unauthorized')
    expect((await admin.get('/lots/MILK/REVOKED')).status).toBe(404)
    // Revoking twice answers the same.
    const again = await admin.del(`/tokens/${made.body.token.id}`)
    expect(again.status).toBe(200)
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt)
  })
})

describe('roles', () => {
  let viewer: Client
  let operator: Client

  beforeAll(async () => {
    viewer = await server.clientFor('viewer')
    operator = await server.clientFor('operator')
  })

  it('a viewer reads everything but tokens', async () => {
    const opId = nextId('read')
    expect((await admin.post('/operations', receipt(opId, 'READ'))).status).toBe(201)
    for (const path of [
      '/products', '/products/MILK', '/locations', `/locations/${enc('WH/Stock')}`, '/lots', '/lots/MILK/BASE', '/operations',
      `/operations/${opId}`, '/moves', '/stock', '/stock/fefo?product=MILK', '/trace?product=MILK&lot=READ', '/recall?product=MILK&lot=READ',
      '/changes', '/settings', '/me',
    ]) {
      const r = await viewer.get(path)
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200)
    }
    expectError(await viewer.get('/tokens'), 403, 'forbidden')
  })

  it('a viewer cannot write anything (403 forbidden), and nothing is written', async () => {
    const before = (await admin.get('/changes')).body.changes.length
    const writes: Array<[string, string, unknown]> = [
      ['PUT', '/products/VIEWER', { name: 'x' }],
      ['PUT', '/locations/VIEWER', { name: 'x' }],
      ['POST', '/lots', { product: 'MILK', name: 'VIEWER' }],
      ['POST', '/lots/batch', { lots: [{ product: 'MILK', name: 'VIEWER' }] }],
      ['PATCH', '/lots/MILK/BASE', { note: 'viewer' }],
      ['POST', '/operations', receipt(nextId('viewer'), 'VIEWER')],
      ['PATCH', '/settings', { timeZone: 'Europe/Brussels' }],
      ['POST', '/tokens', { name: 'x', role: 'admin' }],
      ['DELETE', `/tokens/tok_0000000000000000`, undefined],
    ]
    for (const [method, path, body] of writes) {
      expectError(await viewer.call(method, path, body), 403, 'forbidden')
    }
    expect((await admin.get('/changes')).body.changes.length).toBe(before)
    expect((await admin.get('/lots/MILK/BASE')).body.note).toBeNull()
    expect((await admin.get('/settings')).body.timeZone).toBe('UTC')
  })

  it('an operator registers and edits lots and records operations', async () => {
    expect((await operator.post('/lots', { product: 'MILK', name: 'OPER' })).status).toBe(201)
    expect((await operator.post('/lots/batch', { lots: [{ product: 'MILK', name: 'OPER-2' }] })).status).toBe(200)
    expect((await operator.patch('/lots/MILK/OPER', { note: 'by operator' })).status).toBe(200)
    expect((await operator.post('/operations', receipt(nextId('oper'), 'OPER'))).status).toBe(201)
    expect((await operator.get('/lots/MILK/OPER')).body).toMatchObject({ note: 'by operator', onHand: 1 })
  })

  it('an operator cannot change products, locations, settings or tokens (403)', async () => {
    const adminToken = (await whoAmI(admin)).token
    const writes: Array<[string, string, unknown]> = [
      ['PUT', '/products/OPER', { name: 'x' }],
      ['PUT', '/products/MILK', { name: 'Milk renamed', tracking: 'lot' }],
      ['PUT', '/locations/OPER', { name: 'x' }],
      ['PATCH', '/settings', { timeZone: 'Europe/Brussels' }],
      ['GET', '/tokens', undefined],
      ['POST', '/tokens', { name: 'x', role: 'operator' }],
      ['DELETE', `/tokens/${adminToken}`, undefined],
    ]
    for (const [method, path, body] of writes) {
      expectError(await operator.call(method, path, body), 403, 'forbidden')
    }
    expect((await admin.get('/products/OPER')).status).toBe(404)
    expect((await admin.get('/products/MILK')).body.name).toBe('Milk')
    expect((await admin.get('/locations/OPER')).status).toBe(404)
    expect((await admin.get('/settings')).body.timeZone).toBe('UTC')
    expect((await admin.get('/me')).status).toBe(200)
  })

  it('an admin can do all of it', async () => {
    expect((await admin.put('/products/ADMIN', { name: 'Admin product' })).status).toBe(201)
    expect((await admin.put('/locations/ADMIN', { name: 'Admin location' })).status).toBe(201)
    expect((await admin.post('/lots', { product: 'MILK', name: 'ADMIN' })).status).toBe(201)
    expect((await admin.patch('/lots/MILK/ADMIN', { note: 'admin' })).status).toBe(200)
    expect((await admin.post('/operations', receipt(nextId('admin'), 'ADMIN'))).status).toBe(201)
    expect((await admin.patch('/settings', { showLotsOnInvoices: true })).status).toBe(200)
    expect((await admin.get('/tokens')).status).toBe(200)
    const t = await admin.post('/tokens', { name: 'temp', role: 'viewer' })
    expect(t.status).toBe(201)
    expect((await admin.del(`/tokens/${t.body.token.id}`)).status).toBe(200)
  })

  it('/me tells the role of each token', async () => {
    expect((await viewer.get('/me')).body).toMatchObject({ workspace: { id: 'default' }, role: 'viewer' })
    expect((await operator.get('/me')).body).toMatchObject({ workspace: { id: 'default' }, role: 'operator' })
    expect((await admin.get('/me')).body).toMatchObject({ workspace: { id: 'default' }, role: 'admin' })
  })
})

describe('workspace isolation', () => {
  let beta: Client
  let opA: string

  beforeAll(async () => {
    beta = await server.workspace('beta')
    opA = nextId('iso')
    expect((await admin.post('/operations', receipt(opA, 'ISO'))).status).toBe(201)
  })

  it("answers 404 for another workspace's lot, operation, product and location", async () => {
    expectError(await beta.get('/lots/MILK/ISO'), 404, 'not_found')
    expectError(await beta.get('/lots/MILK/BASE'), 404, 'not_found')
    expectError(await beta.get(`/operations/${opA}`), 404, 'not_found')
    expectError(await beta.get('/products/MILK'), 404, 'not_found')
    expectError(await beta.get('/locations/ADMIN'), 404, 'not_found')
    expectError(await beta.patch('/lots/MILK/ISO', { note: 'beta' }), 404, 'not_found')
    expectError(await beta.get('/trace?product=MILK&lot=ISO'), 404, 'not_found')
    expectError(await beta.get('/recall?product=MILK&lot=ISO'), 404, 'not_found')
    expect((await admin.get('/lots/MILK/ISO')).body.note).toBeNull()
  })

  it('keeps its own data apart even under the same names and ids', async () => {
    const p = await beta.put('/products/MILK', { name: 'Beta milk', tracking: 'lot' })
    expect(p.status).toBe(201)
    const op = await beta.post('/operations', receipt(opA, 'ISO'))
    expect(op.status).toBe(201)
    expect((await beta.get('/lots/MILK/ISO')).body).toMatchObject({ onHand: 1, expirationDate: null })
    expect((await admin.get('/products/MILK')).body.name).toBe('Milk')
    expect((await admin.get('/lots/MILK/ISO')).body).toMatchObject({ onHand: 1 })
    expect((await admin.get('/lots/MILK/ISO')).body.expirationDate).not.toBeNull()
  })

  it("never lists another workspace's data", async () => {
    const fresh = await server.workspace('gamma')
    expect((await fresh.get('/products')).body.products).toEqual([])
    expect((await fresh.get('/lots')).body).toEqual({ lots: [], next: null })
    expect((await fresh.get('/operations')).body).toEqual({ operations: [], next: null })
    expect((await fresh.get('/moves')).body).toEqual({ moves: [], next: null })
    expect((await fresh.get('/stock')).body).toEqual({ quants: [] })
    expect((await fresh.get('/changes')).body).toEqual({ changes: [], next: 0, hasMore: false, head: 0 })
    expect((await fresh.get('/locations')).body.locations.map((l: { code: string }) => l.code)).toEqual([
      'Adjustment', 'Customers', 'Production', 'Scrap', 'Vendors', 'WH/Stock',
    ])
    const tokens = (await fresh.get('/tokens')).body.tokens
    expect(tokens).toHaveLength(1)
    expect(tokens[0]).toMatchObject({ name: 'admin', role: 'admin' })
    expect(tokens[0].id).toBe((await fresh.get('/me')).body.token.id)
    // And the first workspace does not see the others' tokens either.
    const mine = (await admin.get('/tokens')).body.tokens.map((t: { id: string }) => t.id)
    expect(mine).not.toContain(tokens[0].id)
  })

  it("cannot revoke another workspace's token (404), which keeps working", async () => {
    const victim = await server.clientFor('viewer')
    const victimId = (await whoAmI(victim)).token
    expectError(await beta.del(`/tokens/${victimId}`), 404, 'not_found')
    expect((await victim.get('/me')).status).toBe(200)
    const listed = (await admin.get('/tokens')).body.tokens.find((t: { id: string }) => t.id === victimId)
    expect(listed.revokedAt).toBeNull()
  })
})

describe('tokens', () => {
  it('stores tokens hashed: the journal holds the sha256 of a secret, never the secret', async () => {
    const made = await admin.post('/tokens', { name: 'journal check', role: 'viewer' })
    expect(made.status).toBe(201)
    const journal = await readFile(join(server.dir, 'journal.ndjson'), 'utf8')
    for (const secret of [admin.token, made.body.secret]) {
      const hash = createHash('sha256').update(secret).digest('hex')
      expect(journal.includes(secret)).toBe(false)
      expect(journal.includes(hash)).toBe(true)
    }
  })

  it('POST /tokens answers the secret once; GET /tokens never shows secrets or hashes', async () => {
    const me = await whoAmI(admin)
    const made = await admin.post('/tokens', { name: 'robot', role: 'operator' })
    expect(made.status).toBe(201)
    expect(Object.keys(made.body).sort()).toEqual(['secret', 'token'])
    expect(made.body.secret).toMatch(/^ll_[A-Za-z0-9_-]{43}$/)
    expect(made.body.token).toEqual({
      id: expect.stringMatching(/^tok_[0-9a-f]{16}$/), name: 'robot', role: 'operator',
      createdAt: expect.any(String), createdBy: me, revokedAt: null,
    })
    const c = client(server.url, made.body.secret)
    expect((await c.get('/me')).body).toMatchObject({ role: 'operator', token: { id: made.body.token.id, name: 'robot' } })

    const list = await admin.get('/tokens')
    expect(list.status).toBe(200)
    const text = JSON.stringify(list.body)
    const hash = createHash('sha256').update(made.body.secret).digest('hex')
    expect(text.includes(made.body.secret)).toBe(false)
    expect(text.includes(hash)).toBe(false)
    expect(text.includes(admin.token)).toBe(false)
    for (const t of list.body.tokens) expect(Object.keys(t).sort()).toEqual(['createdAt', 'createdBy', 'id', 'name', 'revokedAt', 'role'])
    expect(list.body.tokens.find((t: { id: string }) => t.id === made.body.token.id)).toEqual(made.body.token)
  })

  it('validates new tokens', async () => {
    for (const body of [{ name: 'x', role: 'owner' }, { name: '', role: 'viewer' }, { role: 'viewer' }, { name: 'x', role: 'viewer', secret: 'mine' }]) {
      expectError(await admin.post('/tokens', body), 400, 'validation_failed')
    }
  })

  it('answers 404 for revoking an unknown token', async () => {
    expectError(await admin.del('/tokens/tok_ffffffffffffffff'), 404, 'not_found')
  })
})

describe('every write records who', () => {
  it('names the token on lots, products, locations, operations and their lots', async () => {
    const operator = await server.clientFor('operator')
    const op = await whoAmI(operator)
    const ad = await whoAmI(admin)
    expect(op.token).not.toBe(ad.token)

    const product = await admin.put('/products/WHO', { name: 'Who', tracking: 'lot' })
    expect(product.body.updatedBy).toEqual(ad)
    expect((await operator.get('/products/WHO')).body.updatedBy).toEqual(ad)
    const location = await admin.put('/locations/WHO', { name: 'Who' })
    expect(location.body.updatedBy).toEqual(ad)

    const lot = await operator.post('/lots', { product: 'WHO', name: 'W1' })
    expect(lot.body).toMatchObject({ createdBy: op, updatedBy: op })
    const edited = await admin.patch('/lots/WHO/W1', { note: 'checked' })
    expect(edited.body).toMatchObject({ createdBy: op, updatedBy: ad })

    const id = nextId('who')
    const rec = await operator.post('/operations', { type: 'receipt', id, reference: 'PO-WHO', lines: [{ product: 'WHO', lot: 'W2', qty: 2 }] })
    expect(rec.status).toBe(201)
    expect(rec.body.operation.createdBy).toEqual(op)
    expect((await admin.get(`/operations/${id}`)).body.operation.createdBy).toEqual(op)
    expect((await admin.get('/lots/WHO/W2')).body).toMatchObject({ createdBy: op, updatedBy: op })

    const changes = (await admin.get('/changes?limit=5000')).body.changes
    const last = changes[changes.length - 1]
    expect(last).toMatchObject({ type: 'operation', by: op })
  })
})
