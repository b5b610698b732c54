/**
 * A workbook of three sheets written from tables (table-workbook.test.ts, part-writers.test.ts),
 * and the same rows as writeWorkbook takes them: escapes, control characters, formula-like text,
 * dates, date-times at midnight, month-only dates, wrapped rows, empty cells, a sheet without
 * rows, and styles first used late, in a later part or a later sheet.
 */
import { PassThrough, type Writable } from 'node:stream'
import { col } from '../../../shared/sheets/builders'
import type { CellValue } from '../../../shared/sheets/model'
import type { PartWriters } from '../../../server/exports/part-writers'
import { SheetParts, type SheetTable } from '../../../server/exports/sheet-table'
import { TableBook, type BookSheet } from '../../../server/exports/table-workbook'
import type { ReportHead } from '../../../server/exports/xlsx-layout'

const EVENTS: ReportHead = {
  name: 'Events', title: 'Events: all', subtitle: 'a subtitle',
  columns: [col('Lot', 'text', 12), col('Place', 'text', 14, { wrap: true }), col('Qty', 'number', 8), col('Day', 'date', 12), col('When', 'datetime', 16)],
}
const NOTES: ReportHead = {
  name: 'Notes & more', title: 'Notes', subtitle: '', columns: [col('Note', 'text', 20, { wrap: true }), col('Count', 'number', 8), col('Where', 'text', 10)],
}
const EMPTY: ReportHead = { name: 'Empty', title: 'Nothing', subtitle: '', columns: [col('A', 'text', 10)] }

function eventRows(n: number): CellValue[][] {
  return Array.from({ length: n }, (_, i): CellValue[] => {
    if (i === n - 2) return ['=SUM(A1)', '-1+1', -4, '2026-02', '2026-11-02']
    if (i === n - 1) return ['<tag> & "quotes"', 'bell\u0007 and tab\tkept', 0.25, '2026-02-30', null]
    return [`L-${i}`, i % 3 ? 'Warehouse stock' : 'A place named at such length that it wraps over lines', i % 7 ? i * 1.5 : null, '2026-11-02', `2026-11-02T0${i % 10}:30`]
  })
}
const noteRows = (n: number): CellValue[][] => Array.from({ length: n }, (_, i) => [i % 2 ? `note ${i}` : '', i % 5 ? i : null, 'here'])

/** The sheets and their rows: 23 events, 9 notes, none in the last. */
export const SHEETS: Array<{ head: ReportHead; rows: CellValue[][] }> = [
  { head: EVENTS, rows: eventRows(23) },
  { head: NOTES, rows: noteRows(9) },
  { head: EMPTY, rows: [] },
]

/** Rows of SHEETS in all. */
export const SHEET_ROWS = SHEETS.reduce((n, s) => n + s.rows.length, 0)

/** The zip entries of the workbook. */
export const PARTS = [
  'xl/theme/theme1.xml', '_rels/.rels', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml', '[Content_Types].xml',
  'docProps/app.xml', 'xl/styles.xml', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml',
]

/** What `write` writes into a stream, to its end. */
export async function bytesOf(write: (out: Writable) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const ended = new Promise((resolve) => out.on('end', resolve))
  await write(out)
  await ended
  return Buffer.concat(chunks)
}

const BOOK: Array<BookSheet<number>> = SHEETS.map(({ head }, key) => ({ key, head }))

/**
 * The workbook of SHEETS from tables of `partRows` rows, their parts given in turns (a part of
 * each sheet, then the next of each): a style first used in a later part of one sheet changes
 * the ids of the sheets after it, whose parts given before are written again.
 */
export async function tableWorkbook(writers: PartWriters, partRows: number): Promise<Buffer> {
  const book = new TableBook<number>(writers, () => BOOK)
  const parts: SheetTable[][] = SHEETS.map(({ head, rows }) => {
    const sheet = new SheetParts(head.columns, partRows)
    for (const row of rows) sheet.add(row)
    return sheet.take(true)
  })
  for (let turn = 0; parts.some((p) => p.length > turn); turn++) {
    for (const [key, sheet] of parts.entries()) if (sheet[turn]) await book.add(key, sheet[turn])
  }
  return bytesOf((out) => book.write(BOOK, out))
}
