/**
 * Several servers on one database, as HTTP sees them:
 *
 * - Every answer carries `Lotledger-Seq: N`, the journal position the state it reflects has
 *   reached (a write passed on to the writer: the writer's, after the write).
 * - `Lotledger-Min-Seq: N` on a request: answered once this server has applied N, or 503
 *   `seq_not_reached` with Retry-After after MIN_SEQ_WAIT_MS. Clients send the Seq of their last
 *   write, so that they read their writes through any server.
 * - A follower passes every write (POST, PUT, PATCH, DELETE) on to the writer as it came, and
 *   answers with the writer's answer; a load balancer may send any request anywhere.
 * - A server rebuilding its state from the database answers 503 `database_unavailable`.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { LedgerError } from '../domain/errors'
import type { LedgerStore } from '../store/ledger-store'
import type { Replica } from '../store/replica'
import type { AppEnv } from './context'
import { passOn, type PassedAnswer } from './pass-on'

export const SEQ_HEADER = 'Lotledger-Seq'
export const MIN_SEQ_HEADER = 'Lotledger-Min-Seq'
/** Marks a request a follower passed on: the writer that no longer writes refuses it rather than pass it again. */
const FORWARDED_HEADER = 'Lotledger-Forwarded'
/** How long a request waits for this server to apply its Lotledger-Min-Seq. */
export const MIN_SEQ_WAIT_MS = 3_000

/** How often a request passed on to the writer checks that the writer is still the one. */
const WRITER_WATCH_MS = 100

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
/** Headers that describe one connection or one encoding of the body, not the request. */
const HOP_HEADERS = ['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host', 'accept-encoding', 'content-encoding']

/** Sets Lotledger-Seq on every answer that has none yet (a writer's answer passed on keeps the writer's). */
export function seqHeader(store: LedgerStore): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    if (!c.res.headers.has(SEQ_HEADER)) c.res.headers.set(SEQ_HEADER, String(store.seq))
  }
}

/**
 * Min-Seq, forwarding and the 503 of a server being rebuilt, for `/api/v1` outside `open` paths.
 * A body passed on is read whole first, up to `maxBodyBytes` (the writer applies its own limits).
 */
export function replicaRouting(store: LedgerStore, open: ReadonlySet<string>, maxBodyBytes: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (open.has(c.req.path)) return next()
    const replica = store.replica
    if (replica && !replica.ready) throw new LedgerError('database_unavailable', 'this server is rebuilding its state from the database: try again shortly')
    if (replica && replica.role !== 'writer' && WRITES.has(c.req.method)) return forward(c, replica, maxBodyBytes)
    const min = c.req.header(MIN_SEQ_HEADER)
    if (min !== undefined) {
      if (!/^\d{1,15}$/.test(min.trim())) {
        throw new LedgerError('validation_failed', `${MIN_SEQ_HEADER} must be a journal position (a whole number), not ${JSON.stringify(min.slice(0, 40))}`)
      }
      const seq = Number(min.trim())
      const reached = replica ? await replica.waitForSeq(seq, MIN_SEQ_WAIT_MS) : store.seq >= seq
      if (!reached) {
        throw new LedgerError('seq_not_reached', `this server has applied the journal up to ${store.seq}, not yet ${seq}: try again shortly`)
      }
    }
    return next()
  }
}

/** Sends the request on to the writer and answers with its answer. */
async function forward(c: Context<AppEnv>, replica: Replica, maxBodyBytes: number): Promise<Response> {
  const writer = replica.writerUrl
  if (c.req.header(FORWARDED_HEADER) || !writer) {
    throw new LedgerError('writer_unavailable', 'no server takes writes right now (a new writer is being chosen): try again shortly')
  }
  const url = new URL(c.req.url)
  const headers = new Headers(c.req.raw.headers)
  for (const h of HOP_HEADERS) headers.delete(h)
  headers.set(FORWARDED_HEADER, '1')
  // A writer that stopped answering (paused, cut off) loses its lease to another server: the
  // request passed on to it is given up as soon as this server sees the writer change, rather
  // than wait for an answer that may never come. The client sends it again.
  const body = await bodyOf(c, maxBodyBytes)
  let res: PassedAnswer
  const passing = passOn(new URL(`${writer}${url.pathname}${url.search}`), c.req.method, headers, body)
  const watch = setInterval(() => {
    if (replica.role === 'writer' || replica.writerUrl !== writer) passing.giveUp(new Error('the writer changed'))
  }, WRITER_WATCH_MS)
  try {
    res = await passing.answer
  } catch (err) {
    throw new LedgerError('writer_unavailable', 'the writer did not answer (it may have stopped): try again shortly', undefined, { cause: err })
  } finally {
    clearInterval(watch)
  }
  const out = new Headers(res.headers)
  for (const h of HOP_HEADERS) out.delete(h)
  return new Response(res.body.length > 0 ? new Uint8Array(res.body) : null, { status: res.status, headers: out })
}

/**
 * The whole body of the request, or null without one; 413 past `max` bytes, before reading more.
 * Read from node's own message under a node server: a Request's body stream costs a follower
 * more CPU than the rest of passing the write on. (Without one, a test calling the app, Hono reads it.)
 */
async function bodyOf(c: Context<AppEnv>, max: number): Promise<Buffer | null> {
  const tooLarge = () => new LedgerError('payload_too_large', `request body over ${max / 1024 / 1024} MB`)
  if (Number(c.req.header('content-length')) > max) throw tooLarge()
  const incoming = c.env?.incoming
  if (!incoming) return c.req.raw.body ? Buffer.from(await c.req.arrayBuffer()) : null
  if (incoming.headers['content-length'] === undefined && incoming.headers['transfer-encoding'] === undefined) return null
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > max) throw tooLarge()
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}
