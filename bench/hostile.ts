/**
 * `node --import tsx bench/hostile.ts [--sizes full|test] [--only name,name]`: every broken and
 * hostile upload of test/helpers/hostile-files.ts, full size, sent to a real server (a fresh one
 * each, on a copy of a small ledger, with a temporary directory of its own), then one honest
 * 100,000-row workbook checked the same way. For each: the answer against the expected one, how
 * long it took, the server's peak RSS (VmHWM) during it, GET /health's latency measured all
 * along (p50, p99, slowest), and the temporary files left behind once answered. Goals: /health
 * p99 at most 100 ms, peak RSS at most 600 MB, no file left. The last line is the result as JSON.
 */
import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { IMPORT_ROWS_MAX } from '../shared/import/kinds'
import { FULL_SIZES, fileUpload, hostileRequests, receiptsWorkbook, TEST_SIZES, type HostileRequest } from '../test/helpers/hostile-files'
import { BenchClient } from './lib/http'
import { HEALTH_P99_GOAL_MS, RSS_GOAL_BYTES, type HostileResult } from './lib/hostile'
import type { BenchMeta } from './lib/meta'
import { runJson } from './lib/proc'
import { startServer } from './lib/server'
import { fmtBytes, fmtMs, summarize } from './lib/stats'

const { values: args } = parseArgs({ options: { sizes: { type: 'string', default: 'full' }, only: { type: 'string' }, 'timeout-seconds': { type: 'string', default: '300' } } })
const log = (m: string) => console.error(`bench hostile: ${m}`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface Answer {
  status: number
  code: string
  message: string
  ms: number
  /** Why no answer came (the connection dropped, the time ran out). */
  failure: string | null
}

/** Sends `h` as it is (no client library re-encoding it) and reads the whole answer. */
function send(url: string, token: string, h: HostileRequest, timeoutMs: number): Promise<Answer> {
  const u = new URL(`${url}/api/v1/imports?${h.query}`)
  return new Promise((resolve) => {
    const t0 = performance.now()
    const done = (a: Omit<Answer, 'ms'>) => resolve({ ...a, ms: performance.now() - t0 })
    const req = request({
      host: u.hostname, port: u.port, method: 'POST', path: `${u.pathname}${u.search}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': h.contentType, 'content-length': h.body.length },
    }, (res) => {
      const chunks: Buffer[] = []
      let bytes = 0
      res.on('data', (c: Buffer) => {
        bytes += c.length
        if (bytes < 1e6) chunks.push(c)
      })
      res.on('end', () => {
        let code = ''
        let message = ''
        if ((res.headers['content-type'] ?? '').includes('json')) {
          try {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: { code: string; message: string } }
            code = body.error?.code ?? ''
            message = body.error?.message ?? ''
          } catch {
            message = `(an answer of ${bytes} bytes)`
          }
        } else message = `(${res.headers['content-type']}, ${bytes} bytes)`
        done({ status: res.statusCode ?? 0, code, message, failure: null })
      })
      res.on('error', (err) => done({ status: 0, code: '', message: '', failure: err.message }))
    })
    req.setTimeout(timeoutMs, () => {
      req.destroy()
      done({ status: 0, code: '', message: '', failure: `no answer within ${timeoutMs / 1000} s` })
    })
    req.on('error', (err) => done({ status: 0, code: '', message: '', failure: err.message }))
    req.end(h.body)
  })
}

/** One request on a fresh server: the answer, the peak RSS, /health all along, temp files left. */
async function measure(ledger: string, dir: string, h: HostileRequest, token: string, timeoutMs: number): Promise<HostileResult> {
  const data = join(dir, `${h.name}-data`)
  const temp = join(dir, `${h.name}-tmp`)
  await cp(ledger, data, { recursive: true })
  await mkdir(temp)
  const server = await startServer(data, 300_000, { TMPDIR: temp })
  const client = new BenchClient(server.url, token, 1)
  try {
    for (let i = 0; i < 20; i++) await client.expect(200, 'GET', '/health')
    // Whatever is there already (tsx's cache) is not the upload's.
    const there = new Set(await readdir(temp))
    const before = (await server.memory())?.rss ?? 0
    await server.resetPeak()
    const latencies: number[] = []
    let running = true
    const health = (async () => {
      while (running) {
        const t0 = performance.now()
        // A connection the server dropped while it was stuck counts with the time it took.
        latencies.push(await client.send('GET', '/health').then((r) => r.ms, () => performance.now() - t0))
        await sleep(10)
      }
    })()
    const answer = await send(server.url, token, h, timeoutMs)
    running = false
    await health
    const peak = (await server.memory())?.hwm ?? 0
    const tempLeft = (await readdir(temp)).filter((name) => !there.has(name)).length
    const s = summarize(latencies)
    const asExpected = answer.status === h.expected.status && answer.code === (h.expected.code ?? '') && h.expected.mentions.every((m) => answer.message.includes(m))
    return {
      name: h.name, what: h.what, bytes: h.body.length,
      status: answer.status, code: answer.code, message: answer.message.slice(0, 300), failure: answer.failure,
      expected: `${h.expected.status} ${h.expected.code}`, asExpected,
      ms: Math.round(answer.ms), rssBeforeBytes: before, peakRssBytes: peak,
      healthSamples: s.n, healthP50Ms: s.p50, healthP99Ms: s.p99, healthMaxMs: s.max, tempFilesLeft: tempLeft,
      pass: asExpected && s.p99 <= HEALTH_P99_GOAL_MS && peak <= RSS_GOAL_BYTES && tempLeft === 0,
    }
  } finally {
    client.close()
    await server.stop()
    await rm(data, { recursive: true, force: true })
    await rm(temp, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'lotledger-bench-hostile-'))
  try {
    const sizes = args.sizes === 'test' ? TEST_SIZES : FULL_SIZES
    log('generating a small ledger (the catalogue and an operator token)')
    const ledger = join(dir, 'ledger')
    const meta = await runJson<BenchMeta>('bench/generate.ts', ['--moves', '1000', '--out', ledger], 10 * 60_000)
    log(`making the hostile files (${args.sizes} size)`)
    const requests = await hostileRequests(sizes)
    // Honest workbooks as yardsticks: their dry runs read every row and check it.
    for (const rows of [100_000, IMPORT_ROWS_MAX]) {
      requests.push({
        name: `honest-${rows / 1000}k-dry-run`, what: `an honest ${rows.toLocaleString('en-US')}-row receipts workbook, dry run`, query: 'kind=receipts&dryRun=true',
        ...fileUpload('receipts.xlsx', await receiptsWorkbook(rows, meta.writeProduct)),
        expected: { status: 200, code: null, mentions: [] },
      })
    }
    const only = args.only?.split(',')
    const results: HostileResult[] = []
    for (const h of requests.filter((r) => !only || only.includes(r.name))) {
      log(`${h.name}: ${h.what} (${fmtBytes(h.body.length)})`)
      const r = await measure(ledger, dir, h, meta.token.secret, Number(args['timeout-seconds']) * 1000)
      log(`  ${r.failure ?? `${r.status} ${r.code}`} in ${fmtMs(r.ms)}, peak RSS ${fmtBytes(r.peakRssBytes)}, /health p50 ${fmtMs(r.healthP50Ms)} p99 ${fmtMs(r.healthP99Ms)} max ${fmtMs(r.healthMaxMs)} (${r.healthSamples}), temp files left ${r.tempFilesLeft}: ${r.pass ? 'PASS' : 'FAIL'}`)
      results.push(r)
    }
    console.log(JSON.stringify(results))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message)
  process.exit(1)
})
