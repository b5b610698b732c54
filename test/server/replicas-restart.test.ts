/**
 * Several servers on one PostgreSQL database that goes away and comes back: each test has a
 * throwaway PostgreSQL of its own, stopped and started again under the servers' feet. Writes are
 * refused meanwhile (503, a code, Retry-After), never half-applied; the servers recover by
 * themselves, and every acknowledged write is kept exactly once.
 */
import postgres from 'postgres'
import { afterEach, describe, expect, it } from 'vitest'
import { call, expectConverged, health, receipt, sleep, startCluster, until, type Answer } from '../helpers/cluster'
import { postgresSkipped, startPostgres, type ThrowawayPostgres } from '../helpers/postgres'
import { killStarted } from '../helpers/process'
import { tempDirs } from '../helpers/temp'

const temp = tempDirs()

const acknowledged = (r: Answer | null): boolean => !!r && (r.status === 201 || r.status === 200)

describe.skipIf(postgresSkipped())('several servers while PostgreSQL restarts', () => {
  let own: ThrowawayPostgres | null = null
  afterEach(async () => {
    await killStarted()
    await own?.dispose()
    own = null
    await temp.cleanup()
  })

  it('answer 503 with a code and Retry-After while the database is away, and recover by themselves', { timeout: 180_000 }, async () => {
    own = await startPostgres()
    const { servers, token } = await startCluster(await own.createDatabase(), 2, () => temp.make())
    const [writer, follower] = servers
    expect((await call(follower, token, 'POST', '/operations', receipt('kept'))).status).toBe(201)
    await own.stop('fast')
    const refused = await call(writer, token, 'POST', '/operations', receipt('while-away'))
    expect(refused.status).toBe(503)
    expect(['database_unavailable', 'writer_unavailable']).toContain(refused.body.error.code)
    expect(Number(refused.retryAfter)).toBeGreaterThan(0)
    await own.start()
    // Writes through either server work again without a restart.
    for (const [i, via] of [follower, writer, follower].entries()) {
      await until(`a write through server ${i} after the database returned`, async () => {
        const r = await call(via, token, 'POST', '/operations', receipt(`back-${i}`))
        return r.status === 201 || r.status === 200
      }, 30_000)
    }
    const gone = await call(follower, token, 'GET', '/operations/while-away')
    expect(gone.status).toBe(404)
    await expectConverged(servers, token)
  })

  for (const mode of ['fast', 'immediate'] as const) {
    it(`keep every acknowledged write exactly once when PostgreSQL stops (${mode}) and starts again under continuous writes`, { timeout: 240_000 }, async () => {
      own = await startPostgres()
      const { url, servers, token } = await startCluster(await own.createDatabase(), 3, () => temp.make())
      const acked = new Map<string, number>()
      /** Ids refused and never sent again by their client. */
      const abandoned = new Set<string>()
      const refusals: string[] = []
      let stop = false
      let down = false
      let refusedWhileDown = 0
      // Six clients without pause, each through all three servers in turn (the writer too). The
      // even ones send a refused write again with the same id and content, as a client of a load
      // balancer does; the odd ones give it up and go on with the next.
      const client = async (c: number) => {
        for (let i = 0; !stop; i++) {
          const id = `r-${c}-${i}`
          for (let attempt = 0; ; attempt++) {
            const via = servers[(c + i + attempt) % servers.length]
            const reply = await call(via, token, 'POST', '/operations', receipt(id, `L${c}`)).catch((err: Error) => err)
            if (!(reply instanceof Error) && acknowledged(reply)) {
              acked.set(id, reply.status)
              break
            }
            if (down) refusedWhileDown++
            refusals.push(reply instanceof Error ? `error ${reply.message}` : `${reply.status} ${reply.body?.error?.code} retry-after ${reply.retryAfter}: ${reply.body?.error?.message}`)
            await sleep(100)
            if (c % 2 === 1) {
              abandoned.add(id)
              break
            }
          }
        }
      }
      const clients = Array.from({ length: 6 }, (_, c) => client(c))
      const explain = (err: Error) => {
        stop = true
        throw new Error(`${err.message} (${acked.size} acknowledged); refusals:\n${refusals.slice(-20).join('\n')}\n${servers.map((s) => s.proc.describe()).join('\n')}`)
      }
      await until('writes before the stop', async () => acked.size >= 30, 30_000).catch(explain)
      down = true
      await own.stop(mode)
      await sleep(2_000)
      await own.start()
      down = false
      const before = acked.size
      await until('writes after the database returned', async () => acked.size >= before + 60, 60_000).catch(explain)
      stop = true
      await Promise.all(clients)

      // Writes were refused while the database was away, each saying why and when to try again.
      expect(refusedWhileDown).toBeGreaterThan(0)
      for (const r of refusals) expect(r).toMatch(/^503 (database_unavailable|writer_unavailable) retry-after [1-9]/)
      expect((await Promise.all(servers.map(async (s) => (await health(s)).role))).sort()).toEqual(['follower', 'follower', 'writer'])
      await expectConverged(servers, token, 30_000)

      // Every acknowledged operation is there, through every server.
      for (const [n, id] of [...acked.keys()].entries()) {
        const read = await call(servers[n % servers.length], token, 'GET', `/operations/${id}`)
        expect(read.status, id).toBe(200)
      }
      // A refused one given up is there exactly once (committed, its answer lost) or not at all:
      // every server says the same. Sent again with the same id, it is then there exactly once.
      for (const id of abandoned) {
        const reads = await Promise.all(servers.map(async (s) => (await call(s, token, 'GET', `/operations/${id}`)).status))
        expect(new Set(reads).size, `${id}: ${reads}`).toBe(1)
        expect([200, 404]).toContain(reads[0])
        let again: Answer | null = null
        await until(`${id} sent again`, async () => acknowledged((again = await call(servers[0], token, 'POST', '/operations', receipt(id, `L${id.split('-')[1]}`)))))
        expect(again!.status, id).toBe(reads[0] === 200 ? 200 : 201)
      }
      await expectConverged(servers, token, 30_000)

      // Exactly once in the journal and the SQL tables: one operation row, one move, one unit of stock each.
      const sql = postgres(url, { onnotice: () => {}, max: 1 })
      try {
        const ops = await sql<Array<{ id: string; n: number }>>`select id, count(*)::int as n from ledger.operations where id like 'r-%' group by id`
        const counts = new Map(ops.map((r) => [r.id, r.n]))
        for (const id of [...acked.keys(), ...abandoned]) expect(counts.get(id), id).toBe(1)
        for (const r of ops) expect(r.n, r.id).toBe(1)
        const moves = await sql<Array<{ operation: string; n: number }>>`select operation, count(*)::int as n from ledger.moves where operation like 'r-%' group by operation`
        expect(moves.length).toBe(ops.length)
        for (const m of moves) expect(m.n, m.operation).toBe(1)
        const [{ n, last }] = await sql<Array<{ n: number; last: number }>>`select count(*)::int as n, max(seq)::int as last from lotledger.journal`
        expect(n, 'journal without gaps').toBe(last)
        const stock = await call(servers[1], token, 'GET', '/stock?product=MILK')
        expect(stock.body.quants.reduce((sum: number, q: { qty: number }) => sum + q.qty, 0)).toBe(ops.length)
      } finally {
        await sql.end()
      }
    })
  }
})
