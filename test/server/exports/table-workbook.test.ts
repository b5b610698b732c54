/**
 * A workbook written from tables by the sheet workers is the workbook writeWorkbook writes from
 * the same rows, part for part (only the zip's compression differs): escapes, control characters,
 * formula-like text quoted, dates, date-times at midnight, month-only dates, wrapped rows' heights,
 * empty cells, and the style ids of styles first used late, in a later part or a later sheet.
 */
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { PartWriters } from '../../../server/exports/part-writers'
import { SheetWorkers } from '../../../server/exports/sheet-workers'
import { writeWorkbook } from '../../../server/exports/xlsx-stream'
import { zipEntryText } from '../../helpers/zip'
import { bytesOf, PARTS, SHEETS, tableWorkbook } from './table-book'

/** Writers that give every part to `workers`, however small the workbook. */
const onWorkers = (workers: SheetWorkers) => new PartWriters(0, () => workers)

describe('a workbook written from tables by the sheet workers', () => {
  it('holds the parts writeWorkbook writes from the same rows, byte for byte', async () => {
    const expected = await bytesOf((out) => writeWorkbook(SHEETS.map(({ head, rows }) => ({ head, rows: [{ rows }] })), out))
    const workers = new SheetWorkers(2)
    try {
      for (const partRows of [4, 1000]) {
        const actual = await tableWorkbook(onWorkers(workers), partRows)
        for (const name of PARTS) expect(zipEntryText(actual, name), `${name} in parts of ${partRows}`).toBe(zipEntryText(expected, name))
      }
      // What the cases are about shows in the XML, and the file opens.
      const sheet1 = zipEntryText(expected, 'xl/worksheets/sheet1.xml')!
      expect(sheet1).toContain('&lt;tag&gt; &amp; &quot;quotes&quot;')
      expect(sheet1).toMatch(/<row r="5" ht="\d+" customHeight="1"/)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(await tableWorkbook(onWorkers(workers), 5) as unknown as ExcelJS.Buffer)
      expect(wb.worksheets.map((w) => w.name)).toEqual(['Events', 'Notes & more', 'Empty'])
      expect(wb.getWorksheet('Events')!.getCell('A26').value).toBe('=SUM(A1)')
    } finally {
      await workers.close()
    }
  })

  it('fails with an error, not a wait, when a worker cannot start', async () => {
    const workers = new SheetWorkers(1, new URL('./failing-sheet-worker.ts', import.meta.url))
    try {
      await expect(tableWorkbook(onWorkers(workers), 10)).rejects.toThrow(/a sheet worker (failed|exited)/)
    } finally {
      await workers.close()
    }
  })
})
