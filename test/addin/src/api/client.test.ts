/**
 * The pane's client reads its writes through any server behind a load balancer: after a write it
 * sends the journal position the write's answer gave (Lotledger-Min-Seq), and asks a read again
 * of a server that has not reached it yet. Against a server on 127.0.0.1 that plays a follower.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiClient } from '../../../../addin/src/api/client'
import { ApiError } from '../../../../addin/src/api/errors'

interface Seen {
  method: string
  url: string
  headers: IncomingHttpHeaders
}

let server: Server
let seen: Seen[]
/** The answers to give, in order; the last one is given again. */
let answers: Array<{ status: number; seq?: number; body: unknown; retryAfter?: string }>
let client: ApiClient

beforeEach(async () => {
  seen = []
  answers = []
  server = createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers })
    req.resume()
    const a = answers.length > 1 ? answers.shift()! : answers[0]
    res.writeHead(a.status, { 'content-type': 'application/json', ...(a.seq ? { 'lotledger-seq': String(a.seq) } : {}), ...(a.retryAfter ? { 'retry-after': a.retryAfter } : {}) })
    res.end(JSON.stringify(a.body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  client = new ApiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'secret')
})
afterEach(async () => new Promise((resolve) => server.close(resolve)))

const notReached = { status: 503, seq: 40, retryAfter: '0', body: { error: { code: 'seq_not_reached', message: 'not yet 42' } } }

describe('reading your writes through any server', () => {
  it('sends no Min-Seq before a write, then the position of the last write on every request', async () => {
    answers = [{ status: 200, seq: 7, body: { quants: [] } }, { status: 201, seq: 42, body: {} }, { status: 200, seq: 40, body: { quants: [] } }, { status: 200, seq: 45, body: {} }, { status: 200, body: { quants: [] } }]
    await client.stock({})
    await client.request('POST', '/operations', { id: 'op-1' })
    await client.stock({})
    // A later write moves the position on; a read's answer never does.
    await client.request('POST', '/operations', { id: 'op-2' })
    await client.stock({})
    expect(seen.map((s) => `${s.method} ${s.headers['lotledger-min-seq'] ?? '-'}`)).toEqual(['GET -', 'POST -', 'GET 42', 'POST 42', 'GET 45'])
  })

  it('asks a read again while the server has not reached the write, and gives up after a few tries', async () => {
    answers = [{ status: 201, seq: 42, body: {} }, notReached, notReached, { status: 200, seq: 42, body: { quants: [{ qty: 1 }] } }]
    await client.request('POST', '/operations', { id: 'op-1' })
    expect(await client.stock({})).toEqual([{ qty: 1 }])
    expect(seen.map((s) => s.method)).toEqual(['POST', 'GET', 'GET', 'GET'])
    answers = [notReached]
    const refused = await client.stock({}).catch((err: unknown) => err)
    expect(refused).toBeInstanceOf(ApiError)
    expect((refused as ApiError).code).toBe('seq_not_reached')
    expect(seen.length).toBe(4 + 4)
  })

  it('never sends a write twice on a 503', async () => {
    answers = [{ status: 503, body: { error: { code: 'seq_not_reached', message: 'not yet' } } }]
    await expect(client.request('POST', '/operations', { id: 'op-1' })).rejects.toBeInstanceOf(ApiError)
    expect(seen.length).toBe(1)
  })
})
