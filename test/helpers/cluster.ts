/**
 * Several server processes on one PostgreSQL database, as the replica tests drive them: requests
 * as a load balancer sends them, a cluster of N servers whose first one writes, and the checks
 * that every server converged to the same state.
 */
import { expect } from 'vitest'
import { startServerProcess, type RunningServer } from './process'

export interface Answer {
  status: number
  body: any
  seq: number | null
  retryAfter: string | null
}

/** Anything answering lotledger's API at `url`: a server, or a load balancer in front of several. */
export interface Endpoint {
  url: string
}

/** A request to one server (or a load balancer), with the admin token. */
export async function call(to: Endpoint, token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${to.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  })
  const text = await res.text()
  const seq = res.headers.get('lotledger-seq')
  let parsed: any = null
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    // A load balancer's own error page (502, 503) is not JSON.
    parsed = { error: { code: 'not_json', message: text.slice(0, 200) } }
  }
  return { status: res.status, body: parsed, seq: seq === null ? null : Number(seq), retryAfter: res.headers.get('retry-after') }
}

export const health = async (to: Endpoint) =>
  (await (await fetch(`${to.url}/api/v1/health`, { signal: AbortSignal.timeout(10_000) })).json()) as { role: string; seq: number; store: string }

/** A one-line receipt of one MILK in `lot`. */
export const receipt = (id: string, lot = 'L1') => ({ id, type: 'receipt', reference: `IN/${id}`, lines: [{ product: 'MILK', qty: 1, lot }] })

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Waits until `check` holds, polling; fails with `what` after `ms`. */
export async function until(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(50)
  }
}

export interface Cluster {
  url: string
  servers: RunningServer[]
  token: string
}

/**
 * `n` servers on database `db`: the first writes and made `default` (its admin token), the
 * others follow; product MILK exists.
 */
export async function startCluster(db: string, n: number, dataDir: () => Promise<string>): Promise<Cluster> {
  const first = await startServerProcess(await dataDir(), { DATABASE_URL: db })
  const servers = [first]
  for (let i = 1; i < n; i++) servers.push(await startServerProcess(await dataDir(), { DATABASE_URL: db }))
  expect(first.printedToken).toMatch(/^ll_/)
  expect(await health(first)).toMatchObject({ store: 'postgres', role: 'writer' })
  for (const s of servers.slice(1)) expect(await health(s)).toMatchObject({ store: 'postgres', role: 'follower' })
  const token = first.printedToken!
  expect((await call(first, token, 'PUT', '/products/MILK', { name: 'Milk', tracking: 'lot' })).status).toBe(201)
  return { url: db, servers, token }
}

/** What a server's ledger holds, as its API answers it: equal on servers that converged. */
export async function digest(server: Endpoint, token: string): Promise<string> {
  const moves: unknown[] = []
  for (let cursor: string | null = ''; cursor !== null;) {
    const page = await call(server, token, 'GET', `/moves?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
    moves.push(...page.body.moves)
    cursor = page.body.next ?? null
  }
  const stock = await call(server, token, 'GET', '/stock')
  const lots = await call(server, token, 'GET', '/lots?limit=1000')
  return JSON.stringify([moves, stock.body, lots.body])
}

/** Every server at the same journal position, answering the same ledger. */
export async function expectConverged(servers: Endpoint[], token: string, ms = 15_000): Promise<void> {
  const seqs = async () => Promise.all(servers.map(async (s) => (await health(s)).seq))
  await until('every server at the same journal position', async () => new Set(await seqs()).size === 1, ms)
  const digests = await Promise.all(servers.map((s) => digest(s, token)))
  for (const d of digests) expect(d).toBe(digests[0])
}
