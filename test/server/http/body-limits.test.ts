/** Request bodies: read whole however they arrive, and refused past the limit without being kept. */
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectErrorShape } from '../../helpers/error-shape'
import { startServer, type Reply, type TestServer } from '../../helpers/server'

const MB16 = 16 * 1024 * 1024

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
