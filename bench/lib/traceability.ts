/**
 * The traceability exports' part of `npm run bench`: on each size's cached ledger, the FSMA 204
 * export of a one-year range (bench/fsma204.ts) and the EPCIS export of the whole ledger
 * (bench/exports.ts --only-epcis), each as a child process on the ledger in place, its journal
 * restored after each (both write to it first: products put on the list, GTINs given).
 */
import type { EpcisBench } from './epcis'
import { restoreJournal, type BenchMeta } from './meta'
import { runJson } from './proc'
import { table } from './report'
import { fmtBytes, fmtCount, fmtMs } from './stats'

/** What bench/fsma204.ts prints as its last line. */
export interface FsmaBench {
  moves: number
  records: number
  missingKdes: number
  firstMs: number
  ms: number
  bytes: number
  serverRssBeforeBytes: number
  serverPeakRssBytes: number
  serverCpuMs: number | null
  goalMs: number
  met: boolean
  runs: number
}

export interface TraceabilityResult {
  size: number
  fsma: FsmaBench
  epcis: EpcisBench
}

const GOAL_SIZE = 1_000_000
/** The server's RSS the ledger may take at 1M moves (as the restart goal), exports included: they stream. */
const GOAL_RSS_BYTES = 1.5e9
const BIG_HEAP = ['--max-old-space-size=8192']

/** Both exports on the ledger of `size` moves in `dir`, `runs` times each (medians). */
export async function benchTraceability(size: number, dir: string, meta: BenchMeta, runs: number): Promise<TraceabilityResult> {
  try {
    await restoreJournal(dir, meta)
    const fsma = await runJson<FsmaBench>('bench/fsma204.ts', ['--dir', dir, '--runs', String(runs)], 30 * 60_000, { nodeArgs: BIG_HEAP })
    await restoreJournal(dir, meta)
    const { epcis } = await runJson<{ epcis: EpcisBench }>('bench/exports.ts', ['--only-epcis', '--dir', dir, '--runs', String(runs)], 30 * 60_000, { nodeArgs: BIG_HEAP })
    return { size, fsma, epcis }
  } finally {
    await restoreJournal(dir, meta)
  }
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL')

/** The traceability exports' table: a column per size, the goals judged at 1M moves (or the largest size measured). */
export function renderTraceability(results: TraceabilityResult[]): string {
  const last = results[results.length - 1]
  const judged = last.size >= GOAL_SIZE
  const at = `at ${fmtCount(GOAL_SIZE)}`
  const judge = (ok: boolean) => (judged ? verdict(ok) : `n/a (largest size ${fmtCount(last.size)})`)
  const goalMs = last.fsma.goalMs
  return table(
    ['Traceability exports', ...results.map((r) => fmtCount(r.size)), 'Goal', 'Result'],
    [
      [`FSMA 204 export, 1 year (every product on the list), over HTTP; median of ${last.fsma.runs}`, ...results.map((r) => fmtMs(r.fsma.ms)), `≤ ${goalMs / 1000} s ${at}`, judge(last.fsma.ms <= goalMs)],
      ['FSMA 204 records / rows of missing KDEs / file', ...results.map((r) => `${fmtCount(r.fsma.records)} / ${fmtCount(r.fsma.missingKdes)} / ${fmtBytes(r.fsma.bytes)}`), '', ''],
      ['FSMA 204 export, the first after the server started', ...results.map((r) => fmtMs(r.fsma.firstMs)), '', ''],
      ['FSMA 204 export: server CPU per export (user + system, all threads)', ...results.map((r) => (r.fsma.serverCpuMs === null ? 'n/a' : fmtMs(r.fsma.serverCpuMs))), '', ''],
      ['FSMA 204 export: server RSS before the exports → peak (VmHWM)', ...results.map((r) => `${fmtBytes(r.fsma.serverRssBeforeBytes)} → ${fmtBytes(r.fsma.serverPeakRssBytes)}`),
        `≤ ${fmtBytes(GOAL_RSS_BYTES)} ${at}`, judge(last.fsma.serverPeakRssBytes <= GOAL_RSS_BYTES)],
      [`EPCIS export of the whole ledger, over HTTP; median of ${last.epcis.runs}`, ...results.map((r) => `${fmtMs(r.epcis.ms)} (first byte ${fmtMs(r.epcis.firstByteMs)})`), '', ''],
      ['EPCIS events / document', ...results.map((r) => `${fmtCount(r.epcis.events)} / ${fmtBytes(r.epcis.bytes)}`), '', ''],
      ['EPCIS export: server peak RSS; slowest GET /health meanwhile', ...results.map((r) => `${fmtBytes(r.epcis.serverPeakRssBytes)}; ${fmtMs(r.epcis.slowestHealthMsDuringExport)}`),
        `RSS ≤ ${fmtBytes(GOAL_RSS_BYTES)} ${at}`, judge(last.epcis.serverPeakRssBytes <= GOAL_RSS_BYTES)],
    ],
  )
}
