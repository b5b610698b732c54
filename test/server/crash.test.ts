/**
 * Crash safety of the real server: many clients write, the process is killed with SIGKILL while
 * requests are in flight, and a restart on the same data directory must hold every acknowledged
 * operation, nothing half-applied, and stock that matches its moves.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { expectStockConsistent, allMoves, allOperations } from '../helpers/ledger-http'
import { killStarted, startServerProcess, type RunningServer } from '../helpers/process'
import { client, type Client } from '../helpers/server'
import { tempDirs } from '../helpers/temp'

const temp = tempDirs()
const ADMIN = 'crash-test-admin-secret-0123456789'
const CLIENTS = 16
/** Upper bounds on each round of load, whatever happens. */
const MAX_OPS_PER_CLIENT = 150
const ROUND_DEADLINE_MS = 20_000

afterAll(async () => {
  await killStarted()
  await temp.cleanup()
})

type Outcome = 'acked' | 'rejected' | 'failed' | 'unknown'

interface Submission {
  id: string
  body: Record<string, unknown>
  outcome: Outcome
  status?: number
  /** The server's answer to an acknowledged write (absent if the body was cut off). */
  answer?: any
}

/** POSTs an operation; a network error (the server died) is 'unknown', not an exception. */
async function submit(url: string, body: Record<string, unknown>): Promise<Pick<Submission, 'outcome' | 'status' | 'answer'>> {
  let res: Response
  try {
    res = await fetch(`${url}/api/v1/operations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    })
  } catch {
    return { outcome: 'unknown' }
  }
  // The status line arrives only after the write is durable: from here on it counts as acknowledged.
  const answer = await res.json().catch(() => undefined)
  if (res.status === 200 || res.status === 201) return { outcome: 'acked', status: res.status, answer }
  return { outcome: res.status >= 500 ? 'failed' : 'rejected', status: res.status, answer }
}

/** The operations client `c` sends in a round: receipts into its own lot, deliveries out of it. */
function operationBody(round: number, c: number, k: number): Record<string, unknown> {
  const id = `r${round}-c${c}-${k}`
  const lot = `LOT-R${round}-C${c}`
  if (k % 2 === 0) {
    return {
      id, type: 'receipt', reference: `WH/IN/${id}`, partner: 'Vendor – Crème',
      lines: [{ product: 'LOTTED', qty: 10, lot }, { product: 'PLAIN', qty: '5.25' }],
    }
  }
  // Each client delivers less than its own acknowledged receipts, so deliveries never lack stock.
  return {
    id, type: 'delivery', reference: `WH/OUT/${id}`,
    lines: [{ product: 'LOTTED', qty: 2.5, lot }, { product: 'PLAIN', qty: '1.125' }],
  }
}

interface KillPlan {
  /** Kill once this many writes of the round were acknowledged... */
  afterAcks?: number
  /** ...or this long after the round's first acknowledgement. */
  afterMs?: number
}

/** Runs the clients against `server` until it is SIGKILLed per `plan`; returns what they sent. */
async function loadAndKill(server: RunningServer, round: number, plan: KillPlan): Promise<{ submissions: Submission[]; inFlightAtKill: number }> {
  const submissions: Submission[] = []
  let acks = 0
  let inFlight = 0
  let inFlightAtKill = -1
  let timer: NodeJS.Timeout | undefined
  const kill = () => {
    if (inFlightAtKill >= 0) return
    inFlightAtKill = inFlight
    server.proc.child.kill('SIGKILL')
  }
  const deadline = Date.now() + ROUND_DEADLINE_MS

  const runClient = async (c: number) => {
    for (let k = 0; k < MAX_OPS_PER_CLIENT && Date.now() < deadline && inFlightAtKill < 0; k++) {
      const s: Submission = { id: '', body: operationBody(round, c, k), outcome: 'unknown' }
      s.id = s.body.id as string
      submissions.push(s)
      inFlight++
      Object.assign(s, await submit(server.url, s.body))
      inFlight--
      if (s.outcome === 'acked') {
        acks++
        if (acks === 1 && plan.afterMs !== undefined) timer = setTimeout(kill, plan.afterMs)
        if (plan.afterAcks !== undefined && acks >= plan.afterAcks) kill()
      }
      if (s.outcome !== 'acked') break
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => runClient(c)))
  clearTimeout(timer)
  // Bounded load ran out before the planned moment: kill anyway (the checks still hold).
  kill()
  const exit = await server.proc.exited
  expect(exit.signal).toBe('SIGKILL')
  return { submissions, inFlightAtKill }
}

/** Runs `fn` over `items` with at most `width` at a time. */
async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++])
  }))
}

/** A body as the server keeps it: quantities sent as decimal strings are stored as numbers. */
function parsed(body: Record<string, unknown>): Record<string, unknown> {
  const lines = (body.lines as Array<Record<string, unknown>>).map((l) => ({ ...l, qty: Number(l.qty) }))
  return { ...body, lines }
}

/** Everything a restarted server must show about the submissions so far. */
async function verify(admin: Client, all: Submission[]): Promise<void> {
  expect(all.filter((s) => s.outcome === 'failed').map((s) => `${s.id}: ${s.status} ${JSON.stringify(s.answer)}`)).toEqual([])

  const present = new Map<string, any>()
  const absent = new Set<string>()
  await pool(all, 16, async (s) => {
    const res = await admin.get(`/operations/${s.id}`)
    expect([200, 404], `GET /operations/${s.id}`).toContain(res.status)
    if (res.status === 200) present.set(s.id, res.body)
    else absent.add(s.id)
  })

  for (const s of all) {
    if (s.outcome === 'acked') {
      expect(present.has(s.id), `acknowledged ${s.id} lost`).toBe(true)
      if (s.answer) expect(present.get(s.id), `acknowledged ${s.id} changed`).toEqual(s.answer)
    }
    if (s.outcome === 'rejected') expect(absent.has(s.id), `rejected ${s.id} (${s.status}) present`).toBe(true)
    const stored = present.get(s.id)
    if (stored) {
      // Whole or nothing: the stored operation is the one submitted, with a move per line.
      expect(stored.operation.request).toEqual(parsed(s.body))
      expect(stored.moves).toHaveLength((s.body.lines as unknown[]).length)
    }
  }

  // The move history holds exactly the moves of the present operations, each once, nothing else.
  const moves = await allMoves(admin)
  const byOp = new Map<string, unknown[]>()
  for (const m of moves) byOp.set(m.operation, [...(byOp.get(m.operation) ?? []), m])
  const submittedIds = new Set(all.map((s) => s.id))
  const opIdsWithMoves = [...byOp.keys()].filter((id) => submittedIds.has(id)).sort()
  expect(opIdsWithMoves).toEqual([...present.keys()].sort())
  for (const [id, op] of present) expect(byOp.get(id), `moves of ${id}`).toEqual(op.moves)
  const listed = (await allOperations(admin)).map((o) => o.id).filter((id) => submittedIds.has(id)).sort()
  expect(listed).toEqual([...present.keys()].sort())

  await expectStockConsistent(admin)
}

/** Retrying acknowledged writes answers the original and writes nothing. */
async function expectReplaysChangeNothing(admin: Client, acked: Submission[]): Promise<void> {
  const health = async () => (await admin.get('/health')).body.records as number
  const recordsBefore = await health()
  const stockBefore = (await admin.get('/stock')).body
  await pool(acked, 16, async (s) => {
    const res = await admin.post('/operations', s.body)
    expect(res.status, `replay of ${s.id}`).toBe(200)
    if (s.answer) expect(res.body).toEqual(s.answer)
  })
  expect(await health()).toBe(recordsBefore)
  expect((await admin.get('/stock')).body).toEqual(stockBefore)
}

describe('crash safety', () => {
  it('keeps every acknowledged operation through SIGKILLs at several moments', { timeout: 180_000 }, async () => {
    const dir = await temp.make('lotledger-crash-')
    let server = await startServerProcess(dir, { LOTLEDGER_ADMIN_TOKEN: ADMIN })
    let admin = client(server.url, ADMIN)
    expect((await admin.put('/products/LOTTED', { name: 'Lot-tracked goods', tracking: 'lot' })).status).toBe(201)
    expect((await admin.put('/products/PLAIN', { name: 'Untracked goods', uom: 'kg' })).status).toBe(201)

    const all: Submission[] = []
    const plans: KillPlan[] = [{ afterAcks: 300 }, { afterAcks: 60 }, { afterMs: 250 }]
    for (const [i, plan] of plans.entries()) {
      const round = i + 1
      const { submissions, inFlightAtKill } = await loadAndKill(server, round, plan)
      all.push(...submissions)
      const acked = submissions.filter((s) => s.outcome === 'acked')
      expect(acked.length, `round ${round} acknowledged writes`).toBeGreaterThanOrEqual(plan.afterAcks ?? 1)
      expect(inFlightAtKill, `round ${round}: requests in flight at the kill`).toBeGreaterThan(0)

      // The dead server's lock is still there; the restart must take it over.
      const killedPid = server.proc.pid
      expect(JSON.parse(await readFile(join(dir, 'LOCK'), 'utf8')).pid).toBe(killedPid)
      server = await startServerProcess(dir, { LOTLEDGER_ADMIN_TOKEN: ADMIN })
      expect(server.proc.pid).not.toBe(killedPid)
      expect(JSON.parse(await readFile(join(dir, 'LOCK'), 'utf8')).pid).toBe(server.proc.pid)
      expect(server.proc.stdout()).not.toContain('created workspace')
      admin = client(server.url, ADMIN)

      await verify(admin, all)
      await expectReplaysChangeNothing(admin, all.filter((s) => s.outcome === 'acked'))
      // Clients retry what they never heard back about: present ones answer 200, absent ones are
      // recorded now. Either way they are acknowledged from here on.
      await pool(all.filter((s) => s.outcome === 'unknown'), 8, async (s) => {
        const res = await submit(server.url, s.body)
        expect(res.outcome, `retry of ${s.id}`).toBe('acked')
        Object.assign(s, res)
      })
    }
    await verify(admin, all)
    const final = await server.proc.stop('SIGTERM')
    expect(final.code).toBe(0)
  })
})
