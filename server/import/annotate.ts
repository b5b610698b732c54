/**
 * The imported file handed back annotated: the same rows (at the same row numbers) with a Status
 * column, errors in red on the row and on the cell at fault, and a Problems sheet. Written with
 * exceljs's streaming writer, row by row, letting other requests in as it goes; rows between
 * those of the table are not written at all.
 */
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { FLAG_COLORS } from '../../shared/sheets/model'
import type { ImportReport } from '../../shared/import/report'
import { Breather } from './breather'
import type { ImportTable } from './table'

const RED = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: `FF${FLAG_COLORS.expired.slice(1)}` } }
const RED_TEXT = { color: { argb: `FF${FLAG_COLORS.expiredText.slice(1)}` } }
const GREEN_TEXT = { color: { argb: 'FF107C10' } }

const STATUS_TEXT = { ok: 'OK', unchanged: 'Already imported', error: 'Error' } as const

/**
 * The most rows the writer is moved on at once. exceljs keeps a sheet's uncommitted rows in an
 * array indexed from its next row and shifts it one entry at a time on commit: a row a thousand
 * or so ahead makes that array sparse and each shift slow (a 10,000-row gap took seconds), while
 * steps of this size cost microseconds. A gap of Excel's whole height takes about a thousand.
 */
const STEP = 1000

type Sheet = ReturnType<ExcelJS.stream.xlsx.WorkbookWriter['addWorksheet']>

/** Writes the rows of a sheet at their numbers, in increasing order, never writing the empty ones between. */
class RowsAt {
  #next = 1
  readonly #ws: Sheet

  constructor(ws: Sheet) {
    this.#ws = ws
  }

  /** Row `n` (after every row written so far) holding `values`, to commit once styled. */
  row(n: number, values: unknown[]): ExcelJS.Row {
    if (n < this.#next) throw new Error(`row ${n} comes after row ${this.#next - 1}: rows are written in order`)
    for (; n - this.#next > STEP; this.#next += STEP + 1) this.#ws.getRow(this.#next + STEP).commit()
    const row = this.#ws.getRow(n)
    row.values = values as ExcelJS.CellValue[]
    this.#next = n + 1
    return row
  }
}

/** Writes the annotated workbook of `table` and its `report` to `output`. */
export async function writeAnnotated(table: ImportTable, report: ImportReport, output: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false })
  const ws = wb.addWorksheet(table.sheet.slice(0, 31) || 'Import', { views: [{ state: 'frozen', ySplit: table.headerRow }] })
  const statusColumn = table.headers.length + 1
  ws.columns = [...table.headers.map((h) => ({ width: Math.min(Math.max(h.length + 2, 10), 40) })), { width: 48 }]
  const problemCells = new Map<number, Set<string>>()
  for (const p of report.problems) {
    if (p.row === null || !p.column) continue
    if (!problemCells.has(p.row)) problemCells.set(p.row, new Set())
    problemCells.get(p.row)!.add(p.column)
  }
  const at = new RowsAt(ws)
  // A file without a header row (an empty CSV) gets the Status header on row 1.
  const header = at.row(Math.max(1, table.headerRow), [...table.headers, 'Status'])
  header.font = { bold: true }
  header.commit()
  const status = new Map(report.statuses.map((s) => [s.row, s]))
  const breather = new Breather()
  for (const r of table.rows) {
    if (breather.due()) await breather.breathe()
    const s = status.get(r.row)
    const row = at.row(r.row, [...r.cells, s ? (s.status === 'error' ? `Error: ${s.message}` : s.status === 'ok' ? (report.applied ? 'Imported' : STATUS_TEXT.ok) : STATUS_TEXT.unchanged) : ''])
    r.cells.forEach((c, i) => {
      if (c instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd'
    })
    const cell = row.getCell(statusColumn)
    if (s?.status === 'error') {
      cell.fill = RED
      cell.font = RED_TEXT
      for (const column of problemCells.get(r.row) ?? []) row.getCell(column).fill = RED
    } else cell.font = GREEN_TEXT
    row.commit()
  }
  ws.commit()

  const problems = wb.addWorksheet('Problems', { views: [{ state: 'frozen', ySplit: 3 }] })
  problems.columns = [{ width: 16 }, { width: 8 }, { width: 8 }, { width: 26 }, { width: 90 }]
  const summary = report.applied
    ? `Imported ${report.rows} rows: ${report.counts.created} new, ${report.counts.updated} changed, ${report.counts.unchanged} already there.`
    : report.problems.length
      ? `Nothing imported: ${report.problems.length} ${report.problems.length === 1 ? 'problem' : 'problems'} to fix first.`
      : `Dry run: all ${report.rows} rows can be imported (${report.counts.created} new, ${report.counts.updated} changed, ${report.counts.unchanged} already there).`
  problems.addRow([summary]).commit()
  problems.addRow([report.unknownColumns.length ? `Columns not used: ${report.unknownColumns.join(', ')}` : '']).commit()
  const head = problems.addRow(['Sheet', 'Row', 'Column', 'Code', 'Message'])
  head.font = { bold: true }
  head.commit()
  for (const p of report.problems) {
    if (breather.due()) await breather.breathe()
    problems.addRow([p.sheet, p.row, p.column, p.code, p.message]).commit()
  }
  problems.commit()
  await wb.commit()
}

