/**
 * `npm run bench [-- --sizes 10k,100k,1M] [--regenerate] [--skip-workbooks | --only-workbooks]
 * [--skip-hostile | --only-hostile] [--skip-pane | --only-pane] [--skip-traceability | --only-traceability] [--skip-postgres | --only-postgres]
 * [--postgres-moves 1M]`: generates (or reuses) a ledger
 * per size under bench/out/, benchmarks a real server on each (restarts with and without
 * snapshots, then HTTP), compares with lowdb's stock JSONFile, the FSMA 204 and EPCIS exports on
 * each size's ledger, measures workbook import and
 * export against exceljs alone, then the ledger on PostgreSQL against the file journal (a
 * throwaway PostgreSQL of its own; skipped, saying so, when PostgreSQL's programs are not found),
 * then what broken and hostile uploads cost the server, then the task pane's weight and first
 * load in headless Chromium, and prints the results tables (also written to bench/out/results.md).
 */
import { cpus, loadavg, release, totalmem } from 'node:os'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { SNAPSHOT_VERSION } from '../server/domain/snapshot'
import { SNAPSHOT_EVERY_RECORDS } from '../server/store/journal-snapshots'
import type { StockResult } from './benchmarks/lowdb-stock'
import { measureStartup } from './benchmarks/startup'
import { benchThroughput } from './benchmarks/throughput'
import { benchTrace } from './benchmarks/trace'
import { benchWrite } from './benchmarks/write'
import type { TrailingSnapshot } from './gen/trailing-snapshot'
import { BenchClient } from './lib/http'
import { GENERATOR_VERSION, isLedgerKind, LEDGER_KINDS, ledgerDir, OUT_DIR, readMeta, restoreJournal, type BenchMeta, type LedgerKind } from './lib/meta'
import { runJson } from './lib/proc'
import { renderReport, type SizeResult } from './lib/report'
import { benchHostile, renderHostile, type HostileResult } from './lib/hostile'
import { benchPane, renderPane, type PaneResult } from './lib/pane'
import { benchPostgres, postgresMissing, renderPostgres, type PostgresResult } from './benchmarks/postgres'
import { benchTraceability, renderTraceability, type TraceabilityResult } from './lib/traceability'
import { benchWorkbooks, renderWorkbooks, type WorkbookResults } from './lib/workbooks'
import { fmtCount, parseCount } from './lib/stats'

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    // The ledgers the per-size table runs on: mixed, or lot-per-move (every receipt line a lot of its own).
    kind: { type: 'string', default: 'mixed' },
    regenerate: { type: 'boolean', default: false },
    'write-samples': { type: 'string', default: '500' },
    'trace-samples': { type: 'string', default: '500' },
    'throughput-ops': { type: 'string', default: '5000' },
    'throughput-seconds': { type: 'string', default: '10' },
    'throughput-rounds': { type: 'string', default: '3' },
    // Server starts per restart case; at 1M and above fewer (they take seconds each), and one full replay.
    starts: { type: 'string', default: '3' },
    'starts-1m': { type: 'string', default: '2' },
    'max-minutes': { type: 'string', default: '90' },
    'skip-workbooks': { type: 'boolean', default: false },
    'only-workbooks': { type: 'boolean', default: false },
    'skip-hostile': { type: 'boolean', default: false },
    'only-hostile': { type: 'boolean', default: false },
    'skip-pane': { type: 'boolean', default: false },
    'only-pane': { type: 'boolean', default: false },
    'pane-runs': { type: 'string', default: '15' },
    'import-rows': { type: 'string', default: '100000' },
    'export-moves': { type: 'string', default: '100000' },
    'workbook-runs': { type: 'string', default: '5' },
    'skip-traceability': { type: 'boolean', default: false },
    'only-traceability': { type: 'boolean', default: false },
    'traceability-runs': { type: 'string', default: '3' },
    'skip-postgres': { type: 'boolean', default: false },
    'only-postgres': { type: 'boolean', default: false },
    // The generated ledger a server restarts on from the database (copied there first); `0`: none.
    'postgres-moves': { type: 'string', default: '1M' },
    'postgres-samples': { type: 'string', default: '300' },
    'postgres-seconds': { type: 'string', default: '10' },
    'postgres-rounds': { type: 'string', default: '3' },
    'postgres-failovers': { type: 'string', default: '3' },
    'postgres-starts': { type: 'string', default: '2' },
  },
})
const sizes = args.sizes.split(',').map(parseCount).sort((a, b) => a - b)
const num = (k: keyof typeof args) => Number(args[k])
const log = (m: string) => console.error(`bench: ${m}`)
// Big ledgers need more heap than V8's default while they are generated.
const BIG_HEAP = ['--max-old-space-size=8192']
if (!isLedgerKind(args.kind)) throw new Error(`--kind must be one of ${LEDGER_KINDS.join(', ')}`)
const kind: LedgerKind = args.kind

/**
 * Above this lowdb's stock JSONFile (about 400 bytes a move, indented) would write one string
 * longer than V8 allows: the comparison is left out.
 */
const STOCK_MAX_MOVES = 1_000_000

/**
 * Node flags for generating a ledger: a heap for the whole ledger held in one process (3 GiB per
 * million moves, at most three quarters of the machine), and a young generation big enough that
 * the operations' short-lived objects die there instead of being copied into the old one.
 */
function generatorNodeArgs(size: number): string[] {
  const mb = Math.min(Math.floor((totalmem() * 0.75) / 2 ** 20), Math.max(8192, Math.ceil(size / 1e6) * 3072))
  return [`--max-old-space-size=${mb}`, '--max-semi-space-size=64']
}

/** The cached ledger of this size, generated first when missing or stale. */
async function ensureLedger(size: number, ofKind: LedgerKind = 'mixed'): Promise<{ meta: BenchMeta; generatedNowSeconds: number | null }> {
  const dir = ledgerDir(size, ofKind)
  const cached = await readMeta(dir)
  const sameJournal = cached?.generatorVersion === GENERATOR_VERSION && cached.targetMoves === size && (cached.kind ?? 'mixed') === ofKind
  if (cached && sameJournal && !args.regenerate) {
    if (cached.snapshotVersion === SNAPSHOT_VERSION) {
      log(`${fmtCount(size)}: using the cached ledger in ${dir}`)
      return { meta: cached, generatedNowSeconds: null }
    }
    log(`${fmtCount(size)}: the cached ledger's snapshots are of version ${cached.snapshotVersion}: replaying its journal to write them in version ${SNAPSHOT_VERSION}`)
    const meta = await runJson<BenchMeta & { refreshSeconds: number }>('bench/gen/refresh-snapshot.ts', ['--dir', dir], 60 * 60_000, { nodeArgs: generatorNodeArgs(size) })
    log(`${fmtCount(size)}: snapshots written again in ${meta.refreshSeconds.toFixed(1)} s`)
    return { meta, generatedNowSeconds: null }
  }
  await rm(dir, { recursive: true, force: true })
  log(`${fmtCount(size)}: generating ${size} moves into ${dir}`)
  const meta = await runJson<BenchMeta>('bench/generate.ts', ['--moves', String(size), '--out', dir, '--kind', ofKind], 60 * 60_000, { nodeArgs: generatorNodeArgs(size) })
  return { meta, generatedNowSeconds: meta.generationSeconds }
}

async function benchSize(size: number): Promise<SizeResult> {
  const { meta, generatedNowSeconds } = await ensureLedger(size, kind)
  const dir = ledgerDir(size, kind)
  const t0 = performance.now()
  const runId = Date.now().toString(36)
  await restoreJournal(dir, meta)
  const trailing = await runJson<TrailingSnapshot>(
    'bench/gen/trailing-snapshot.ts', ['--dir', dir, '--behind', String(SNAPSHOT_EVERY_RECORDS)], 30 * 60_000, { nodeArgs: generatorNodeArgs(size) },
  )
  if (trailing.builtSeconds !== null) log(`${fmtCount(size)}: built the crash-case snapshot in ${trailing.builtSeconds.toFixed(1)} s`)

  const large = size >= 1_000_000
  const starts = large ? num('starts-1m') : num('starts')
  log(`${fmtCount(size)}: restarts (full replay ×${large ? 1 : starts}, crash ×${starts}, clean ×${starts})`)
  const { result: startup, server } = await measureStartup(dir, meta, { trailing, starts: { full: large ? 1 : starts, crash: starts, clean: starts } })
  const client = new BenchClient(server.url, meta.token.secret, 16)
  try {
    log(`${fmtCount(size)}: trace`)
    const trace = await benchTrace(client, meta, { warmup: 50, samples: num('trace-samples'), maxMs: 60_000 })
    log(`${fmtCount(size)}: sequential writes`)
    const write = await benchWrite(client, meta, { runId, warmup: 50, samples: num('write-samples'), maxMs: 120_000 })
    log(`${fmtCount(size)}: throughput with 16 clients`)
    const throughput = await benchThroughput(client, meta, {
      runId, concurrency: 16, maxOps: num('throughput-ops'), maxMs: num('throughput-seconds') * 1000,
      rounds: num('throughput-rounds'), serverCpuMs: () => server.cpuMs(),
    })
    const memoryAfter = await server.memory()
    client.close()
    await server.stop()
    await restoreJournal(dir, meta)

    const samples = Math.max(3, Math.min(50, Math.round(3e6 / size)))
    let stock: StockResult | null = null
    if (size <= STOCK_MAX_MOVES) {
      log(`${fmtCount(size)}: stock lowdb JSONFile (${samples} writes)`)
      stock = await runJson<StockResult>(
        'bench/benchmarks/lowdb-stock.ts', ['--moves', String(meta.moves), '--samples', String(samples), '--dir', join(OUT_DIR, `stock-${size}`)],
        20 * 60_000, { nodeArgs: BIG_HEAP },
      )
    }
    return { size, meta, generatedNowSeconds, startup, trace, write, throughput, memoryAfter, stock, benchSeconds: (performance.now() - t0) / 1000 }
  } finally {
    client.close()
    await server.stop()
  }
}

async function main(): Promise<void> {
  const t0 = performance.now()
  const watchdog = setTimeout(() => {
    console.error(`bench: over ${args['max-minutes']} minutes, giving up`)
    process.exit(3)
  }, num('max-minutes') * 60_000)
  watchdog.unref()
  await mkdir(OUT_DIR, { recursive: true })
  const cpu = cpus()
  const machine = [
    `cpus: ${cpu.length} × ${cpu[0]?.model ?? 'unknown'}`, `memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `node ${process.version} on ${process.platform} ${release()}`, `date: ${new Date().toISOString()}`,
    // Other work on the machine skews every timing; this shows whether there was any.
    `load average before the run (1/5/15 min): ${loadavg().map((x) => x.toFixed(2)).join(' / ')}`,
  ]
  log(machine.join('; '))
  const results: SizeResult[] = []
  const only = args['only-workbooks'] || args['only-hostile'] || args['only-pane'] || args['only-traceability'] || args['only-postgres']
  if (!only) for (const size of sizes) results.push(await benchSize(size))
  const traceability: TraceabilityResult[] = []
  if (!args['skip-traceability'] && (!only || args['only-traceability'])) {
    for (const size of sizes) {
      const { meta } = await ensureLedger(size)
      log(`${fmtCount(size)}: FSMA 204 export of a year and EPCIS export of the whole ledger (${args['traceability-runs']} runs each)`)
      traceability.push(await benchTraceability(size, ledgerDir(size), meta, num('traceability-runs')))
    }
  }
  let postgresResult: PostgresResult | null = null
  let postgresSkipped: string | null = null
  if (!args['skip-postgres'] && (!only || args['only-postgres'])) {
    postgresSkipped = postgresMissing()
    if (postgresSkipped) {
      log(`PostgreSQL: SKIPPED, its programs were not found: ${postgresSkipped}`)
    } else {
      const moves = args['postgres-moves'] === '0' ? 0 : parseCount(args['postgres-moves'])
      let ledger: { dir: string; moves: number; operations: number } | null = null
      if (moves) {
        const { meta } = await ensureLedger(moves)
        await restoreJournal(ledgerDir(moves), meta)
        ledger = { dir: ledgerDir(moves), moves: meta.moves, operations: meta.operations }
      }
      postgresResult = await benchPostgres({
        writeSamples: num('postgres-samples'), throughputSeconds: num('postgres-seconds'), throughputRounds: num('postgres-rounds'),
        failovers: num('postgres-failovers'), starts: num('postgres-starts'), ledger, log: (m) => log(`PostgreSQL: ${m}`),
      })
    }
  }
  let workbooks: WorkbookResults | null = null
  if (!args['skip-workbooks'] && (!only || args['only-workbooks'])) {
    log(`workbooks: import of ${args['import-rows']} receipt rows, export of ${args['export-moves']} moves`)
    workbooks = await benchWorkbooks({ importRows: parseCount(args['import-rows']), exportMoves: parseCount(args['export-moves']), runs: num('workbook-runs') })
  }
  let hostile: HostileResult[] | null = null
  if (!args['skip-hostile'] && (!only || args['only-hostile'])) {
    log('hostile uploads: each on a fresh server, /health and RSS watched')
    hostile = await benchHostile()
  }
  let pane: PaneResult | null = null
  if (!args['skip-pane'] && (!only || args['only-pane'])) {
    log(`task pane: weight, and first usable pane in headless Chromium (${args['pane-runs']} runs each)`)
    pane = await benchPane(num('pane-runs'))
  }
  const postgresSection = postgresResult
    ? [renderPostgres(postgresResult)]
    : postgresSkipped ? [`### The ledger on PostgreSQL\n\nSKIPPED: PostgreSQL's programs were not found (${postgresSkipped}).`] : []
  const sections = [...(traceability.length ? [renderTraceability(traceability)] : []), ...postgresSection, ...(workbooks ? [renderWorkbooks(workbooks)] : []), ...(hostile ? [renderHostile(hostile)] : []), ...(pane ? [renderPane(pane)] : [])]
  const report = renderReport(results, machine, (performance.now() - t0) / 1000, sections)
  await writeFile(join(OUT_DIR, 'results.md'), report)
  await writeFile(join(OUT_DIR, 'results.json'), `${JSON.stringify({ machine, results, traceability, postgres: postgresResult ?? postgresSkipped, workbooks, hostile, pane }, null, 2)}\n`)
  console.log(`\n${report}`)
  log(`written to ${join(OUT_DIR, 'results.md')}`)
}

main().catch((err) => {
  console.error('bench failed:', err)
  process.exit(1)
})
