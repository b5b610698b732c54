/**
 * The workbook benchmarks (bench/imports.ts and bench/exports.ts), run as child processes by
 * `npm run bench`, and their table in the report.
 */
import { runJson } from './proc'
import { table } from './report'
import { fmtBytes, fmtCount, fmtMs } from './stats'

export interface ImportBench {
  rows: number
  receipts: number
  fileBytes: number
  httpMs: number
  exceljsMs: number
  ratio: number
  goal: number
  serverPeakRssBytes: number
  rssGoalBytes: number
  pass: boolean
  runs: number
}

export interface ExportBench {
  moves: number
  httpMs: number
  httpFirstByteMs: number
  httpBytes: number
  exceljsMs: number
  exceljsBytes: number
  ratio: number
  goal: number
  pass: boolean
  serverRssBeforeBytes: number
  serverPeakRssBytes: number
  slowestHealthMsDuringExport: number
  runs: number
}

export interface WorkbookResults {
  imports: ImportBench
  exports: ExportBench
}

/** Runs both workbook benchmarks, one after the other (never beside other measurements). */
export async function benchWorkbooks(options: { importRows: number; exportMoves: number; runs: number }): Promise<WorkbookResults> {
  const runs = String(options.runs)
  const imports = await runJson<ImportBench>('bench/imports.ts', ['--rows', String(options.importRows), '--runs', runs], 30 * 60_000)
  const exports = await runJson<ExportBench>('bench/exports.ts', ['--moves', String(options.exportMoves), '--runs', runs], 30 * 60_000)
  return { imports, exports }
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL')

/** The workbook table: what was measured, against what, and the verdicts. */
export function renderWorkbooks(w: WorkbookResults): string {
  const { imports: i, exports: e } = w
  return table(
    ['Workbooks', 'Measured', 'Goal', 'Result'],
    [
      [`import of a ${fmtCount(i.rows)}-row receipts .xlsx (${fmtCount(i.receipts)} receipts, ${fmtBytes(i.fileBytes)}) over HTTP: parse, check, apply, fsync; median of ${i.runs}`, fmtMs(i.httpMs), '', ''],
      ['exceljs alone stream-reading the same file', fmtMs(i.exceljsMs), '', ''],
      ['import ÷ exceljs alone', `${i.ratio.toFixed(2)}×`, `≤ ${i.goal}×`, verdict(i.ratio <= i.goal)],
      ['server peak RSS (VmHWM) during the timed imports (highest of the runs)', fmtBytes(i.serverPeakRssBytes), `≤ ${fmtBytes(i.rssGoalBytes)}`, verdict(i.serverPeakRssBytes <= i.rssGoalBytes)],
      [`export of ${fmtCount(e.moves)} moves as .xlsx over HTTP (${fmtBytes(e.httpBytes)}, first byte after ${fmtMs(e.httpFirstByteMs)}); median of ${e.runs}`, fmtMs(e.httpMs), '', ''],
      ['exceljs alone stream-writing the same rows', fmtMs(e.exceljsMs), '', ''],
      ['export ÷ exceljs alone', `${e.ratio.toFixed(2)}×`, `≤ ${e.goal}×`, verdict(e.ratio <= e.goal)],
      ['server RSS before and during a watched export (peak)', `${fmtBytes(e.serverRssBeforeBytes)} → ${fmtBytes(e.serverPeakRssBytes)}`, '', ''],
      ['slowest GET /health while an export runs', fmtMs(e.slowestHealthMsDuringExport), '', ''],
    ],
  )
}
