import { beforeEach, describe, expect, it } from 'vitest'
import { selectedRows, selectionContext, writeSheet } from '../../../addin/excel'
import { excelSerial } from '../../../shared/dates'
import type { FakeExcel } from '../fake-excel'
import { traceModel } from './models'
import { useFakeExcel } from './use-fake-excel'

let fake: FakeExcel
useFakeExcel((f) => (fake = f))

describe('selectionContext on our sheet', () => {
  beforeEach(async () => {
    await writeSheet(traceModel())
    fake.resetStats()
  })

  it('takes the lot in the Lot/Serial column and the product of the same row, in one sync', async () => {
    fake.setSelection('Traceability', 'E6')
    expect(await selectionContext()).toEqual({ sheet: 'Traceability', address: 'E6', value: '00123', header: 'Lot/Serial', product: 'CHEESE', lot: '00123' })
    expect(fake.stats.syncs).toBe(1)
  })

  it('takes the row\'s product and lot whichever cell of the row is active', async () => {
    fake.setSelection('Traceability', 'A7:C8', 'A8')
    expect(await selectionContext()).toEqual({ sheet: 'Traceability', address: 'A8', value: 'WH/OUT/0004', header: 'Reference', product: 'CHEESE', lot: 'C-9' })
  })

  it('has no lot on a row without one, nor on the header row', async () => {
    fake.setSelection('Traceability', 'E9')
    expect(await selectionContext()).toMatchObject({ value: null, product: 'MILK', lot: null })
    fake.setSelection('Traceability', 'E4')
    expect(await selectionContext()).toMatchObject({ value: 'Lot/Serial', product: null, lot: null })
  })
})

describe('selectionContext on other sheets', () => {
  it('finds the product in a column left of the lot (header synonyms)', async () => {
    fake.addSheet('Receipts').set('B2', [['Item Code', 'Batch', 'Qty'], ['MILK', 'B-1', 5], ['FLOUR', 'B-2', 7]])
    fake.setSelection('Receipts', 'C4')
    expect(await selectionContext()).toEqual({ sheet: 'Receipts', address: 'C4', value: 'B-2', header: 'Batch', product: 'FLOUR', lot: 'B-2' })
  })

  it('finds the product in a column right of the lot, headers compared without case or spaces', async () => {
    fake.addSheet('Count').set('A1', [[' Lot  Number ', 'Description', 'SKU'], [12345, 'Milk', 'MILK']])
    fake.setSelection('Count', 'A2')
    expect(await selectionContext()).toEqual({ sheet: 'Count', address: 'A2', value: 12345, header: 'Lot  Number', product: 'MILK', lot: '12345' })
  })

  it('takes the lot from the lot column when the product cell is selected', async () => {
    fake.addSheet('Receipts').set('A1', [['Article', 'Qty', 'serial_number'], ['PHONE', 1, 'SN-77']])
    fake.setSelection('Receipts', 'A2')
    expect(await selectionContext()).toMatchObject({ value: 'PHONE', product: 'PHONE', lot: 'SN-77' })
  })

  it('uses the nearest product column when there are several', async () => {
    fake.addSheet('Two').set('A1', [['Product', 'x', 'x', 'Lot', 'Item'], ['FAR', 1, 2, 'L-5', 'NEAR']])
    fake.setSelection('Two', 'D2')
    expect(await selectionContext()).toMatchObject({ product: 'NEAR', lot: 'L-5' })
  })

  it('takes a lone cell as the lot, product unknown', async () => {
    fake.sheet('Sheet1').set('C3', [['L-42']])
    fake.setSelection('Sheet1', 'C3')
    expect(await selectionContext()).toEqual({ sheet: 'Sheet1', address: 'C3', value: 'L-42', header: null, product: null, lot: 'L-42' })
  })

  it('takes no lot from a quantity, a date or another column beside a lot column: the user is asked for a lot cell', async () => {
    fake.addSheet('Inventory').set('A1', [['SKU', 'Batch', 'Count', 'Note'], ['MILK', 'M-2', 12, 'top shelf']])
    fake.setSelection('Inventory', 'C2')
    expect(await selectionContext()).toEqual({ sheet: 'Inventory', address: 'C2', value: 12, header: 'Count', product: 'MILK', lot: null })
    fake.setSelection('Inventory', 'D2')
    expect(await selectionContext()).toMatchObject({ header: 'Note', product: 'MILK', lot: null })
    // Without a lot column, a column the headers do not name still holds the lot.
    fake.addSheet('Loose').set('A1', [['Product', 'Code', 'Qty'], ['MILK', 'M-9', 3]])
    fake.setSelection('Loose', 'C2')
    expect(await selectionContext()).toMatchObject({ product: 'MILK', lot: null })
    fake.setSelection('Loose', 'B2')
    expect(await selectionContext()).toMatchObject({ product: 'MILK', lot: null })
  })

  it('takes the cell as the lot under headers it does not know', async () => {
    fake.sheet('Sheet1').set('A1', [['Code', 'Name'], ['X-1', 'thing']])
    fake.setSelection('Sheet1', 'A2')
    expect(await selectionContext()).toMatchObject({ product: null, lot: 'X-1' })
  })
})

describe('selectedRows', () => {
  it('returns the whole table rows of the selected row span with their headers', async () => {
    await writeSheet(traceModel())
    fake.resetStats()
    fake.setSelection('Traceability', 'D6:E7')
    const got = await selectedRows()
    expect(got.sheet).toBe('Traceability')
    expect(got.headers).toEqual(traceModel().columns.map((c) => c.header))
    expect(got.rows).toHaveLength(2)
    expect(got.rows[0]).toEqual(['WH/MO/0002', 'CHEESE', 'Cheese', excelSerial('2026-02-02T09:00'), '00123', 'WH/Stock', 'Customers', 5, 'Units', 1, 'Downstream', 'Delivery'])
    expect(got.rows[1][0]).toBe('WH/MO/0003')
    // Look-up, the table's bounds and header, one block.
    expect(fake.stats.syncs).toBe(3)
  })

  it('leaves out the title, the header row and what lies below the table', async () => {
    await writeSheet(traceModel())
    fake.setSelection('Traceability', 'B1:B20')
    const got = await selectedRows()
    expect(got.rows.map((r) => r[0])).toEqual(['WH/IN/0001', 'WH/MO/0002', 'WH/MO/0003', 'WH/OUT/0004', 'WH/OUT/0005'])
    expect(got.rows[4][4]).toBeNull()
  })

  it('reads a large selection in blocks of at most 10,000 rows', async () => {
    const rows = Array.from({ length: 25_000 }, (_, i) => [`P-${i % 7}`, `L-${i}`, i, 46000 + (i % 300)])
    fake.addSheet('Big').set('A1', [['Product', 'Lot', 'Qty', 'Expiry'], ...rows])
    fake.setSelection('Big', 'B3:B25001')
    const got = await selectedRows()
    expect(got.headers).toEqual(['Product', 'Lot', 'Qty', 'Expiry'])
    expect(got.rows).toHaveLength(24_999)
    expect(got.rows[0]).toEqual(['P-1', 'L-1', 1, 46001])
    expect(got.rows[24_998]).toEqual(rows[24_999])
    expect(fake.stats.syncs).toBe(1 + 3)
  })

  it('reads wide regions in smaller blocks, and halves a block whose response is too large', async () => {
    const wide = Array.from({ length: 30 }, (_, c) => `C${c}`)
    fake.addSheet('Wide').set('A1', [wide, ...Array.from({ length: 7_000 }, (_, r) => wide.map((_, c) => r * 100 + c))])
    fake.setSelection('Wide', 'A2:A7001')
    expect((await selectedRows()).rows).toHaveLength(7_000)
    // 200,000 cells per block over 30 columns: 6,666 rows, then the rest.
    expect(fake.stats.syncs).toBe(1 + 2)

    fake.resetStats()
    fake.limits.response = 300_000
    const got = await selectedRows()
    expect(got.rows).toHaveLength(7_000)
    expect(got.rows[6_999][29]).toBe(699_929)
    expect(fake.stats.requests.some((r) => r.error === 'ResponsePayloadSizeLimitExceeded')).toBe(true)
  })
})
