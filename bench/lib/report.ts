/** The results table: one row per metric, one column per ledger size, then the goal and its verdict. */
import { SNAPSHOT_EVERY_RECORDS } from '../../server/store/journal-snapshots'
import type { StockResult } from '../benchmarks/lowdb-stock'
import type { StartCase, StartupResult } from '../benchmarks/startup'
import type { ThroughputResult } from '../benchmarks/throughput'
import type { TraceResult } from '../benchmarks/trace'
import type { BenchMeta, LedgerKind } from './meta'
import type { ServerHeap, ServerMemory } from './server'
import { fmtBytes, fmtCount, fmtMs, median, type Summary } from './stats'

export interface SizeResult {
  size: number
  meta: BenchMeta
  /** Seconds spent generating the ledger in this run; null when it came from the cache. */
  generatedNowSeconds: number | null
  startup: StartupResult
  trace: TraceResult
  write: Summary
  throughput: ThroughputResult
  memoryAfter: ServerMemory | null
  /** Null above STOCK_MAX_MOVES: the stock file would be one string longer than V8 allows. */
  stock: StockResult | null
  benchSeconds: number
}

/**
 * RSS after start per move: 1.5 GB at 1M for the mixed ledger; 3 GB at 10M (300 bytes per move,
 * with its lot and quant) for the ledger with a lot per move.
 */
const GOAL_RSS_PER_MOVE: Record<LedgerKind, number> = { mixed: 1_500, 'lot-per-move': 300 }
const GOAL_START_MS = 10_000
const GOAL_OPS_PER_SEC = 1_000
const GOAL_SPEEDUP = 100
/** The smallest ledger the speed-up is judged at. */
const GOAL_SPEEDUP_FROM = 1_000_000
const GOAL_GROWTH = 2

type Verdict = 'PASS' | 'FAIL' | 'n/a'
interface Row {
  metric: string
  values: string[]
  goal: string
  measured: string
  verdict: Verdict | ''
}

const ratio = (x: number) => `${x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(2)}×`
const pass = (ok: boolean): Verdict => (ok ? 'PASS' : 'FAIL')

export function resultRows(results: SizeResult[]): Row[] {
  const first = results[0]
  const last = results[results.length - 1]
  const two = results.length > 1
  const at = `at ${fmtCount(last.size)}`
  const growthGoal = `${fmtCount(last.size)} ≤ ${GOAL_GROWTH}× ${fmtCount(first.size)}`
  const growth = (get: (r: SizeResult) => number): Pick<Row, 'measured' | 'verdict'> =>
    two ? { measured: ratio(get(last) / get(first)), verdict: pass(get(last) <= GOAL_GROWTH * get(first)) } : { measured: 'needs 2 sizes', verdict: 'n/a' }
  const stockP50 = (r: SizeResult) => (r.stock ? median(r.stock.samplesMs) : NaN)
  // Judged at the largest size the stock file could be written at, from 1M up: a small ledger's
  // file is quick to write whole, and says nothing of the goal.
  const stockLast = [...results].reverse().find((r) => r.stock && r.size >= GOAL_SPEEDUP_FROM)
  const info = { goal: '', measured: '', verdict: '' as const }
  const row = (metric: string, fmt: (r: SizeResult) => string, rest: Omit<Row, 'metric' | 'values'>): Row => ({ metric, values: results.map(fmt), ...rest })
  const minOps = Math.min(...results.map((r) => r.throughput.opsPerSec))

  return [
    row('write p50: 1-line receipt over HTTP, fdatasync', (r) => fmtMs(r.write.p50), { goal: growthGoal, ...growth((r) => r.write.p50) }),
    row('write p99', (r) => fmtMs(r.write.p99), info),
    row('stock lowdb JSONFile: push 1 move + db.write(), median', (r) => (r.stock ? `${fmtMs(stockP50(r))} (n=${r.stock.samplesMs.length})` : 'n/a'), info),
    row('speed-up of write p50 over stock JSONFile', (r) => (r.stock ? ratio(stockP50(r) / r.write.p50) : 'n/a'), {
      goal: `≥ ${GOAL_SPEEDUP}× at ${fmtCount(stockLast?.size ?? GOAL_SPEEDUP_FROM)}`,
      measured: stockLast ? ratio(stockP50(stockLast) / stockLast.write.p50) : `needs ${fmtCount(GOAL_SPEEDUP_FROM)}`,
      verdict: stockLast ? pass(stockP50(stockLast) / stockLast.write.p50 >= GOAL_SPEEDUP) : 'n/a',
    }),
    row('throughput: 1-line receipts, 16 clients, fdatasync (median of rounds)', (r) => `${Math.round(r.throughput.opsPerSec).toLocaleString('en-US')}/s`, {
      goal: `≥ ${GOAL_OPS_PER_SEC.toLocaleString('en-US')}/s at every size`, measured: `min ${Math.round(minOps).toLocaleString('en-US')}/s`, verdict: pass(minOps >= GOAL_OPS_PER_SEC),
    }),
    row('throughput latency p50 / p99', (r) => `${fmtMs(r.throughput.latency.p50)} / ${fmtMs(r.throughput.latency.p99)}`, info),
    row('trace (both) of the traced lot, p50', (r) => fmtMs(r.trace.latency.p50), { goal: growthGoal, ...growth((r) => r.trace.latency.p50) }),
    row('trace p99', (r) => fmtMs(r.trace.latency.p99), info),
    row(`restart after a crash, worst case (snapshot ${fmtCount(SNAPSHOT_EVERY_RECORDS)} records behind): spawn to "listening", median`, (r) => crashStart(r), {
      goal: `≤ ${GOAL_START_MS / 1000} s ${at}`, measured: fmtMs(last.startup.crash.medianMs), verdict: pass(last.startup.crash.medianMs <= GOAL_START_MS),
    }),
    row('restart after a clean stop (journal + its snapshot), median', (r) => fmtMs(r.startup.clean.medianMs), info),
    row('restart without snapshot (whole journal replayed), median', (r) => fmtMs(r.startup.full.medianMs), info),
    memoryRow('RSS after start (VmRSS), clean / crash restart', results, (m) => m.rss),
    perMoveRow(results),
    memoryRow('peak RSS of the start (VmHWM), clean / crash restart', results, (m) => m.hwm),
    row('heap used after start (GET /health heapUsedMb, after a full collection), clean / crash; heap limit',
      (r) => `${heapMb(r.startup.clean.heap)} / ${heapMb(r.startup.crash.heap)}; ${r.startup.clean.heap ? `${r.startup.clean.heap.limitMb} MB` : 'n/a'}`, info),
    row('RSS / peak RSS, restart without snapshot', (r) => `${fmtBytes(r.startup.full.memory?.rss ?? NaN)} / ${fmtBytes(r.startup.full.memory?.hwm ?? NaN)}`, info),
    row('RSS after the HTTP benchmarks', (r) => fmtBytes(r.memoryAfter?.rss ?? NaN), info),
  ]
}

/** Below the snapshot step no snapshot was due before the crash: the crash restart replays everything. */
function crashStart(r: SizeResult): string {
  return `${fmtMs(r.startup.crash.medianMs)}${r.startup.crashBehind.snapshot ? '' : ' (no snapshot yet)'}`
}

const heapMb = (h: ServerHeap | null) => (h ? `${h.usedMb} MB` : 'n/a')

/** The worse of the clean and the crash restart (what a running server needs); null without /proc. */
function worstMemory(r: SizeResult, get: (m: ServerMemory) => number): number | null {
  const { clean, crash } = r.startup
  return clean.memory && crash.memory ? Math.max(get(clean.memory), get(crash.memory)) : null
}

/** The memory goal at the largest size: its moves times the kind's bytes per move. */
function memoryGoal(results: SizeResult[]): { bytes: number; perMove: number; at: string } {
  const last = results[results.length - 1]
  const perMove = GOAL_RSS_PER_MOVE[last.meta.kind ?? 'mixed']
  return { bytes: perMove * last.size, perMove, at: `at ${fmtCount(last.size)}` }
}

function memoryRow(metric: string, results: SizeResult[], get: (m: ServerMemory) => number): Row {
  const last = worstMemory(results[results.length - 1], get)
  const goal = memoryGoal(results)
  return {
    metric,
    values: results.map((r) => `${fmtBytes(r.startup.clean.memory ? get(r.startup.clean.memory) : NaN)} / ${fmtBytes(r.startup.crash.memory ? get(r.startup.crash.memory) : NaN)}`),
    goal: `≤ ${fmtBytes(goal.bytes)} ${goal.at}`,
    measured: last === null ? 'n/a (no /proc)' : fmtBytes(last),
    verdict: last === null ? 'n/a' : pass(last <= goal.bytes),
  }
}

/** RSS after start (the worse restart) over the ledger's moves: what the goal is in. */
function perMoveRow(results: SizeResult[]): Row {
  const perMove = (r: SizeResult) => {
    const rss = worstMemory(r, (m) => m.rss)
    return rss === null ? null : rss / r.meta.moves
  }
  const last = perMove(results[results.length - 1])
  const goal = memoryGoal(results)
  return {
    metric: 'RSS after start per move (the worse restart)',
    values: results.map((r) => (perMove(r) === null ? 'n/a' : `${Math.round(perMove(r)!)} B`)),
    goal: `≤ ${goal.perMove} B ${goal.at}`,
    measured: last === null ? 'n/a (no /proc)' : `${Math.round(last)} B`,
    verdict: last === null ? 'n/a' : pass(last <= goal.perMove),
  }
}

/** One number per start, the cases (clean; crash; no snapshot) apart. */
function perStart(r: SizeResult, values: (c: StartCase) => Array<number | null>): string {
  return (['clean', 'crash', 'full'] as const).map((c) => values(r.startup[c]).map((v) => (v === null ? 'n/a' : Math.round(v))).join(', ')).join('; ')
}

function snapshotAfter(ms: Array<number | null>): string {
  return ms.every((m) => m === null) ? 'none due' : ms.map((m) => (m === null ? 'none' : fmtMs(m))).join(', ')
}

export function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n')
}

export function renderReport(results: SizeResult[], machine: string[], totalSeconds: number, sections: string[] = []): string {
  const kinds = [...new Set(results.map((r) => r.meta.kind ?? 'mixed'))].join(', ')
  const head = ['# lotledger benchmarks', '', ...machine.map((m) => `- ${m}`), ...(kinds ? [`- ledger kind: ${kinds}`] : []), `- total time: ${totalSeconds.toFixed(0)} s`, '']
  if (results.length === 0) return [...head, ...sections.flatMap((s) => [s, ''])].join('\n')
  const sizes = results.map((r) => fmtCount(r.size))
  const main = table(
    ['Metric', ...sizes, 'Goal', 'Measured', 'Result'],
    resultRows(results).map((r) => [r.metric, ...r.values, r.goal, r.measured, r.verdict]),
  )
  const details = table(
    ['Ledger', ...sizes],
    [
      ['moves / operations / records / lots', ...results.map((r) => `${r.meta.moves} / ${r.meta.operations} / ${r.meta.records} / ${r.meta.lots}`)],
      ['journal size', ...results.map((r) => fmtBytes(r.meta.journalBytes))],
      ['generation time', ...results.map((r) => `${r.meta.generationSeconds.toFixed(1)} s${r.generatedNowSeconds === null ? ' (cached)' : ''}`)],
      ['generator peak RSS', ...results.map((r) => fmtBytes(r.meta.peakRssBytes))],
      ['restarts (ms): clean; crash; no snapshot', ...results.map((r) => perStart(r, (c) => c.startsMs))],
      ['server CPU until "listening" (ms): clean; crash; no snapshot', ...results.map((r) => perStart(r, (c) => c.cpuMs))],
      ['crash case: snapshot behind by', ...results.map((r) => `${r.startup.crashBehind.records} records, ${fmtBytes(r.startup.crashBehind.bytes)}${r.startup.crashBehind.snapshot ? '' : ' (all: no snapshot)'}`)],
      ['new snapshot on disk after "listening": crash; no snapshot', ...results.map((r) => (['crash', 'full'] as const).map((c) => snapshotAfter(r.startup[c].snapshotAfterMs)).join('; '))],
      ['snapshot size', ...results.map((r) => fmtBytes(r.meta.snapshotBytes))],
      ['throughput rounds (ops/s)', ...results.map((r) => r.throughput.rounds.map((x) => Math.round(x)).join(', '))],
      ['server CPU per write under throughput', ...results.map((r) => fmtMs(r.throughput.serverCpuMsPerOp ?? NaN))],
      ['trace rows', ...results.map((r) => String(r.trace.rows))],
      ['samples: write / trace / throughput ops', ...results.map((r) => `${r.write.n} / ${r.trace.latency.n} / ${r.throughput.ops}`)],
      ['move JSON bytes: ours / stock baseline', ...results.map((r) => `${r.meta.avgMoveJsonBytes} / ${r.stock?.moveJsonBytes ?? 'n/a'}`)],
      ['stock JSONFile file size, first write', ...results.map((r) => (r.stock ? `${fmtBytes(r.stock.fileBytes)}, ${fmtMs(r.stock.firstWriteMs)}` : 'n/a (too big for one string)'))],
      ['benchmark time (excl. generation)', ...results.map((r) => `${r.benchSeconds.toFixed(0)} s`)],
    ],
  )
  return [...head, main, '', details, '', ...sections.flatMap((s) => [s, ''])].join('\n')
}
