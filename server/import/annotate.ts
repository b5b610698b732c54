/**
 * The imported file handed back annotated: the same rows (at the same row numbers) with a Status
 * column in the words every import uses (status-text.ts), errors in red on the row and on the
 * cell at fault, and a Problems sheet. The Status column sits right of the header's last column
 * whatever a row holds (a row's blank cells at its end are not dropped before it), and a Status
 * column an earlier check wrote is written over, not doubled: the checked file, once fixed,
 * imports as it is. Text that a spreadsheet would take for a formula once edited is marked as
 * quoted text. Written with exceljs's streaming writer, row by row, letting other requests in as
 * it goes; rows between those of the table are not written at all.
 */
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { FLAG_COLORS } from '../../shared/sheets/model'
import type { ImportReport } from '../../shared/import/report'
import { STATUS_HEADER, statusColumnOf, statusText } from '../../shared/import/status-text'
import { summaryText } from '../../shared/import/summary'
import { looksLikeFormula } from '../../shared/formula-text'
import { enableQuotePrefix, quoted } from '../exports/quote-prefix'
import { Breather } from './breather'
import type { ImportTable } from './table'

enableQuotePrefix(ExcelJS)

const RED = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: `FF${FLAG_COLORS.expired.slice(1)}` } }
const RED_TEXT = { color: { argb: `FF${FLAG_COLORS.expiredText.slice(1)}` } }
const GREEN_TEXT = { color: { argb: 'FF107C10' } }

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

/** The column (0-based) of the Status: the one an earlier check wrote, else the first right of the headers. */
function statusColumn(headers: string[]): number {
  const earlier = statusColumnOf(headers)
  if (earlier !== -1) return earlier
  let width = headers.length
  while (width > 0 && !String(headers[width - 1] ?? '').trim()) width--
  return width
}

/**
 * Commits `row`, written from `values`, with its text cells that look like formulas marked as
 * quoted text. The values are looked at first: a cell is reached (and made) only when it needs
 * marking, as a large file's rows rarely do.
 */
function commitQuoted(row: ExcelJS.Row, values: readonly unknown[]): void {
  values.forEach((v, i) => {
    if (looksLikeFormula(v)) row.getCell(i + 1).style = quoted(row.getCell(i + 1).style)
  })
  row.commit()
}

/** Writes the annotated workbook of `table` and its `report` to `output`. */
export async function writeAnnotated(table: ImportTable, report: ImportReport, output: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false })
  const ws = wb.addWorksheet(table.sheet.slice(0, 31) || 'Import', { views: [{ state: 'frozen', ySplit: table.headerRow }] })
  const width = statusColumn(table.headers)
  const headers = [...table.headers.slice(0, width), ...Array<string>(Math.max(0, width - table.headers.length)).fill(''), STATUS_HEADER]
  ws.columns = headers.map((h, i) => ({ width: i === width ? 48 : Math.min(Math.max(h.length + 2, 10), 40) }))
  const problemCells = new Map<number, Set<string>>()
  for (const p of report.problems) {
    if (p.row === null || !p.column) continue
    if (!problemCells.has(p.row)) problemCells.set(p.row, new Set())
    problemCells.get(p.row)!.add(p.column)
  }
  const at = new RowsAt(ws)
  // A file without a header row (an empty CSV) gets the Status header on row 1.
  const header = at.row(Math.max(1, table.headerRow), headers)
  header.font = { bold: true }
  commitQuoted(header, headers)
  const status = new Map(report.statuses.map((s) => [s.row, s]))
  const breather = new Breather()
  for (const r of table.rows) {
    if (breather.due()) await breather.breathe()
    const s = status.get(r.row)
    // Every row as wide as the header (its cells cut there, or its blank end kept), then its Status.
    const cells = r.cells.length >= width ? r.cells.slice(0, width) : [...r.cells, ...Array<null>(width - r.cells.length).fill(null)]
    const values = [...cells, s ? statusText(s, report.applied) : '']
    const row = at.row(r.row, values)
    cells.forEach((c, i) => {
      if (c instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd'
    })
    const cell = row.getCell(width + 1)
    if (s?.status === 'error') {
      cell.fill = RED
      cell.font = RED_TEXT
      for (const column of problemCells.get(r.row) ?? []) row.getCell(column).fill = RED
    } else cell.font = GREEN_TEXT
    commitQuoted(row, values)
  }
  ws.commit()

  const problems = wb.addWorksheet('Problems', { views: [{ state: 'frozen', ySplit: 3 }] })
  problems.columns = [{ width: 16 }, { width: 8 }, { width: 8 }, { width: 26 }, { width: 90 }]
  problems.addRow([summaryText(report)]).commit()
  const unused = [report.unknownColumns.length ? `Columns not used: ${report.unknownColumns.join(', ')}` : '']
  commitQuoted(problems.addRow(unused), unused)
  const head = problems.addRow(['Sheet', 'Row', 'Column', 'Code', 'Message'])
  head.font = { bold: true }
  head.commit()
  for (const p of report.problems) {
    if (breather.due()) await breather.breathe()
    const values = [p.sheet, p.row, p.column, p.code, p.message]
    commitQuoted(problems.addRow(values), values)
  }
  problems.commit()
  await wb.commit()
}

