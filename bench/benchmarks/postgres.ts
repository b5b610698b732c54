/**
 * The ledger on PostgreSQL (issue 12), on a throwaway PostgreSQL of the benchmark's own (as the
 * tests start theirs: scripts/lib/throwaway-postgres.ts), with fsync on as in production:
 *
 * - write p50 of a one-line receipt over HTTP, one at a time, on PostgreSQL and on the file
 *   journal, each a fresh ledger, in the same run (the ratio is what is judged);
 * - throughput with 16 clients on one server, then spread over 3 servers (followers pass writes on);
 * - follower lag under that load: a probe writes through the writer, then reads on a follower with
 *   Lotledger-Min-Seq set to the position the write answered: from the writer's answer (the commit
 *   is done) until the follower's answer (it has applied it), that read's round trip included;
 * - failover: SIGKILL of the writer while clients write through the others, until the first write
 *   sent after the kill is acknowledged;
 * - restart of a server on a database holding the generated ledger (copied with `admin migrate`):
 *   spawn to "listening", and its memory.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import postgres from 'postgres'
import { startThrowawayPostgres } from '../../scripts/lib/throwaway-postgres'
import { findTool } from '../../scripts/lib/tools'
import { BenchClient } from '../lib/http'
import { spawnTsx } from '../lib/proc'
import { table } from '../lib/report'
import { startServer, type RunningServer, type ServerMemory } from '../lib/server'
import { fmtBytes, fmtCount, fmtMs, median, summarize, type Summary } from '../lib/stats'

/** The goals of issue 12. */
export const GOALS = { writeRatio: 3, clusterOpsPerSec: 1_000, failoverMs: 5_000, lagP99Ms: 100, restartMs: 10_000 }

export interface PostgresOptions {
  writeSamples: number
  throughputSeconds: number
  throughputRounds: number
  failovers: number
  /** The generated ledger to restart on (copied into the database), or null to leave that out. */
  ledger: { dir: string; moves: number; operations: number } | null
  starts: number
  log: (m: string) => void
}

interface Throughput {
  opsPerSec: number
  rounds: number[]
  latency: Summary
}

export interface PostgresResult {
  postgresVersion: string
  write: { file: Summary; postgres: Summary; ratio: number }
  /** 16 clients on one server with the file journal, in the same run. */
  fileServer: Throughput
  oneServer: Throughput
  threeServers: Throughput
  lag: Summary
  failoverMs: number[]
  restart: null | {
    moves: number
    operations: number
    records: number
    migrateSeconds: number
    databaseBytes: number
    startsMs: number[]
    /** CPU time (user + system) each start used until "listening": less swayed than wall time by other load. */
    cpuMs: Array<number | null>
    medianMs: number
    memory: ServerMemory | null
  }
}

const PRODUCT = 'PGBENCH'
const PRINTED_TOKEN = /admin token \(shown once, keep it\): (ll_\S+)/

/** A one-line receipt of a new lot, `key` making its id and lot unique. */
const receipt = (key: string) => ({ type: 'receipt', id: `pg-${key}`, reference: `PG/IN/${key}`, lines: [{ product: PRODUCT, lot: `P-${key}`, qty: 10 }] })

interface Node {
  server: RunningServer
  client: BenchClient
  dir: string
}

/** Why the PostgreSQL benchmarks cannot run here, or null when they can. */
export function postgresMissing(): string | null {
  const found = findTool('postgres')
  return found.found ? null : `PostgreSQL's server programs: ${found.reason} (install Debian's postgresql package, or set PG_INITDB)`
}

/** The benchmarks, or a thrown error; the caller checks postgresMissing() first. */
export async function benchPostgres(o: PostgresOptions): Promise<PostgresResult> {
  const found = findTool('postgres')
  if (!found.found) throw new Error(found.reason)
  const pg = await startThrowawayPostgres({ initdb: found.path, fsync: true })
  const dirs: string[] = []
  const nodes: Node[] = []
  const tempDir = async () => {
    const d = await mkdtemp(join(tmpdir(), 'lotledger-bench-pg-'))
    dirs.push(d)
    return d
  }
  /** A server on `db` (a file ledger without one); its token when it made the workspace. */
  const start = async (db: string | null): Promise<Node & { token: string | null }> => {
    const dir = await tempDir()
    const server = await startServer(dir, 600_000, db ? { DATABASE_URL: db } : {})
    const node = { server, client: new BenchClient(server.url, 'none', 4), dir, token: PRINTED_TOKEN.exec(server.output())?.[1] ?? null }
    nodes.push(node)
    return node
  }
  const stopAll = async (list: Node[]) => {
    for (const n of list) {
      n.client.close()
      await n.server.stop()
      if (nodes.includes(n)) nodes.splice(nodes.indexOf(n), 1)
    }
  }
  try {
    const version = await queryOne(pg.url(), 'show server_version')

    o.log(`PostgreSQL ${version}: the file journal first: write latency (${o.writeSamples} writes), throughput with 16 clients`)
    const [fileWrite, fileServer] = await (async () => {
      const n = await start(null)
      try {
        const client = authed(n, n.token!)
        return [await sequentialWrites(client, 'f', o.writeSamples), await throughput([client], o, 'file')] as const
      } finally {
        await stopAll([n])
      }
    })()
    const db = await pg.createDatabase('bench_cluster')
    const first = await start(db)
    const token = first.token
    if (!token) throw new Error(`the first server on PostgreSQL printed no admin token:\n${first.server.output()}`)
    const writer = authed(first, token)
    o.log(`PostgreSQL: write latency (${o.writeSamples} writes)`)
    const pgWrite = await sequentialWrites(writer, 'p', o.writeSamples)

    o.log(`throughput, 16 clients on one server (${o.throughputRounds} rounds of ${o.throughputSeconds} s)`)
    const oneServer = await throughput([writer], o, 'one')

    o.log('two more servers; throughput with 16 clients spread over 3, and follower lag meanwhile')
    const cluster: Node[] = [first, await start(db), await start(db)]
    const clients = () => cluster.map((n) => authed(n, token))
    await until('both followers caught up', async () => {
      const seqs = await Promise.all(clients().map(async (c) => (await health(c)).seq))
      return new Set(seqs).size === 1
    })
    let probing = true
    const lag: number[] = []
    const probe = (async () => {
      const [w, ...followers] = clients()
      for (let i = 0; probing; i++) {
        const wrote = await w.expect(201, 'POST', '/operations', receipt(`lag-${i}`))
        const read = await followers[i % followers.length].expect(200, 'GET', `/products/${PRODUCT}`, undefined, { 'Lotledger-Min-Seq': String(wrote.seq) })
        lag.push(read.ms)
        await sleep(20)
      }
    })()
    const threeServers = await throughput(clients(), o, 'three').finally(() => (probing = false))
    await probe

    o.log(`failover: SIGKILL of the writer while 4 clients write through the others (${o.failovers} times)`)
    const failoverMs: number[] = []
    for (let k = 0; k < o.failovers; k++) {
      const { ms, dead } = await failover(cluster, token, k)
      failoverMs.push(ms)
      o.log(`failover ${k + 1}: first write acknowledged ${fmtMs(ms)} after the kill`)
      cluster.splice(cluster.indexOf(dead), 1)
      await stopAll([dead])
      cluster.push(await start(db))
    }
    await stopAll([...cluster])

    let restart: PostgresResult['restart'] = null
    if (o.ledger) {
      const { dir, moves, operations } = o.ledger
      o.log(`restart at ${fmtCount(moves)} moves: copying the generated ledger into PostgreSQL (admin migrate)`)
      const big = await pg.createDatabase('bench_restart')
      const t0 = performance.now()
      await migrate(dir, big)
      const migrateSeconds = (performance.now() - t0) / 1000
      o.log(`copied in ${migrateSeconds.toFixed(0)} s; ${o.starts} starts`)
      const startsMs: number[] = []
      const cpuMs: Array<number | null> = []
      const seen: ServerMemory[] = []
      let records = 0
      for (let k = 0; k < o.starts; k++) {
        const n = await start(big)
        startsMs.push(n.server.startMs)
        cpuMs.push(await n.server.cpuMs())
        await sleep(1_000)
        const m = await n.server.memory()
        if (m) seen.push(m)
        records = (await health(n.client)).seq
        const notice = /journal: .*$/m.exec(n.server.output())
        await stopAll([n])
        if (notice) throw new Error(`restart on PostgreSQL: the server reported "${notice[0]}"`)
      }
      const databaseBytes = Number(await queryOne(big, 'select pg_database_size(current_database())'))
      restart = {
        moves, operations, records, migrateSeconds, databaseBytes, startsMs, cpuMs, medianMs: median(startsMs),
        memory: seen.length ? { rss: Math.max(...seen.map((m) => m.rss)), hwm: Math.max(...seen.map((m) => m.hwm)) } : null,
      }
    }
    return {
      postgresVersion: version,
      write: { file: fileWrite, postgres: pgWrite, ratio: pgWrite.p50 / fileWrite.p50 },
      fileServer, oneServer, threeServers, lag: summarize(lag), failoverMs, restart,
    }
  } finally {
    await stopAll([...nodes]).catch(() => {})
    for (const c of authedClients.values()) c.close()
    authedClients.clear()
    await pg.dispose()
    for (const d of dirs) await rm(d, { recursive: true, force: true })
  }
}

/** Kills the writer while 4 clients write through the others: ms to the first write sent after the kill and acknowledged. */
async function failover(cluster: Node[], token: string, k: number): Promise<{ ms: number; dead: Node }> {
  const roles = await Promise.all(cluster.map(async (n) => (await health(authed(n, token))).role))
  const writer = cluster[roles.indexOf('writer')]
  if (!writer) throw new Error(`no writer among ${roles.join(', ')}`)
  const others = cluster.filter((n) => n !== writer).map((n) => authed(n, token))
  let killedAt = Infinity
  let firstAck = 0
  let stop = false
  const worker = async (w: number) => {
    for (let i = 0; !stop; i++) {
      const sent = performance.now()
      const r = await others[w % others.length].send('POST', '/operations', receipt(`fo${k}-${w}-${i}`)).catch(() => null)
      if (r?.status === 201 && sent >= killedAt && !firstAck) firstAck = performance.now()
      if (r?.status !== 201) await sleep(20)
    }
  }
  const workers = Array.from({ length: 4 }, (_, w) => worker(w))
  await sleep(1_000)
  process.kill(writer.server.pid, 'SIGKILL')
  killedAt = performance.now()
  await until('a write acknowledged after the kill', async () => firstAck > 0, 60_000).finally(() => (stop = true))
  await Promise.all(workers)
  return { ms: firstAck - killedAt, dead: writer }
}

/** A client of `node` with `token`. */
function authed(node: Node, token: string): BenchClient {
  const key = `${node.server.url} ${token}`
  let c = authedClients.get(key)
  if (!c) authedClients.set(key, (c = new BenchClient(node.server.url, token, 24)))
  return c
}
const authedClients = new Map<string, BenchClient>()

async function health(client: BenchClient): Promise<{ role: string; seq: number }> {
  return JSON.parse((await client.send('GET', '/health')).body) as { role: string; seq: number }
}

async function until(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = performance.now() + ms
  while (!(await check().catch(() => false))) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(10)
  }
}

async function queryOne(url: string, query: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    const rows = await sql.unsafe(query)
    return String(Object.values(rows[0] as Record<string, unknown>)[0])
  } finally {
    await sql.end()
  }
}

/** A product to receive, then `samples` one-line receipts one at a time (after 50 to warm up). */
async function sequentialWrites(client: BenchClient, prefix: string, samples: number): Promise<Summary> {
  await client.expect(201, 'PUT', `/products/${PRODUCT}`, { name: 'PostgreSQL bench', tracking: 'lot' })
  for (let i = 0; i < 50; i++) await client.expect(201, 'POST', '/operations', receipt(`${prefix}w${i}`))
  const ms: number[] = []
  for (let i = 0; i < samples; i++) ms.push((await client.expect(201, 'POST', '/operations', receipt(`${prefix}${i}`))).ms)
  return summarize(ms)
}

/** 16 clients, client w on server w mod n; the median of the rounds. */
async function throughput(servers: BenchClient[], o: PostgresOptions, prefix: string): Promise<Throughput> {
  const round = async (r: string, maxMs: number) => {
    const ms: number[] = []
    const t0 = performance.now()
    const worker = async (w: number) => {
      for (let i = 0; performance.now() - t0 < maxMs; i++) ms.push((await servers[w % servers.length].expect(201, 'POST', '/operations', receipt(`${prefix}${r}-${w}-${i}`))).ms)
    }
    await Promise.all(Array.from({ length: 16 }, (_, w) => worker(w)))
    const seconds = (performance.now() - t0) / 1000
    return { opsPerSec: ms.length / seconds, latency: summarize(ms) }
  }
  await round('warm', 2_000)
  const rounds = []
  for (let r = 0; r < o.throughputRounds; r++) rounds.push(await round(String(r), o.throughputSeconds * 1000))
  const mid = [...rounds].sort((a, b) => a.opsPerSec - b.opsPerSec)[Math.floor(rounds.length / 2)]
  return { ...mid, rounds: rounds.map((r) => r.opsPerSec) }
}

/** `npm run admin -- migrate` of the stopped file ledger `dir` into the empty database `url`. */
function migrate(dir: string, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnTsx('server/admin/cli.ts', ['migrate', '--data-dir', dir, '--to', url], { stderr: 'pipe', nodeArgs: ['--max-old-space-size=8192'] })
    let out = ''
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (out = (out + d).slice(-4000)))
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (out = (out + d).slice(-4000)))
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`admin migrate failed (${signal ?? `exit ${code}`}):\n${out}`))))
  })
}

const ratio = (x: number) => `${x.toFixed(2)}×`
const perSec = (x: number) => `${Math.round(x).toLocaleString('en-US')}/s`
const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL')

/** The PostgreSQL table: file journal and PostgreSQL side by side where both apply, against the goals. */
export function renderPostgres(r: PostgresResult): string {
  const rows: string[][] = [
    ['write p50: 1-line receipt over HTTP, one at a time, fresh ledger', fmtMs(r.write.file.p50), fmtMs(r.write.postgres.p50), `≤ ${GOALS.writeRatio}× file`, `${pass(r.write.ratio <= GOALS.writeRatio)} (${ratio(r.write.ratio)})`],
    ['write p99', fmtMs(r.write.file.p99), fmtMs(r.write.postgres.p99), '', ''],
    ['throughput: 16 clients on one server (the writer), median round', perSec(r.fileServer.opsPerSec), perSec(r.oneServer.opsPerSec), '', ''],
    ['throughput: 16 clients spread over 3 servers, median round', '', perSec(r.threeServers.opsPerSec), `≥ ${perSec(GOALS.clusterOpsPerSec)}`, pass(r.threeServers.opsPerSec >= GOALS.clusterOpsPerSec)],
    ['— its write p50 / p99', '', `${fmtMs(r.threeServers.latency.p50)} / ${fmtMs(r.threeServers.latency.p99)}`, '', ''],
    [`follower lag under that load (commit to visible on a follower), p50 / p99 of ${r.lag.n}`, '', `${fmtMs(r.lag.p50)} / ${fmtMs(r.lag.p99)}`, `p99 ≤ ${GOALS.lagP99Ms} ms`, pass(r.lag.p99 <= GOALS.lagP99Ms)],
    [
      `failover: SIGKILL of the writer to the first acknowledged write on another server (${r.failoverMs.length} times: worst)`, '',
      `${fmtMs(Math.max(...r.failoverMs))} (${r.failoverMs.map(fmtMs).join(', ')})`, `≤ ${GOALS.failoverMs / 1000} s`, pass(Math.max(...r.failoverMs) <= GOALS.failoverMs),
    ],
  ]
  if (r.restart) {
    const s = r.restart
    rows.push(
      [`restart of a server at ${fmtCount(s.moves)} moves from the database, median of ${s.startsMs.length}`, '', `${fmtMs(s.medianMs)} (${s.startsMs.map(fmtMs).join(', ')}; CPU ${s.cpuMs.map((c) => (c === null ? 'n/a' : fmtMs(c))).join(', ')})`, `≤ ${GOALS.restartMs / 1000} s at 1M`, pass(s.medianMs <= GOALS.restartMs)],
      ['— its RSS after start / peak (VmHWM)', '', s.memory ? `${fmtBytes(s.memory.rss)} / ${fmtBytes(s.memory.hwm)}` : 'n/a', '', ''],
      [`— the database: ${s.records.toLocaleString('en-US')} records, ${s.operations.toLocaleString('en-US')} operations`, '', `${fmtBytes(s.databaseBytes)} on disk; admin migrate took ${s.migrateSeconds.toFixed(0)} s`, '', ''],
    )
  }
  return `### The ledger on PostgreSQL (${r.postgresVersion}, fsync on)\n\n${table(['Metric', 'File journal', 'PostgreSQL', 'Goal', 'Result'], rows)}`
}
