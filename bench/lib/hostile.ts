/** The hostile-upload benchmark (bench/hostile.ts), run as a child process by `npm run bench`, and its table. */
import { runJson } from './proc'
import { table } from './report'
import { fmtBytes, fmtMs } from './stats'

/** GET /health's p99 while an upload is read, at most. */
export const HEALTH_P99_GOAL_MS = 100
/** The server's peak RSS while an upload is read, at most (the import's memory goal). */
export const RSS_GOAL_BYTES = 600e6

export interface HostileResult {
  name: string
  what: string
  bytes: number
  status: number
  code: string
  message: string
  /** Why no answer came, if none did. */
  failure: string | null
  expected: string
  asExpected: boolean
  ms: number
  rssBeforeBytes: number
  peakRssBytes: number
  healthSamples: number
  healthP50Ms: number
  healthP99Ms: number
  healthMaxMs: number
  tempFilesLeft: number
  pass: boolean
}

/** Runs the benchmark in a child process (it starts a server per upload). */
export function benchHostile(): Promise<HostileResult[]> {
  return runJson<HostileResult[]>('bench/hostile.ts', [], 60 * 60_000)
}

const ratio = (x: number) => `${x.toFixed(2)}×`

/** The table: each upload, its answer, and what it cost the server against the goals. */
export function renderHostile(results: HostileResult[]): string {
  return table(
    ['Upload', 'Size', 'Answer (expected)', 'Time', `Server peak RSS (÷ ${fmtBytes(RSS_GOAL_BYTES)})`, `/health p50 / p99 (p99 ÷ ${HEALTH_P99_GOAL_MS} ms), slowest`, 'Temp files left', 'Result'],
    results.map((r) => [
      `${r.name}: ${r.what}`,
      r.bytes < 1000 ? `${r.bytes} B` : fmtBytes(r.bytes),
      `${r.failure ?? `${r.status} ${r.code}`.trim()}${r.asExpected ? '' : ` (expected ${r.expected})`}`,
      fmtMs(r.ms),
      `${fmtBytes(r.peakRssBytes)} (${ratio(r.peakRssBytes / RSS_GOAL_BYTES)})`,
      `${fmtMs(r.healthP50Ms)} / ${fmtMs(r.healthP99Ms)} (${ratio(r.healthP99Ms / HEALTH_P99_GOAL_MS)}), ${fmtMs(r.healthMaxMs)}`,
      String(r.tempFilesLeft),
      r.pass ? 'PASS' : 'FAIL',
    ]),
  )
}
