/**
 * `node --import tsx bench/fsma204.ts [--moves 1M | --dir LEDGER] [--runs 3] [--share 1]`: the FSMA 204 export
 * (GET /api/v1/exports/fsma204.xlsx) of a one-year range over HTTP against the real server, body
 * read to its end (counted, not kept), on a generated ledger whose products are put on the Food Traceability List
 * (`--share` of them, every one by default: the most records a ledger of that size can hold).
 * The first export after the server starts is slower (about a second more at 1M: everything it
 * runs is run for the first time); it is measured apart. Prints both, the server's peak RSS, and the result as JSON.
 * `--dir` takes a ledger generated before (`npm run bench` caches them) instead of generating
 * one; its products are put on the list in place, so its journal is to be restored afterwards.
 */
import { get } from 'node:http'
import { parseArgs } from 'node:util'
import { putProduct } from '../server/domain/commands/products'
import { LedgerStore } from '../server/store/ledger-store'
import { benchLedger } from './lib/bench-ledger'
import { startServer, type RunningServer } from './lib/server'
import { fmtBytes, median, parseCount } from './lib/stats'

const { values: args } = parseArgs({
  options: { moves: { type: 'string', default: '1M' }, dir: { type: 'string' }, runs: { type: 'string', default: '3' }, share: { type: 'string', default: '1' } },
})
const MOVES = parseCount(args.moves)
const RUNS = Math.max(1, Number(args.runs))
const SHARE = Math.min(1, Math.max(0, Number(args.share)))
const GOAL_MS = 5000
const log = (m: string) => console.error(`bench fsma204: ${m}`)

/** Puts every product (or `SHARE` of them, evenly spread) on the list, in the ledger in `dir` before it is served. */
async function putOnList(dir: string, workspace: string): Promise<number> {
  const store = await LedgerStore.openDirectory(dir, { log: () => {}, snapshots: { everyRecords: Infinity, everyBytes: Infinity } })
  try {
    const ws = store.ledger.workspace(workspace)
    let listed = 0
    let owed = 0
    for (const p of [...ws.products.values()]) {
      owed += SHARE
      if (owed < 1) continue
      owed -= 1
      putProduct(store.ledger, ws, null, p.sku, { name: p.name, uom: p.uom, tracking: p.tracking, gtin: p.gtin, expiry: p.expiry, foodTraceabilityList: true })
      listed++
    }
    await store.persist()
    return listed
  } finally {
    await store.close()
  }
}

/**
 * GET `path` and read the body to its end, counting its bytes as they come (as a browser saves a
 * download), with node's own HTTP client: the bench shares the server's cores, and fetch's web
 * streams plus one 77 MB buffer cost it about half a second of CPU per export that the server then lacks.
 */
function download(url: string, token: string, path: string): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now()
  return new Promise((resolve, reject) => {
    get(`${url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      let bytes = 0
      const text: Buffer[] = []
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length
        if (res.statusCode !== 200) text.push(chunk)
      })
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`${path}: ${res.statusCode} ${Buffer.concat(text).toString()}`))
        else resolve({ ms: Math.round(performance.now() - t0), bytes })
      })
      res.on('error', reject)
    }).on('error', reject)
  })
}

async function main(): Promise<void> {
  const { dir: ledger, meta, dispose } = await benchLedger(args.dir, MOVES, 'fsma', log)
  let server: RunningServer | null = null
  try {
    const listed = await putOnList(ledger, meta.workspace)
    server = await startServer(ledger)
    // The generated history starts on 2025-01-06: a year from its first day holds all of it at this size.
    const path = '/exports/fsma204.xlsx?after=2025-01-01&before=2026-01-01'
    // The completeness check (its JSON names every record) is asked after the exports, so that what it leaves in memory is not counted as theirs.
    await server.resetPeak()
    const rssBefore = (await server.memory())?.rss ?? 0
    log(`${listed} products on the list. The export, once cold and ${RUNS} times warm`)
    const cold = await download(server.url, meta.token.secret, path)
    const warm = []
    // The server's CPU time (all its threads: the zip compresses on the thread pool) tells the work from the machine's other load.
    const cpu = []
    for (let i = 0; i < RUNS; i++) {
      const before = await server.cpuMs()
      warm.push(await download(server.url, meta.token.secret, path))
      const after = await server.cpuMs()
      if (before !== null && after !== null) cpu.push(after - before)
    }
    const peak = (await server.memory())?.hwm ?? 0
    const missing = await fetch(`${server.url}/api/v1/fsma204/missing?after=2025-01-01&before=2026-01-01`, { headers: { authorization: `Bearer ${meta.token.secret}` } })
    const check = (await missing.json()) as { records: number; missing: unknown[] }
    const ms = median(warm.map((r) => r.ms))
    const serverCpuMs = cpu.length ? median(cpu) : null
    const result = {
      moves: meta.moves, operations: meta.operations, productsListed: listed, records: check.records, missingKdes: check.missing.length,
      firstMs: cold.ms, ms, bytes: warm[0].bytes, serverRssBeforeBytes: rssBefore, serverPeakRssBytes: peak, serverCpuMs, goalMs: GOAL_MS, met: ms <= GOAL_MS, runs: RUNS,
    }
    console.error(`FSMA 204 export of a year (${meta.moves} moves, ${check.records} records): ${ms} ms median of ${RUNS} (the first after the start: ${cold.ms} ms), ${fmtBytes(result.bytes)}; server CPU ${serverCpuMs ?? 'n/a'} ms per export; server RSS ${fmtBytes(rssBefore)} before, peak ${fmtBytes(peak)}; goal ${GOAL_MS} ms: ${result.met ? 'met' : 'not met'}`)
    console.log(JSON.stringify(result))
  } finally {
    await server?.stop()
    await dispose()
  }
}

await main()
