import { describe, expect, it } from 'vitest'
import { col } from '../../../shared/sheets/builders'
import { fitColumns, rowLines, shownLength, wrappedLines } from '../../../shared/sheets/fit'

describe('column widths fitted to the cells', () => {
  it('counts what a cell shows: a date as 10 characters, a date-time at midnight as its date, letters as code points', () => {
    expect(shownLength('2026-06-01', 'date')).toBe(10)
    expect(shownLength('2026-06-01T10:00', 'datetime')).toBe(16)
    expect(shownLength('2026-06-01', 'datetime')).toBe(10)
    expect(shownLength('Zoë 🧀', 'text')).toBe(5)
    expect(shownLength(null, 'text')).toBe(0)
  })

  it('fits the longest cell and the header with its filter button, up to the column\'s most', () => {
    const columns = [col('Lot/Serial', 'text', 16), col('Date', 'datetime', 17), col('Name', 'text', 20, { wrap: true }), col('Qty', 'number', 10)]
    const fitted = fitColumns(columns, [['L1', '2026-06-01', 'x'.repeat(40), 5], ['L2', '2026-06-01T10:00', 'short', 12345]])
    // Lot/Serial: its header (10) and the button; Date: a time in it; Name: wraps at its 20; Qty: its header.
    expect(fitted.map((c) => c.width)).toEqual([12, 17, 20, 7])
    expect(fitColumns(columns, [])).toBe(columns)
  })

  it('widens the indented column by its deepest level', () => {
    const [fitted] = fitColumns([col('Reference', 'text', 20)], [['PO-1'], ['MO-1']], { column: 0, levels: [0, 4] })
    // 4 characters and 4 levels of 2: 12 → 14.2 → 15 with a character between columns.
    expect(fitted.width).toBe(15)
  })

  it('counts the lines wrapped text takes, words whole, long words broken', () => {
    expect(wrappedLines('Whole milk 1 L bottle', 30)).toBe(1)
    expect(wrappedLines('Strawberry yoghurt 4 × 125 g', 26)).toBe(1)
    expect(wrappedLines('one two three four five six', 10)).toBe(3)
    expect(wrappedLines('line one\nline two', 30)).toBe(2)
    expect(wrappedLines('x'.repeat(25), 10)).toBe(3)
    // Characters, not UTF-16 units: five emoji and a word fit two lines of four.
    expect(wrappedLines('😀😀😀😀😀 ab', 4)).toBe(2)
    expect(wrappedLines('a\n\nb', 10)).toBe(3)
    expect(wrappedLines('a   b', 3)).toBe(2)
    expect(rowLines(['a', 'one two three four five six'], [col('A', 'text', 5), col('B', 'text', 10, { wrap: true })])).toBe(3)
    expect(rowLines(['one two three four five six'], [col('A', 'text', 10)])).toBe(1)
  })
})
