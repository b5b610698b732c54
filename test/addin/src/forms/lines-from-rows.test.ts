import { describe, expect, it } from 'vitest'
import { linesFromRows } from '../../../../addin/src/forms/lines-from-rows'
import { excelSerial } from '../../../../shared/dates'
import { parseGs1 } from '../../../../shared/gs1/scan'

/** The pane's reader of a barcode cell, on 2026-06-01. */
const readGs1 = (text: string) => {
  const read = parseGs1(text, { today: '2026-06-01' })
  return read.ok ? read : null
}

describe('lines from selected rows', () => {
  it('recognises columns by their headers, in any order, and reads Excel dates', () => {
    const { lines, unknown, error } = linesFromRows(
      ['Qty', 'Batch', ' SKU ', 'Expiry Date', 'Colour', 'Destination'],
      [[12, 'B-1', 'MILK', excelSerial('2026-12-31'), 'white', 'WH/Stock/A'], [null, null, null, null, null, null], ['1.500,5', 'B-2', 'FLOUR', '2027-01-15', '', '']],
    )
    expect(error).toBeNull()
    expect(unknown).toEqual(['Colour'])
    expect(lines).toEqual([
      { product: 'MILK', lot: 'B-1', qty: '12', from: '', to: 'WH/Stock/A', package: '', expirationDate: '2026-12-31', location: '' },
      { product: 'FLOUR', lot: 'B-2', qty: '1500.5', from: '', to: '', package: '', expirationDate: '2027-01-15', location: '' },
    ])
  })

  it('takes a serial column as the lot, and says when there is no product column', () => {
    expect(linesFromRows(['Item', 'Serial Number'], [['PHONE', 'SN-1']]).lines[0]).toMatchObject({ product: 'PHONE', lot: 'SN-1' })
    expect(linesFromRows(['Lot', 'Qty'], [['L1', 2]]).error).toMatch(/no product column/)
  })

  it('reads a column of GS1 barcodes named so, alone: product by GTIN, lot, expiry, quantity, package', () => {
    const { lines, unknown, conflicts, error } = linesFromRows(['Barcode', 'Colour'], [
      ['(01)04006381333931(17)261231(10)L-7(30)12', 'first'],
      [']C10109506000134352' + '21SN-1', ''],
      ['', 'no barcode, no product'],
    ], readGs1)
    expect(error).toBeNull()
    expect(unknown).toEqual(['Colour'])
    expect(conflicts).toEqual([])
    expect(lines).toEqual([
      { product: '04006381333931', lot: 'L-7', qty: '12', from: '', to: '', package: '', expirationDate: '2026-12-31', location: '' },
      { product: '09506000134352', lot: 'SN-1', qty: '', from: '', to: '', package: '', expirationDate: '', location: '' },
    ])
    // A month-only expiry (day 00): its last day, kept as the month.
    const month = linesFromRows(['Barcode'], [['(01)04006381333931(17)270200(10)L-8']], readGs1).lines
    expect(month).toEqual([expect.objectContaining({ lot: 'L-8', expirationDate: '2027-02-28', expirationPrecision: 'month' })])
  })

  it('finds a column of barcodes by what it holds, and names each row whose other cells disagree with it', () => {
    const { lines, unknown, conflicts, checks } = linesFromRows(['Item', 'Lot', 'Qty', 'Label'], [
      ['MILK', 'L-7', 12, '(01)04006381333931(10)L-7(30)12'],
      ['MILK', 'L-8', 5, '(01)04006381333931(10)L-9'],
      ['', '', '', '(01)04006381333931(10)L-10'],
    ], readGs1)
    expect(unknown).toEqual([])
    expect(lines.map((l) => [l.product, l.lot, l.qty])).toEqual([['MILK', 'L-7', '12'], ['MILK', 'L-8', '5'], ['04006381333931', 'L-10', '']])
    expect(conflicts).toEqual(['row 2: the lot or serial column says L-8, the barcode L-9'])
    // The product column's product must have the barcode's GTIN: checked once the product is known.
    expect(checks.map((c) => [c.row, c.line.product, c.gtin])).toEqual([[1, 'MILK', '04006381333931'], [2, 'MILK', '04006381333931']])
  })

  it('takes a column of text for no barcodes, and names the cells of a barcode column it cannot read', () => {
    const text = linesFromRows(['Item', 'Lot', 'Label'], [['MILK', 'L-1', '(01)04006381333931(10)L-1'], ['MILK', 'L-2', 'shelf 4']], readGs1)
    expect(text.unknown).toEqual(['Label'])
    expect(text.conflicts).toEqual([])
    const named = linesFromRows(['Item', 'Lot', 'GS1'], [['MILK', 'L-1', '(01)04006381333931(10)L-1'], ['MILK', 'L-2', '(01)04006381333932(10)L-2']], readGs1)
    expect(named.conflicts).toEqual(['row 2: the barcode (01)04006381333932(10)L-2 is not a GS1 barcode that can be read'])
    expect(named.lines.map((l) => l.lot)).toEqual(['L-1', 'L-2'])
  })

  it('without a product column nor a column of barcodes, says so', () => {
    expect(linesFromRows(['Lot', 'Note'], [['L1', 'x']], readGs1).error).toMatch(/no product column .* and no column of GS1 barcodes/)
  })
})
