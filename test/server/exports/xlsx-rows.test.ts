/**
 * The rows' XML written without exceljs's row objects is the XML exceljs writes for the same
 * rows: escapes and dropped control characters, formula-like text quoted, empty cells, dates and
 * date-times (at midnight: the date alone), wrapped text's row heights and indented levels.
 */
import { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { col } from '../../../shared/sheets/builders'
import { looksLikeFormula } from '../../../shared/formula-text'
import { rowLines } from '../../../shared/sheets/fit'
import type { CellValue } from '../../../shared/sheets/model'
import { quoted } from '../../../server/exports/quote-prefix'
import { columnStyles, LINE_HEIGHT, type ReportHead } from '../../../server/exports/xlsx-layout'
import { cellOf } from '../../../server/exports/xlsx-cells'
import { RowXml } from '../../../server/exports/xlsx-rows'
// Loaded for its side effect: exceljs writes the quote prefix.
import '../../../server/exports/xlsx-stream'

const head: ReportHead = {
  name: 'Rows', title: 'Rows', subtitle: '', indentColumn: 0,
  columns: [col('Name', 'text', 12, { wrap: true }), col('Qty', 'number', 8), col('Day', 'date', 12), col('When', 'datetime', 16), col('Note', 'text', 20)],
}

const ROWS: Array<{ cells: CellValue[]; level?: number }> = [
  { cells: ['Plain', 3, '2026-11-02', '2026-11-02T08:30', 'a note'] },
  { cells: ['<tag> & "quotes" \'here\'', 0.25, null, '2026-11-02', 'bell\u0007 and tab\tkept'] },
  { cells: ['=SUM(A1)', -4, '2026-02-30', null, '-1+1'] },
  { cells: ['A name long enough to wrap over three lines of a narrow column', null, null, null, null] },
  { cells: [null, 7, null, null, 'indented, no name'], level: 2 },
  { cells: ['indented name', null, null, null, '@mention'], level: 1 },
  { cells: [null, null, null, null, null] },
  { cells: ['Müller · Straße 5', 1e21, '2026-11-02', '2026-11-02T00:00', ''] },
]

/** A worksheet of a fresh streaming workbook, its title and header written, and what its stream receives from then on. */
function sheet(): { wb: ExcelJS.stream.xlsx.WorkbookWriter; ws: ExcelJS.Worksheet; written: () => string } {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new Writable({ write: (_c, _e, done) => done() }), useStyles: true, useSharedStrings: false })
  const ws = wb.addWorksheet('Rows')
  for (let r = 1; r <= 4; r++) {
    ws.getRow(r).getCell(1).value = `row ${r}`
    ws.getRow(r).commit()
  }
  const stream = (ws as unknown as { stream: { write(data: unknown): unknown } }).stream
  const chunks: string[] = []
  const write = stream.write.bind(stream)
  stream.write = (data: unknown) => {
    chunks.push(Buffer.isBuffer(data) ? data.toString('utf8') : String(data))
    return write(data)
  }
  return { wb, ws, written: () => chunks.join('') }
}

/** The rows as exceljs writes them: a row object, values, a shared style per cell, committed. */
function exceljsRows(): string {
  const { ws, written } = sheet()
  const { styles, dateOnly } = columnStyles(head.columns)
  const quotedOf = new Map<object, Partial<ExcelJS.Style>>()
  const q = (s: Partial<ExcelJS.Style>) => quotedOf.get(s) ?? quotedOf.set(s, quoted(s)).get(s)!
  const levels = new Map<number, Partial<ExcelJS.Style>>()
  ROWS.forEach(({ cells, level = 0 }, n) => {
    const values = head.columns.map((c, i) => cellOf(cells[i] ?? null, c.kind))
    const row = ws.getRow(5 + n)
    row.values = values
    const lines = rowLines(cells, head.columns)
    if (lines > 1) row.height = lines * LINE_HEIGHT
    row.eachCell((cell, column) => {
      const value = values[column - 1]
      const style = head.columns[column - 1].kind === 'datetime' && Number.isInteger(value) ? dateOnly[column - 1] : styles[column - 1]
      cell.style = looksLikeFormula(value) ? q(style) : style
    })
    if (level > 0) {
      const style = levels.get(level) ?? levels.set(level, { ...styles[0], alignment: { horizontal: 'left', vertical: 'top', indent: level } }).get(level)!
      row.getCell(1).style = looksLikeFormula(values[0]) ? q(style) : style
    }
    row.commit()
  })
  return written()
}

function rowXmlRows(): string {
  const { wb, ws, written } = sheet()
  const rows = new RowXml(wb, ws, head, 5)
  for (const { cells, level } of ROWS) rows.add(cells, level)
  rows.finish()
  expect(rows.count).toBe(ROWS.length)
  return written()
}

describe('data rows written as XML', () => {
  it('are the bytes exceljs writes for the same rows', () => {
    const ours = rowXmlRows()
    expect(ours).toBe(exceljsRows())
    // What the cases are about shows in the XML.
    expect(ours).toContain('&lt;tag&gt; &amp; &quot;quotes&quot; &apos;here&apos;')
    expect(ours).toContain('bell and tab\tkept')
    expect(ours).toMatch(/<row r="8" ht="(\d+)" customHeight="1"/)
    expect(Number(/<row r="8" ht="(\d+)"/.exec(ours)?.[1])).toBeGreaterThan(LINE_HEIGHT * 2)
    expect(ours).not.toContain('<row r="11"')
  })

  it('refuses a sheet whose rows before the first are not committed', () => {
    const { wb, ws } = sheet()
    ws.getRow(5).getCell(1).value = 'pending'
    expect(() => new RowXml(wb, ws, head, 5)).toThrow(/not committed/)
  })
})
