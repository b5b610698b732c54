import { describe, expect, it } from 'vitest'
import { linesFromRows } from '../../../../addin/src/forms/lines-from-rows'
import { excelSerial } from '../../../../shared/dates'

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
})
