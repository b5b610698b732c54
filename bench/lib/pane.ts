/** The task pane's benchmark (bench/pane.ts), run as a child process by `npm run bench`, and its tables. */
import { PANE_JS_BUDGET_GZIP, type PaneSizes } from '../../scripts/lib/pane-size'
import { runJson } from './proc'
import { table } from './report'
import { fmtMs, median } from './stats'

/** The first usable pane on a warm server, median, at most. */
export const PANE_USABLE_GOAL_MS = 400

export interface PaneResult {
  sizes: PaneSizes
  /** Milliseconds from navigation to a usable pane, one per run. */
  load: { cold: number[]; returningConnect: number[]; returningOnline: number[] }
  /** Runs in which office.js did not run (it should be 0). */
  withoutOffice: number
}

/** Runs the benchmark in a child process (it builds the pane when stale, starts a server and Chromium). */
export function benchPane(runs: number): Promise<PaneResult> {
  return runJson<PaneResult>('bench/pane.ts', ['--runs', String(runs)], 20 * 60_000)
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL')

/** Two tables: the bytes of each JavaScript file against the budget, then the load times against the goal. */
export function renderPane(r: PaneResult): string {
  const { files, total, initial } = r.sizes
  const bytes = table(
    ['JavaScript file', 'Loaded', 'Raw', 'gzip', 'brotli'],
    [
      ...files.map((f) => [f.file, f.initial ? 'at once' : 'when needed', kB(f.raw), kB(f.gzip), kB(f.brotli)]),
      [`**loaded at once** (budget ${kB(PANE_JS_BUDGET_GZIP)} gzipped)`, '', kB(initial.raw), kB(initial.gzip), kB(initial.brotli)],
      ['**all**', '', kB(total.raw), kB(total.gzip), kB(total.brotli)],
    ],
  )
  const row = (what: string, times: number[]) => {
    const sorted = [...times].sort((a, b) => a - b)
    const m = median(times)
    return [what, String(times.length), fmtMs(m), `${fmtMs(sorted[0])}–${fmtMs(sorted[sorted.length - 1])}`, verdict(m <= PANE_USABLE_GOAL_MS)]
  }
  const load = table(
    ['First usable pane (headless Chromium, warm server)', 'Runs', 'Median', 'Range', `≤ ${PANE_USABLE_GOAL_MS} ms`],
    [
      row('cold: new profile, until the Connect form', r.load.cold),
      row('returning: until the Connect form', r.load.returningConnect),
      row('returning, connected: until Online', r.load.returningOnline),
    ],
  )
  const office = r.withoutOffice ? `\n\n**office.js did not run in ${r.withoutOffice} of the runs**: those times are not the pane's.` : ''
  return `**Task pane** (budget ${verdict(initial.gzip <= PANE_JS_BUDGET_GZIP)}: ${kB(initial.gzip)} of JavaScript gzipped loaded at once, ${kB(total.gzip)} in all)\n\n${bytes}\n\n${load}${office}`
}
