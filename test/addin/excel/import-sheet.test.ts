import { describe, expect, it } from 'vitest'
import { activeSheetRows, writeStatusColumn, MARKS_SETTING } from '../../../addin/excel/import-sheet'
import { headersFit } from '../../../shared/import/kinds'
import type { FakeExcel } from '../fake-excel'
import { useFakeExcel } from './use-fake-excel'

let fake: FakeExcel
useFakeExcel((f) => {
  fake = f
  fake.addSheet('Receipts')
  fake.sheet('Receipts').set('B1', [
    ['Goods received in May', null, null, null],
    [null, null, null, null],
    ['Reference', 'SKU', 'Batch', 'Qty'],
    ['PO-1', 'MILK', 'L1', 5],
    [null, null, null, null],
    ['PO-1', 'BOLT', null, 3],
  ])
  fake.setSelection('Receipts', 'C5')
})

const fits = (h: string[]) => headersFit('receipts', h)

describe('the active sheet as rows to import', () => {
  it('finds the header under a title, skips blank rows, and keeps row numbers as the sheet shows them', async () => {
    expect(await activeSheetRows(fits)).toEqual({
      file: 'Book1.xlsx', sheet: 'Receipts', headerRow: 3, headers: ['Reference', 'SKU', 'Batch', 'Qty'],
      rows: [{ row: 4, cells: ['PO-1', 'MILK', 'L1', 5] }, { row: 6, cells: ['PO-1', 'BOLT', null, 3] }],
    })
  })

  it('has no rows when no header fits', async () => {
    expect((await activeSheetRows((h) => headersFit('products', h))).rows).toEqual([])
  })

  it('reads large sheets in blocks', async () => {
    fake.sheet('Receipts').set('B7', Array.from({ length: 25_000 }, (_, i) => [`PO-${i}`, 'BOLT', null, 1]))
    fake.resetStats()
    const sheet = await activeSheetRows(fits)
    expect(sheet.rows).toHaveLength(25_002)
    expect(fake.stats.syncs).toBe(2 + 3)
  })
})

describe('the Status column', () => {
  it('says how each row went, errors in red with the cells at fault, and a second check starts clean', async () => {
    await writeStatusColumn('Receipts', 3, 4, [
      { row: 4, status: 'ok', message: 'imported' },
      { row: 6, status: 'error', message: 'C: BOLT is not tracked by lot or serial' },
    ], ['D6'], false)
    const ws = fake.sheet('Receipts')
    expect(ws.values('F3:F6')).toEqual([['Status'], ['OK'], [''], ['Error: C: BOLT is not tracked by lot or serial']])
    expect(ws.cell('F6').fill).toBe('#FDE7E9')
    expect(ws.cell('D6').fill).toBe('#FDE7E9')
    expect(ws.cell('F4').fill).toBeFalsy()
    expect(JSON.parse(String(fake.settings()[MARKS_SETTING]))).toEqual({ Receipts: ['D6'] })
    // The sheet is read again without its Status column.
    expect((await activeSheetRows(fits)).headers).toEqual(['Reference', 'SKU', 'Batch', 'Qty'])
    await writeStatusColumn('Receipts', 3, 4, [{ row: 4, status: 'unchanged', message: '' }, { row: 6, status: 'ok', message: 'imported' }], [], true)
    expect(ws.values('F4:F6')).toEqual([['Already imported'], [''], ['Imported']])
    expect(ws.cell('F6').fill).toBeFalsy()
    expect(ws.cell('D6').fill).toBeFalsy()
  })
})
