import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { writeAnnotated } from '../../../server/import/annotate'
import type { ImportTable } from '../../../server/import/table'
import type { ImportReport } from '../../../shared/import/report'
import { MAX_ROWS } from '../../../shared/xlsx'
import { zipEntryText } from '../../helpers/zip'

async function annotated(table: ImportTable, report: ImportReport): Promise<Buffer> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  await writeAnnotated(table, report, out)
  return Buffer.concat(chunks)
}

describe('the annotated copy', () => {
  it('writes each row at its number, over gaps of any length up to Excel\'s last row, and nothing between', async () => {
    const rows = [{ row: 4, cells: ['PO-1', 1] }, { row: 1_000, cells: ['PO-2', 2] }, { row: 5_000, cells: ['PO-3', 3] }, { row: MAX_ROWS, cells: ['PO-4', 4] }]
    const table: ImportTable = { file: 'Book1.xlsx', sheet: 'Receipts', headerRow: 3, headers: ['Reference', 'Qty'], rows, skipped: [] }
    const report: ImportReport = {
      kind: 'receipts', file: 'Book1.xlsx', sheet: 'Receipts', dryRun: true, applied: false, rows: 4, counts: { created: 4, updated: 0, unchanged: 0 },
      unknownColumns: [], skippedSheets: [], problems: [], statuses: rows.map((r) => ({ row: r.row, status: 'ok' as const, message: 'ok (dry run)' })),
    }
    const file = await annotated(table, report)
    const xml = zipEntryText(file, 'xl/worksheets/sheet1.xml')!
    expect([...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([3, 4, 1_000, 5_000, MAX_ROWS])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(file as never)
    const ws = wb.getWorksheet('Receipts')!
    expect(ws.getRow(3).values).toEqual([undefined, 'Reference', 'Qty', 'Status'])
    expect(ws.getRow(MAX_ROWS).values).toEqual([undefined, 'PO-4', 4, 'OK'])
  })
})
