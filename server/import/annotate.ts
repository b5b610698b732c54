/**
 * The imported file handed back annotated: the same rows (at the same row numbers) with a Status
 * column, errors in red on the row and on the cell at fault, and a Problems sheet. Written with
 * exceljs's streaming writer, row by row.
 */
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { FLAG_COLORS } from '../../shared/sheets/model'
import type { ImportReport } from '../../shared/import/report'
import type { ImportTable } from './table'

const RED = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: `FF${FLAG_COLORS.expired.slice(1)}` } }
const RED_TEXT = { color: { argb: `FF${FLAG_COLORS.expiredText.slice(1)}` } }
const GREEN_TEXT = { color: { argb: 'FF107C10' } }

const STATUS_TEXT = { ok: 'OK', unchanged: 'Already imported', error: 'Error' } as const

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
  for (let n = 1; n < table.headerRow; n++) ws.addRow([]).commit()
  const header = ws.addRow([...table.headers, 'Status'])
  header.font = { bold: true }
  header.commit()
  const status = new Map(report.statuses.map((s) => [s.row, s]))
  let next = table.headerRow + 1
  for (const r of table.rows) {
    for (; next < r.row; next++) ws.addRow([]).commit()
    const s = status.get(r.row)
    const row = ws.addRow([...r.cells, s ? (s.status === 'error' ? `Error: ${s.message}` : s.status === 'ok' ? (report.applied ? 'Imported' : STATUS_TEXT.ok) : STATUS_TEXT.unchanged) : ''])
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
    next = r.row + 1
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
  for (const p of report.problems) problems.addRow([p.sheet, p.row, p.column, p.code, p.message]).commit()
  problems.commit()
  await wb.commit()
}

