import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type TestServer } from '../../helpers/server'

/** Lotledger-Seq and Lotledger-Min-Seq on a server of its own (the embedded store): it writes, and has applied all it holds. */
describe('journal position headers on the embedded store', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await startServer({ memory: true })
  })

  afterAll(async () => {
    await server?.close()
  })

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${server.admin.token}`, ...headers } })

  it('says in every answer which journal position it reflects, and in health who writes', async () => {
    const health = await fetch(`${server.url}/api/v1/health`)
    expect(await health.json()).toMatchObject({ status: 'ok', store: 'memory', role: 'writer', seq: server.store.seq })
    expect(health.headers.get('lotledger-seq')).toBe(String(server.store.seq))
    const put = await fetch(`${server.url}/api/v1/products/MILK`, {
      method: 'PUT', headers: { authorization: `Bearer ${server.admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Milk', tracking: 'lot' }),
    })
    expect(put.status).toBe(201)
    // A write's answer: the position right after it.
    expect(Number(put.headers.get('lotledger-seq'))).toBe(server.store.seq)
    // Refusals carry it too.
    const missing = await get('/products/NOPE')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('lotledger-seq')).toBe(String(server.store.seq))
  })

  it('answers a Lotledger-Min-Seq it has reached, refuses one ahead with 503 and Retry-After, and a malformed one with 400', async () => {
    expect((await get('/products', { 'Lotledger-Min-Seq': String(server.store.seq) })).status).toBe(200)
    expect((await get('/products', { 'Lotledger-Min-Seq': '0' })).status).toBe(200)
    const ahead = await get('/products', { 'Lotledger-Min-Seq': String(server.store.seq + 1) })
    expect(ahead.status).toBe(503)
    expect(ahead.headers.get('retry-after')).toBe('1')
    expect((await ahead.json()).error).toMatchObject({ code: 'seq_not_reached' })
    for (const bad of ['-1', 'abc', '1.5', '1e3', '9'.repeat(16)]) {
      const res = await get('/products', { 'Lotledger-Min-Seq': bad })
      expect(res.status, bad).toBe(400)
      expect((await res.json()).error.code, bad).toBe('validation_failed')
    }
  })
})
