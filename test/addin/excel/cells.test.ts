import { describe, expect, it } from 'vitest'
import { chunkEnd, dueFormula, excelRow, indentRuns, prepareRows, rowFormats } from '../../../addin/excel/cells'
import { isLotHeader, isProductHeader } from '../../../addin/excel/headers'
import { parseRegistry, updateRegistry } from '../../../addin/excel/settings'
import type { SheetColumn, SheetModel } from '../../../shared/sheets/model'

describe('cells', () => {
  it('turns ISO dates into serials and leaves other values alone', () => {
    const cols: SheetColumn[] = [{ header: 'D', kind: 'date', width: 1 }, { header: 'T', kind: 'datetime', width: 1 }, { header: 'X', kind: 'text', width: 1 }]
    expect(excelRow(['2000-01-01', '2000-01-01T12:00', '2000-01-01'], cols)).toEqual([36526, 36526.5, '2000-01-01'])
    expect(excelRow(['unknown', null, null], cols)).toEqual(['unknown', null, null])
    expect(excelRow([], cols)).toEqual([null, null, null])
  })

  it('writes a month-only date as its last day, formatted as the month; other rows share their columns\' formats', () => {
    const cols: SheetColumn[] = [{ header: 'E', kind: 'date', width: 1 }, { header: 'T', kind: 'text', width: 1 }]
    const model = { rows: [['2024-02', '2024-02'], ['2024-02-29', 'x']], columns: cols } as SheetModel
    const { cells, formats } = prepareRows(model)
    // 2024-02-29 is serial 45351: the month stays a real date that sorts among the days.
    expect(cells).toEqual([[45351, '2024-02'], [45351, 'x']])
    expect(formats).toEqual([['yyyy-mm', '@'], ['yyyy-mm-dd', '@']])
    expect(rowFormats(model.rows[1], cols, formats[1])).toBe(formats[1])
  })

  it('fills chunks up to the budget, at least one row, at most maxRows', () => {
    const sizes = [40, 40, 40, 40, 500, 10]
    expect(chunkEnd(sizes, 0, 100)).toBe(2)
    expect(chunkEnd(sizes, 4, 100)).toBe(5)
    expect(chunkEnd(sizes, 0, 10_000, 3)).toBe(3)
    expect(chunkEnd(sizes, 5, 100)).toBe(6)
  })

  it('groups indentation into runs of equal levels above zero, within Excel limits', () => {
    expect(indentRuns([0, 1, 1, 2, 0, 0, 3, 300, -1])).toEqual([
      { start: 1, count: 2, level: 1 }, { start: 3, count: 1, level: 2 }, { start: 6, count: 1, level: 3 }, { start: 7, count: 1, level: 250 },
    ])
  })

  it('flags a date on or before today, not blank, relative to the first data row', () => {
    expect(dueFormula(6)).toBe('=AND($G5<>"",$G5<=TODAY())')
  })
})

describe('headers', () => {
  it('recognises product and lot headers whatever the case and spacing', () => {
    expect(['Product', ' SKU ', 'item code', 'Item_Code', 'ARTICLE', 'Product-Code'].every(isProductHeader)).toBe(true)
    expect(['Lot', 'Lot/Serial', 'batch', 'Serial Number', 'lot number', 'Lot #'].every(isLotHeader)).toBe(true)
    expect(['Products', 'Quantity', '', null].some(isProductHeader)).toBe(false)
  })
})

describe('sheet registry', () => {
  it('reads objects or JSON, dropping what is not a source', () => {
    expect(parseRegistry({ Stock: { kind: 'stock' }, Bad: { kind: 'nope' }, Worse: 3 })).toEqual({ Stock: { kind: 'stock' } })
    expect(parseRegistry('{"Lots":{"kind":"lots"}}')).toEqual({ Lots: { kind: 'lots' } })
    expect(parseRegistry('{oops')).toEqual({})
    expect(parseRegistry(null)).toEqual({})
  })

  it('drops sheets that are gone when a sheet is written', () => {
    expect(updateRegistry({ A: { kind: 'lots' }, B: { kind: 'expiring' } }, ['B', 'Sheet1'], 'C', { kind: 'stock' })).toEqual({ B: { kind: 'expiring' }, C: { kind: 'stock' } })
  })
})
