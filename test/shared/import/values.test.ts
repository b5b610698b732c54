import { describe, expect, it } from 'vitest'
import { KINDS } from '../../../shared/import/kinds'
import { fieldOf, matchHeaders, normalizeHeader } from '../../../shared/import/headers'
import { parseDateText, readCell } from '../../../shared/import/values'

describe('dates typed as text', () => {
  it('read ISO always, and other orders only as the workspace says', () => {
    expect(parseDateText('2026-04-03', 'DMY')).toEqual({ value: '2026-04-03' })
    expect(parseDateText('2026-04-03T10:00:00Z', 'MDY')).toEqual({ value: '2026-04-03' })
    expect(parseDateText('03/04/2026', 'DMY')).toEqual({ value: '2026-04-03' })
    expect(parseDateText('03/04/2026', 'MDY')).toEqual({ value: '2026-03-04' })
    expect(parseDateText('3.4.2026', 'DMY')).toEqual({ value: '2026-04-03' })
    expect(parseDateText('2026/04/03', 'YMD')).toEqual({ value: '2026-04-03' })
    expect(parseDateText('3 April 2026', 'MDY')).toEqual({ value: '2026-04-03' })
    expect(parseDateText('Apr 3, 2026', 'DMY')).toEqual({ value: '2026-04-03' })
  })

  it('refuse what they cannot read without guessing, saying why', () => {
    expect(parseDateText('12/31/2026', 'DMY')).toEqual({ error: '"12/31/2026" is not a real day-first (DD/MM/YYYY) date' })
    expect(parseDateText('03/04/26', 'DMY')).toEqual({ error: '"03/04/26": write the year with 4 digits' })
    expect(parseDateText('2026/04/03', 'DMY')).toEqual({ error: '"2026/04/03" does not follow the workspace\'s date format, day-first (DD/MM/YYYY); write it as YYYY-MM-DD' })
    expect(parseDateText('31/02/2026', 'DMY')).toMatchObject({ error: expect.stringContaining('not a real') })
    expect(parseDateText('soon', 'DMY')).toMatchObject({ error: expect.stringContaining('is not a date') })
  })
})

describe('cells read by kind', () => {
  it('read numbers with separators, whole numbers, text, and Excel dates', () => {
    expect(readCell(' 1,250.5 ', 'number', 'DMY')).toEqual({ value: 1250.5 })
    expect(readCell('1.250,5', 'number', 'DMY')).toEqual({ value: 1250.5 })
    expect(readCell(3, 'integer', 'DMY')).toEqual({ value: 3 })
    expect(readCell(3.5, 'integer', 'DMY')).toEqual({ error: '3.5 is not a whole number' })
    expect(readCell('x', 'number', 'DMY')).toEqual({ error: '"x" is not a number' })
    expect(readCell('  L-1  ', 'text', 'DMY')).toEqual({ value: 'L-1' })
    expect(readCell(123, 'text', 'DMY')).toEqual({ value: '123' })
    expect(readCell(new Date(Date.UTC(2026, 10, 20)), 'date', 'DMY')).toEqual({ value: '2026-11-20' })
    expect(readCell(46346, 'date', 'DMY')).toEqual({ value: '2026-11-20' })
    expect(readCell('   ', 'number', 'DMY')).toEqual({ value: null })
    expect(readCell(null, 'date', 'DMY')).toEqual({ value: null })
  })
})

describe('import kinds', () => {
  it('name every template column so that the import reads it back as its field', () => {
    for (const spec of Object.values(KINDS)) {
      for (const c of spec.columns) expect(fieldOf(c.header), `${spec.kind}: ${c.header}`).toBe(c.field)
    }
  })

  it('match headers whatever their case, spacing or order, and report the others', () => {
    expect(normalizeHeader('  Lot /  Serial ')).toBe('lot/serial')
    const { columns, unknown } = matchHeaders(['Batch No', 'QTY', 'colour', 'Item Code'], ['product', 'lot', 'qty'])
    expect(columns).toEqual({ lot: 0, qty: 1, product: 3 })
    expect(unknown).toEqual(['colour'])
  })

  it('read "Reference" as the lot\'s own reference where a kind has no operation reference', () => {
    expect(matchHeaders(['Product', 'Lot/Serial', 'Reference'], ['product', 'lot', 'ref']).columns).toEqual({ product: 0, lot: 1, ref: 2 })
    expect(matchHeaders(['Reference', 'Product'], ['reference', 'product', 'ref']).columns).toEqual({ reference: 0, product: 1 })
  })
})
