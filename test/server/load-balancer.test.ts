/**
 * docs/scaling.md's load balancer, for real: HAProxy with the shipped configuration
 * (docs/scaling/haproxy.cfg) in front of three servers on a throwaway PostgreSQL. Writes and reads
 * go through it only, before and after the writer is killed.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { call, expectConverged, health, receipt, sleep, startCluster, until, type Answer } from '../helpers/cluster'
import { startHaproxy, type RunningBalancer } from '../helpers/haproxy'
import { postgresForProcesses, postgresSkipped, type ThrowawayPostgres } from '../helpers/postgres'
import { tempDirs } from '../helpers/temp'
import { toolSkipped } from '../helpers/tools'

const temp = tempDirs()
const ok = (r: Answer) => r.status === 201 || r.status === 200

describe.skipIf(postgresSkipped() || toolSkipped('haproxy'))('HAProxy in front of three servers (docs/scaling/haproxy.cfg)', () => {
  let pg: ThrowawayPostgres
  let balancer: RunningBalancer | null = null
  postgresForProcesses(temp, (started) => (pg = started))
  afterEach(async () => {
    await balancer?.stop()
    balancer = null
  })

  it('takes writes and reads through the balancer, and keeps doing so once the writer is killed', { timeout: 180_000 }, async () => {
    const { servers, token } = await startCluster(await pg.createDatabase(), 3, () => temp.make())
    const lb = (balancer = await startHaproxy(servers.map((s) => s.url)))
    const explain = (err: Error) => {
      throw new Error(`${err.message}\n--- haproxy ---\n${lb.log()}\n${servers.map((s) => s.proc.describe()).join('\n')}`)
    }

    // Round robin, two requests a round: the writes land on all three servers, followers passing theirs on.
    for (let i = 0; i < 30; i++) {
      const reply = await call(lb, token, 'POST', '/operations', receipt(`lb-${i}`))
      expect(reply.status, `lb-${i}: ${JSON.stringify(reply.body)}`).toBe(201)
      // Read-your-writes through whichever server the balancer picks next.
      const read = await call(lb, token, 'GET', `/operations/lb-${i}`, undefined, { 'Lotledger-Min-Seq': String(reply.seq) })
      expect(read.status).toBe(200)
    }
    const roles = new Set<string>()
    for (let i = 0; i < 6; i++) roles.add((await health(lb)).role)
    expect([...roles].sort()).toEqual(['follower', 'writer'])
    await expectConverged(servers, token)

    // The writer dies. Clients of the balancer resend a refused write with the same id.
    const writer = servers[0]
    expect(await health(writer)).toMatchObject({ role: 'writer' })
    writer.proc.child.kill('SIGKILL')
    const killed = Date.now()
    const refusals: string[] = []
    let firstAck = 0
    for (let i = 0; i < 30; i++) {
      const id = `after-${i}`
      await until(`${id} through the balancer`, async () => {
        const reply = await call(lb, token, 'POST', '/operations', receipt(id))
        if (!ok(reply)) refusals.push(`${reply.status} ${reply.body?.error?.code}`)
        return ok(reply)
      }, 30_000).catch(explain)
      firstAck ||= Date.now()
    }
    expect(firstAck - killed, `first write acknowledged ${firstAck - killed} ms after the kill`).toBeLessThanOrEqual(10_000)
    // While a new writer was chosen: 503 with a code, or HAProxy's 502 for a request the dead server had taken.
    for (const r of refusals) expect(r).toMatch(/^(503 (writer_unavailable|database_unavailable)|502 not_json)$/)

    // Once the health check has taken the dead server out, nothing more is refused: reads and
    // writes alike are answered by the two left.
    await sleep(3_000)
    let lastSeq = 0
    for (let i = 0; i < 20; i++) {
      const write = await call(lb, token, 'POST', '/operations', receipt(`settled-${i}`))
      expect(write.status, `settled-${i}: ${write.status} ${JSON.stringify(write.body)}`).toBe(201)
      const read = await call(lb, token, 'GET', `/operations/settled-${i}`, undefined, { 'Lotledger-Min-Seq': String(write.seq) })
      expect(read.status).toBe(200)
      lastSeq = write.seq ?? lastSeq
    }
    // Whichever server answers, it answers with every write so far (a follower may be a few records behind otherwise).
    const stock = await call(lb, token, 'GET', '/stock?product=MILK', undefined, { 'Lotledger-Min-Seq': String(lastSeq) })
    expect(stock.body.quants.reduce((n: number, q: { qty: number }) => n + q.qty, 0)).toBe(80)
    const alive = servers.filter((s) => s !== writer)
    expect((await Promise.all(alive.map(async (s) => (await health(s)).role))).sort()).toEqual(['follower', 'writer'])
    await expectConverged(alive, token)
  })
})
