/**
 * Several servers on one PostgreSQL database: one writes, the others follow and pass writes on;
 * failover when the writer dies or pauses, fencing of a paused writer, read-your-writes through
 * a follower. A database that goes away and comes back: replicas-restart.test.ts.
 */
import postgres from 'postgres'
import { describe, expect, it } from 'vitest'
import { call, expectConverged, health, receipt, sleep, startCluster, until, type Cluster } from '../helpers/cluster'
import { postgresForProcesses, postgresSkipped, type ThrowawayPostgres } from '../helpers/postgres'
import { tempDirs } from '../helpers/temp'

const temp = tempDirs()

describe.skipIf(postgresSkipped())('several servers on one database', () => {
  let pg: ThrowawayPostgres
  postgresForProcesses(temp, (started) => (pg = started))

  /** `n` servers on a new database (or `url`): the first writes and made `default`; its admin token. */
  const cluster = async (n: number, url?: string): Promise<Cluster> => startCluster(url ?? (await pg.createDatabase()), n, () => temp.make())

  it('take writes through any of three servers, and read them back through any with Lotledger-Min-Seq', { timeout: 120_000 }, async () => {
    const { servers, token } = await cluster(3)
    const [, followerA, followerB] = servers
    for (let i = 0; i < 30; i++) {
      const via = servers[i % 3]
      const reply = await call(via, token, 'POST', '/operations', receipt(`op-${i}`))
      expect(reply.status, `op-${i} through server ${i % 3}`).toBe(201)
      // The writer's position after this write, whichever server took the request.
      expect(reply.seq).toBeGreaterThan(0)
      // Read-your-writes through the other follower, at once.
      const reader = via === followerA ? followerB : followerA
      const read = await call(reader, token, 'GET', `/operations/op-${i}`, undefined, { 'Lotledger-Min-Seq': String(reply.seq) })
      expect(read.status, `op-${i} read back`).toBe(200)
      expect(read.seq).toBeGreaterThanOrEqual(reply.seq!)
    }
    // A position no server has reached: 503 with the code and when to try again.
    const ahead = await call(followerA, token, 'GET', '/stock', undefined, { 'Lotledger-Min-Seq': '999999' })
    expect(ahead.status).toBe(503)
    expect(ahead.body.error.code).toBe('seq_not_reached')
    expect(Number(ahead.retryAfter)).toBeGreaterThan(0)
    // The writer's refusal comes back through a follower as the writer gave it.
    const changed = await call(followerA, token, 'POST', '/operations', { ...receipt('op-0'), reference: 'IN/changed' })
    expect(changed.status).toBe(409)
    expect(changed.body.error.code).toBe('exists_with_different_fields')
    // A body past the upload limit is refused through a follower too (which reads no more of it than the limit).
    const huge = await fetch(`${followerB.url}/api/v1/imports?kind=receipts`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: new Uint8Array(65 * 1024 * 1024),
    })
    expect(huge.status).toBe(413)
    expect((await huge.json()).error.code).toBe('payload_too_large')
    const stock = await call(followerB, token, 'GET', '/stock?product=MILK')
    expect(stock.body.quants.reduce((n: number, q: { qty: number }) => n + q.qty, 0)).toBe(30)
    await expectConverged(servers, token)
  })

  it('fail over within 5 s when the writer is killed under load: every acknowledged write once, every server converging', { timeout: 180_000 }, async () => {
    const { url, servers, token } = await cluster(3)
    const [writer, ...followers] = servers
    const acknowledged = new Set<string>()
    const refusals: string[] = []
    let killedAt = 0
    let firstAfterKill = 0
    let stop = false
    // Four clients on each follower; each retries a refused write (same id, same content) as a client of a load balancer does.
    const client = async (c: number) => {
      for (let i = 0; !stop; i++) {
        const id = `k-${c}-${i}`
        for (;;) {
          const via = followers[(c + i) % followers.length]
          const reply = await call(via, token, 'POST', '/operations', receipt(id, `L${c}`)).catch(() => null)
          if (reply && (reply.status === 201 || reply.status === 200)) {
            acknowledged.add(id)
            if (killedAt && !firstAfterKill) firstAfterKill = Date.now()
            break
          }
          if (reply) refusals.push(`${reply.status} ${reply.body?.error?.code} retry-after ${reply.retryAfter}: ${reply.body?.error?.message}`)
          await sleep(100)
        }
      }
    }
    const clients = Array.from({ length: 8 }, (_, c) => client(c))
    const explain = (err: Error) => {
      stop = true
      throw new Error(`${err.message} (${acknowledged.size} acknowledged); refusals:\n${refusals.slice(-20).join('\n')}\n${servers.map((f) => f.proc.describe()).join('\n')}`)
    }
    await until('writes before the kill', async () => acknowledged.size >= 40, 30_000).catch(explain)
    writer.proc.child.kill('SIGKILL')
    killedAt = Date.now()
    const failover = firstAfterKill - killedAt
    await until('a write acknowledged after the kill', async () => firstAfterKill > 0, 30_000).catch(explain)
    await until('writes after the failover', async () => acknowledged.size >= 100, 60_000).catch(explain)
    stop = true
    await Promise.all(clients)
    expect(failover, `failover took ${failover} ms`).toBeLessThanOrEqual(5_000)
    // Refused writes said why, and when to try again.
    for (const r of refusals) expect(r).toMatch(/^503 (writer_unavailable|database_unavailable) retry-after [1-9]/)

    const roles = await Promise.all(followers.map(async (s) => (await health(s)).role))
    expect(roles.sort()).toEqual(['follower', 'writer'])
    await expectConverged(followers, token)
    // Every acknowledged operation exactly once, in the journal and the ledger.
    const sql = postgres(url, { onnotice: () => {}, max: 1 })
    try {
      const rows = await sql<Array<{ id: string; n: number }>>`select id, count(*)::int as n from ledger.operations group by id`
      const counts = new Map(rows.map((r) => [r.id, r.n]))
      for (const id of acknowledged) expect(counts.get(id), id).toBe(1)
      const moves = await sql<Array<{ n: number }>>`select count(*)::int as n from ledger.moves where operation like 'k-%'`
      expect(moves[0].n).toBe(rows.filter((r) => r.id.startsWith('k-')).length)
    } finally {
      await sql.end()
    }
  })

  it('fence off a paused writer: another takes over, and the old one, resumed, never appends again', { timeout: 180_000 }, async () => {
    const { url, servers, token } = await cluster(2)
    const [old, other] = servers
    for (let i = 0; i < 5; i++) expect((await call(old, token, 'POST', '/operations', receipt(`before-${i}`))).status).toBe(201)
    const sql = postgres(url, { onnotice: () => {}, max: 1 })
    try {
      const [{ epoch: oldEpoch }] = await sql<Array<{ epoch: string }>>`select epoch from lotledger.lease`
      old.proc.child.kill('SIGSTOP')
      const paused = Date.now()
      // A write sent to the paused writer waits in its socket's queue.
      const toPaused = call(old, token, 'POST', '/operations', receipt('sent-to-paused')).catch((err: Error) => err)
      let tookOver = 0
      await until('a write through the other server', async () => {
        const reply = await call(other, token, 'POST', '/operations', receipt('after-pause'))
        if (reply.status !== 201 && reply.status !== 200) return false
        tookOver = Date.now()
        return true
      }, 30_000)
      expect(tookOver - paused, `takeover took ${tookOver - paused} ms`).toBeLessThanOrEqual(5_000)
      expect(await health(other)).toMatchObject({ role: 'writer' })

      old.proc.child.kill('SIGCONT')
      const answered = await toPaused
      if (answered instanceof Error) throw answered
      const reply = answered
      // Either refused (nothing kept) or passed on to the new writer once the old one knew: never appended by the old one.
      if (reply.status === 503) expect(reply.body.error.code).toBe('writer_unavailable')
      else expect(reply.status).toBe(201)
      for (let i = 0; i < 5; i++) {
        await until(`write ${i} through the resumed server`, async () => {
          const r = await call(old, token, 'POST', '/operations', receipt(`resumed-${i}`))
          return r.status === 201 || r.status === 200
        })
      }
      expect(await health(old)).toMatchObject({ role: 'follower' })

      const rows = await sql<Array<{ seq: string; epoch: string }>>`select seq, epoch from lotledger.journal order by seq`
      const epochs = rows.map((r) => Number(r.epoch))
      // Epochs only grow along the journal: nothing of the old epoch after the takeover.
      for (let i = 1; i < epochs.length; i++) expect(epochs[i]).toBeGreaterThanOrEqual(epochs[i - 1])
      expect(Math.max(...epochs)).toBeGreaterThan(Number(oldEpoch))
      const [{ present }] = await sql<Array<{ present: number }>>`select count(*)::int as present from ledger.operations where id = 'sent-to-paused'`
      expect(present).toBe(reply.status === 201 ? 1 : 0)
      await expectConverged(servers, token)
    } finally {
      old.proc.child.kill('SIGCONT')
      await sql.end()
    }
  })
})
