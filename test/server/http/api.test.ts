import { request } from 'node:http'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ChangesAnswer } from '../../../shared/schemas/changes'
import { TestClock } from '../../helpers/clock'
import { startServer, type Client, type Reply, type TestServer } from '../../helpers/server'

const enc = encodeURIComponent
const MB16 = 16 * 1024 * 1024

async function fetchJson(url: string, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(url, init)
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : null }
}

/** Checks the one error shape: `{error: {code, message, details?}}` and nothing else. */
function expectErrorShape(r: Reply, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status)
  expect(Object.keys(r.body)).toEqual(['error'])
  const keys = Object.keys(r.body.error).sort()
  expect(keys.every((k) => ['code', 'details', 'message'].includes(k)), keys.join()).toBe(true)
  expect(r.body.error.code).toBe(code)
  expect(typeof r.body.error.message).toBe('string')
  expect(r.body.error.message.length).toBeGreaterThan(0)
  if ('details' in r.body.error) {
    expect(Array.isArray(r.body.error.details)).toBe(true)
    expect(r.body.error.details.length).toBeGreaterThan(0)
    for (const d of r.body.error.details) {
      expect(Object.keys(d).sort()).toEqual(['message', 'path'])
      expect(typeof d.path).toBe('string')
      expect(typeof d.message).toBe('string')
    }
  }
}

/**
 * A request on its own connection (no keep-alive), so that a server answering before it has read
 * a large body cannot disturb the next request. `chunks` are written one by one; without
 * `contentLength` the body goes chunked.
 */
function rawRequest(
  url: string, method: string, path: string, headers: Record<string, string>, chunks: Buffer[], contentLength?: number,
): Promise<Reply> {
  const u = new URL(url)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname, port: Number(u.port), method, path: `/api/v1${path}`, agent: false,
        headers: { ...headers, ...(contentLength === undefined ? {} : { 'content-length': String(contentLength) }) },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => (text += d))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }))
      },
    )
    // The server may answer and close before the whole body is sent: that is expected here.
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') reject(err)
    })
    const write = (i: number): void => {
      if (i === chunks.length) return void req.end()
      if (req.destroyed) return
      if (req.write(chunks[i])) write(i + 1)
      else req.once('drain', () => write(i + 1))
    }
    write(0)
  })
}

const paths = (r: Reply): string[] => r.body.error.details.map((d: { path: string }) => d.path)

describe('meta endpoints and transport errors', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await startServer()
  })

  afterAll(async () => {
    await server.close()
  })

  it('GET /health answers without a token', async () => {
    const r = await fetchJson(`${server.url}/api/v1/health`)
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      status: 'ok', version: '0.0.0', records: expect.any(Number), store: 'file', role: 'writer', seq: r.body.records,
      memory: { level: 'ok', heapUsedMb: expect.any(Number), heapLimitMb: expect.any(Number) },
    })
    expect(r.body.memory.heapUsedMb).toBeLessThan(r.body.memory.heapLimitMb)
    // workspace "default" and its admin token are on disk.
    expect(r.body.records).toBeGreaterThanOrEqual(2)
  })

  it('GET /openapi.json answers an OpenAPI 3.1 document of every route, without a token', async () => {
    const r = await fetchJson(`${server.url}/api/v1/openapi.json`)
    expect(r.status).toBe(200)
    const doc = r.body
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.info).toMatchObject({ title: 'lotledger API', version: '0.0.0' })
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' })
    const expected: Record<string, string[]> = {
      '/api/v1/health': ['get'],
      '/api/v1/products': ['get'],
      '/api/v1/products/{sku}': ['get', 'put'],
      '/api/v1/locations': ['get'],
      '/api/v1/locations/{code}': ['get', 'put'],
      '/api/v1/lots': ['get', 'post'],
      '/api/v1/lots/batch': ['post'],
      '/api/v1/lots/{sku}/{name}': ['get', 'patch'],
      '/api/v1/operations': ['get', 'post'],
      '/api/v1/operations/{id}': ['get'],
      '/api/v1/moves': ['get'],
      '/api/v1/stock': ['get'],
      '/api/v1/stock/fefo': ['get'],
      '/api/v1/trace': ['get'],
      '/api/v1/recall': ['get'],
      '/api/v1/changes': ['get'],
      '/api/v1/settings': ['get', 'patch'],
      '/api/v1/tokens': ['get', 'post'],
      '/api/v1/tokens/{id}': ['delete'],
      '/api/v1/me': ['get'],
    }
    for (const [path, methods] of Object.entries(expected)) {
      expect(doc.paths[path], path).toBeDefined()
      expect(Object.keys(doc.paths[path]).sort(), path).toEqual(methods)
      for (const m of methods) {
        const security = doc.paths[path][m].security
        if (path === '/api/v1/health') expect(security, `${m} ${path}`).toBeUndefined()
        else expect(security, `${m} ${path}`).toEqual([{ bearer: [] }])
      }
    }
  })

  it('answers 404 not_found for an unknown route', async () => {
    expectErrorShape(await server.admin.get('/nothing-here'), 404, 'not_found')
    expectErrorShape(await server.admin.call('DELETE', '/products/X'), 404, 'not_found')
    expectErrorShape(await fetchJson(`${server.url}/not-the-api`), 404, 'not_found')
  })

  it('answers 400 invalid_json for a malformed JSON body', async () => {
    const r = await fetchJson(`${server.url}/api/v1/lots`, {
      method: 'POST', headers: { authorization: `Bearer ${server.admin.token}`, 'content-type': 'application/json' }, body: '{"product":',
    })
    expectErrorShape(r, 400, 'invalid_json')
    const p = await fetchJson(`${server.url}/api/v1/products/X`, {
      method: 'PUT', headers: { authorization: `Bearer ${server.admin.token}`, 'content-type': 'application/json' }, body: "{name: 'x'}",
    })
    expectErrorShape(p, 400, 'invalid_json')
    expect((await server.admin.get('/products/X')).status).toBe(404)
  })

  it('answers 415 unsupported_media_type for a JSON body without Content-Type', async () => {
    const body = new TextEncoder().encode(JSON.stringify({ name: 'No type' }))
    const r = await fetchJson(`${server.url}/api/v1/products/NOTYPE`, { method: 'PUT', headers: { authorization: `Bearer ${server.admin.token}` }, body })
    expectErrorShape(r, 415, 'unsupported_media_type')
    const text = await fetchJson(`${server.url}/api/v1/products/NOTYPE`, {
      method: 'PUT', headers: { authorization: `Bearer ${server.admin.token}`, 'content-type': 'text/plain' }, body: JSON.stringify({ name: 'Text' }),
    })
    expectErrorShape(text, 415, 'unsupported_media_type')
    expect((await server.admin.get('/products/NOTYPE')).status).toBe(404)
  })

  it('every error answers {error: {code, message, details?}}', async () => {
    const admin = server.admin
    expectErrorShape(await fetchJson(`${server.url}/api/v1/products`), 401, 'unauthorized')
    const viewer = await server.clientFor('viewer')
    expectErrorShape(await viewer.put('/products/X', { name: 'x' }), 403, 'forbidden')
    expectErrorShape(await admin.get('/lots/NOPE/NOPE'), 404, 'not_found')
    expectErrorShape(await admin.put('/products/X', { name: 'x', gtin: '123' }), 400, 'validation_failed')
    expect((await admin.put('/products/SER', { name: 'Serial', tracking: 'serial' })).status).toBe(201)
    expectErrorShape(await admin.post('/lots', { product: 'X', name: 'x' }), 400, 'validation_failed')
    expectErrorShape(
      await admin.post('/operations', { type: 'receipt', id: 'shape-1', reference: 'R', lines: [{ product: 'SER', qty: 1 }] }),
      400, 'lot_required',
    )
    expect((await admin.put('/locations/Gone', { name: 'x', kind: 'internal' })).status).toBe(201)
    expectErrorShape(await admin.put('/locations/Vendors', { name: 'x', kind: 'internal' }), 409, 'builtin_location')
  })

  it('validation details name the field path like lines[0].qty', async () => {
    expect((await server.admin.put('/products/MILK', { name: 'Milk', tracking: 'lot' })).status).toBe(201)
    const r = await server.admin.post('/operations', {
      type: 'receipt', id: 'paths-1', reference: 'R',
      lines: [{ product: 'MILK', lot: 'A', qty: -1 }, { lot: 'B', qty: 1 }, { product: 'MILK', lot: 'C', qty: '1.1234567' }],
    })
    expectErrorShape(r, 400, 'validation_failed')
    expect(paths(r)).toEqual(expect.arrayContaining(['lines[0].qty', 'lines[1].product', 'lines[2].qty']))
    // Errors found by the ledger name the field the same way.
    const unknown = await server.admin.post('/operations', {
      type: 'receipt', id: 'paths-2', reference: 'R', lines: [{ product: 'MILK', lot: 'A', qty: 1 }, { product: 'NOPE', qty: 1 }],
    })
    expectErrorShape(unknown, 400, 'validation_failed')
    expect(paths(unknown)).toEqual(['lines[1].product'])
    const where = await server.admin.post('/operations', {
      type: 'receipt', id: 'paths-3', reference: 'R', lines: [{ product: 'MILK', lot: 'A', qty: 1, to: 'Nowhere' }],
    })
    expectErrorShape(where, 400, 'validation_failed')
    expect(paths(where)).toEqual(['lines[0].to'])
    const query = await server.admin.get('/lots?limit=0')
    expectErrorShape(query, 400, 'validation_failed')
    expect(paths(query)).toEqual(['limit'])
  })
})

describe('body size limit', () => {
  let server: TestServer
  let headers: Record<string, string>

  beforeAll(async () => {
    server = await startServer()
    headers = { authorization: `Bearer ${server.admin.token}`, 'content-type': 'application/json' }
  })

  afterAll(async () => {
    await server.close()
  })

  it('accepts a body just under 16 MB (it reaches validation)', async () => {
    const body = Buffer.from(JSON.stringify({ lots: [{ product: 'NOPE', name: 'x' }], pad: 'z'.repeat(MB16 - 100) }))
    expect(body.length).toBeLessThan(MB16)
    const r = await rawRequest(server.url, 'POST', '/lots/batch', headers, [body], body.length)
    // The body was read and parsed: the unknown field is what is refused.
    expectErrorShape(r, 400, 'validation_failed')
  })

  it('answers 413 payload_too_large for a body over 16 MB', async () => {
    const body = Buffer.from(JSON.stringify({ name: 'x'.repeat(MB16) }))
    const r = await rawRequest(server.url, 'PUT', '/products/BIG', headers, [body], body.length)
    expectErrorShape(r, 413, 'payload_too_large')
    expect((await server.admin.get('/products/BIG')).status).toBe(404)
  })

  it('reads a JSON body sent in pieces, split inside a character, with or without its length', async () => {
    const name = 'Crème fraîche 30 % – 保存'
    const body = Buffer.from(JSON.stringify({ name }))
    const cut = body.indexOf(Buffer.from('è')) + 1
    const pieces = [body.subarray(0, cut), body.subarray(cut)]
    const typed = { ...headers, 'content-type': 'application/json; charset=utf-8' }
    expect((await rawRequest(server.url, 'PUT', '/products/CREME', typed, pieces, body.length)).status).toBe(201)
    expect((await rawRequest(server.url, 'PUT', '/products/CREME-2', typed, pieces)).status).toBe(201)
    for (const sku of ['CREME', 'CREME-2']) expect((await server.admin.get(`/products/${sku}`)).body.name).toBe(name)
  })

  it('answers 413 for a body over 16 MB sent chunked, without Content-Length', async () => {
    const chunks = [Buffer.from('{"name":"'), ...Array.from({ length: 17 }, () => Buffer.alloc(1024 * 1024, 'x')), Buffer.from('"}')]
    const r = await rawRequest(server.url, 'PUT', '/products/CHUNKED', headers, chunks)
    expectErrorShape(r, 413, 'payload_too_large')
    expect((await server.admin.get('/products/CHUNKED')).status).toBe(404)
  })
})

describe('settings', () => {
  let server: TestServer
  let admin: Client
  const count = async () => (await admin.get('/changes?limit=5000')).body.changes.length

  beforeEach(async () => {
    server = await startServer()
    admin = server.admin
  })

  afterEach(async () => {
    await server.close()
  })

  it('GET /settings answers the defaults', async () => {
    const r = await admin.get('/settings')
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      timeZone: 'UTC', dateFormat: 'DMY', allowNegativeStock: false, expiredShipping: 'block',
      showLotsOnDeliverySlips: true, showExpirationOnDeliverySlips: false, showLotsOnInvoices: false,
      documents: { sender: null, deliverySlipFooter: null, paperSize: 'A4' },
    })
  })

  it('PATCH changes only the fields given and answers the whole settings', async () => {
    const r = await admin.patch('/settings', { timeZone: 'Europe/Brussels', expiredShipping: 'warn' })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      timeZone: 'Europe/Brussels', dateFormat: 'DMY', allowNegativeStock: false, expiredShipping: 'warn',
      showLotsOnDeliverySlips: true, showExpirationOnDeliverySlips: false, showLotsOnInvoices: false,
      documents: { sender: null, deliverySlipFooter: null, paperSize: 'A4' },
    })
    expect((await admin.get('/settings')).body).toEqual(r.body)
  })

  it('documents: the sender and footer of delivery slips and the paper, changed one field at a time', async () => {
    const sender = 'Ardenne Dairy SA\nRue de la Laiterie 14, 6900 Marche-en-Famenne\nVAT BE 0123.456.789'
    const r = await admin.patch('/settings', { documents: { sender: `  ${sender}\n` } })
    expect(r.status).toBe(200)
    // Trimmed; the fields not named keep their values.
    expect(r.body.documents).toEqual({ sender, deliverySlipFooter: null, paperSize: 'A4' })
    const paper = await admin.patch('/settings', { documents: { paperSize: 'Letter', deliverySlipFooter: 'Report damage within 48 hours.' } })
    expect(paper.body.documents).toEqual({ sender, deliverySlipFooter: 'Report damage within 48 hours.', paperSize: 'Letter' })
    expect((await admin.patch('/settings', { documents: { sender: null } })).body.documents.sender).toBeNull()
    expect((await admin.get('/settings')).body.documents).toEqual({ sender: null, deliverySlipFooter: 'Report damage within 48 hours.', paperSize: 'Letter' })
    expect(await count()).toBe(3)
    // The same documents again write nothing.
    expect((await admin.patch('/settings', { documents: { paperSize: 'Letter' } })).status).toBe(200)
    expect(await count()).toBe(3)
  })

  it('refuses document texts that would not print: too long, too many lines, control characters; unknown fields and papers', async () => {
    const refused = [
      [{ sender: 'x'.repeat(1001) }, 'documents.sender'],
      [{ sender: Array.from({ length: 9 }, (_, i) => `line ${i}`).join('\n') }, 'documents.sender'],
      [{ deliverySlipFooter: 'tab\there' }, 'documents.deliverySlipFooter'],
      [{ deliverySlipFooter: 'bell\u0007' }, 'documents.deliverySlipFooter'],
      [{ paperSize: 'A3' }, 'documents.paperSize'],
      [{ logo: 'x.png' }, 'documents'],
    ] as const
    for (const [documents, path] of refused) {
      const r = await admin.patch('/settings', { documents })
      expectErrorShape(r, 400, 'validation_failed')
      expect(paths(r), JSON.stringify(documents)).toEqual([path])
    }
    expectErrorShape(await admin.patch('/settings', { documents: 'Dairy Co' }), 400, 'validation_failed')
    expect(await count()).toBe(0)
  })

  it('the OpenAPI document describes the document settings', async () => {
    const doc = (await fetchJson(`${server.url}/api/v1/openapi.json`)).body
    const schemas = doc.components.schemas
    expect(schemas.Settings.required).toContain('documents')
    expect(schemas.DocumentSettings.properties.paperSize.enum).toEqual(['A4', 'Letter'])
    expect(schemas.DocumentSettings.properties.sender.description).toMatch(/top of delivery slips/)
    expect(schemas.DocumentSettings.properties.deliverySlipFooter.description).toMatch(/signature lines/)
    // A patch names only the document fields it changes.
    const patchDocuments = schemas.SettingsPatch.properties.documents
    expect(patchDocuments.required ?? []).toEqual([])
    expect(patchDocuments.additionalProperties).toBe(false)
  })

  it('refuses an unknown time zone (400)', async () => {
    for (const timeZone of ['Mars/Olympus_Mons', '', 'GMT+25']) {
      const r = await admin.patch('/settings', { timeZone })
      expectErrorShape(r, 400, 'validation_failed')
      expect(paths(r)).toEqual(['timeZone'])
    }
    expect((await admin.get('/settings')).body.timeZone).toBe('UTC')
  })

  it('refuses unknown fields and bad values', async () => {
    expectErrorShape(await admin.patch('/settings', { theme: 'dark' }), 400, 'validation_failed')
    expectErrorShape(await admin.patch('/settings', { dateFormat: 'DDMMYY' }), 400, 'validation_failed')
    expectErrorShape(await admin.patch('/settings', { expiredShipping: 'allow' }), 400, 'validation_failed')
    expectErrorShape(await admin.patch('/settings', { allowNegativeStock: 'yes' }), 400, 'validation_failed')
    expect(await count()).toBe(0)
  })

  it('shows expiration dates on delivery slips only with lots', async () => {
    const both = await admin.patch('/settings', { showLotsOnDeliverySlips: false, showExpirationOnDeliverySlips: true })
    expectErrorShape(both, 400, 'validation_failed')
    expect(paths(both)).toEqual(['showExpirationOnDeliverySlips'])
    expect((await admin.patch('/settings', { showLotsOnDeliverySlips: false })).status).toBe(200)
    expectErrorShape(await admin.patch('/settings', { showExpirationOnDeliverySlips: true }), 400, 'validation_failed')
    const ok = await admin.patch('/settings', { showLotsOnDeliverySlips: true, showExpirationOnDeliverySlips: true })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ showLotsOnDeliverySlips: true, showExpirationOnDeliverySlips: true })
    // Turning lots off while expiration dates are on is refused too.
    expectErrorShape(await admin.patch('/settings', { showLotsOnDeliverySlips: false }), 400, 'validation_failed')
    expect((await admin.get('/settings')).body).toMatchObject({ showLotsOnDeliverySlips: true, showExpirationOnDeliverySlips: true })
  })

  it('a PATCH with nothing new writes nothing', async () => {
    expect((await admin.patch('/settings', { timeZone: 'Asia/Tokyo' })).status).toBe(200)
    expect(await count()).toBe(1)
    const health = (await fetchJson(`${server.url}/api/v1/health`)).body.records
    for (const body of [{}, { timeZone: 'Asia/Tokyo' }, { timeZone: 'Asia/Tokyo', dateFormat: 'DMY', showLotsOnDeliverySlips: true }]) {
      const r = await admin.patch('/settings', body)
      expect(r.status).toBe(200)
      expect(r.body.timeZone).toBe('Asia/Tokyo')
    }
    expect(await count()).toBe(1)
    expect((await fetchJson(`${server.url}/api/v1/health`)).body.records).toBe(health)
  })
})

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
