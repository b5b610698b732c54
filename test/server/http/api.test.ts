import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorPaths, expectErrorShape } from '../../helpers/error-shape'
import { fetchJson, startServer, type TestServer } from '../../helpers/server'

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
    expect(errorPaths(r)).toEqual(expect.arrayContaining(['lines[0].qty', 'lines[1].product', 'lines[2].qty']))
    // Errors found by the ledger name the field the same way.
    const unknown = await server.admin.post('/operations', {
      type: 'receipt', id: 'paths-2', reference: 'R', lines: [{ product: 'MILK', lot: 'A', qty: 1 }, { product: 'NOPE', qty: 1 }],
    })
    expectErrorShape(unknown, 400, 'validation_failed')
    expect(errorPaths(unknown)).toEqual(['lines[1].product'])
    const where = await server.admin.post('/operations', {
      type: 'receipt', id: 'paths-3', reference: 'R', lines: [{ product: 'MILK', lot: 'A', qty: 1, to: 'Nowhere' }],
    })
    expectErrorShape(where, 400, 'validation_failed')
    expect(errorPaths(where)).toEqual(['lines[0].to'])
    const query = await server.admin.get('/lots?limit=0')
    expectErrorShape(query, 400, 'validation_failed')
    expect(errorPaths(query)).toEqual(['limit'])
  })
})
