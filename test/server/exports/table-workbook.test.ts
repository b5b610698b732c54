/**
 * A workbook written from tables by the sheet workers is the workbook writeWorkbook writes from
 * the same rows, part for part (only the zip's compression differs): escapes, control characters,
 * formula-like text quoted, dates, date-times at midnight, month-only dates, wrapped rows' heights,
 * empty cells, and the style ids of styles first used late, in a later part or a later sheet.
 */
import { PassThrough, Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { col } from '../../../shared/sheets/builders'
import type { CellValue } from '../../../shared/sheets/model'
import { SheetParts, type SheetTable } from '../../../server/exports/sheet-table'
import { SheetWorkers } from '../../../server/exports/sheet-workers'
import { TableBook, type BookSheet } from '../../../server/exports/table-workbook'
import type { ReportHead } from '../../../server/exports/xlsx-layout'
import { writeWorkbook } from '../../../server/exports/xlsx-stream'
import { zipEntryText } from '../../helpers/zip'

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

const SHEETS: Array<{ head: ReportHead; rows: CellValue[][] }> = [
  { head: EVENTS, rows: eventRows(23) },
  { head: NOTES, rows: noteRows(9) },
  { head: EMPTY, rows: [] },
]

const PARTS = [
  'xl/theme/theme1.xml', '_rels/.rels', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml', '[Content_Types].xml',
  'docProps/app.xml', 'xl/styles.xml', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml',
]

async function bytesOf(write: (out: Writable) => Promise<unknown>): Promise<Buffer> {
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
async function tableWorkbook(workers: SheetWorkers, partRows: number): Promise<Buffer> {
  const book = new TableBook<number>(workers, () => BOOK)
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

describe('a workbook written from tables by the sheet workers', () => {
  it('holds the parts writeWorkbook writes from the same rows, byte for byte', async () => {
    const expected = await bytesOf((out) => writeWorkbook(SHEETS.map(({ head, rows }) => ({ head, rows: [{ rows }] })), out))
    const workers = new SheetWorkers(2)
    try {
      for (const partRows of [4, 1000]) {
        const actual = await tableWorkbook(workers, partRows)
        for (const name of PARTS) expect(zipEntryText(actual, name), `${name} in parts of ${partRows}`).toBe(zipEntryText(expected, name))
      }
      // What the cases are about shows in the XML, and the file opens.
      const sheet1 = zipEntryText(expected, 'xl/worksheets/sheet1.xml')!
      expect(sheet1).toContain('&lt;tag&gt; &amp; &quot;quotes&quot;')
      expect(sheet1).toMatch(/<row r="5" ht="\d+" customHeight="1"/)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(await tableWorkbook(workers, 5) as unknown as ExcelJS.Buffer)
      expect(wb.worksheets.map((w) => w.name)).toEqual(['Events', 'Notes & more', 'Empty'])
      expect(wb.getWorksheet('Events')!.getCell('A26').value).toBe('=SUM(A1)')
    } finally {
      await workers.close()
    }
  })

  it('fails with an error, not a wait, when a worker cannot start', async () => {
    const workers = new SheetWorkers(1, new URL('./failing-sheet-worker.ts', import.meta.url))
    try {
      await expect(tableWorkbook(workers, 10)).rejects.toThrow(/a sheet worker (failed|exited)/)
    } finally {
      await workers.close()
    }
  })
})
