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
      const fields = spec.columns.map((c) => c.field)
      // Read as an import of the kind reads them: a partners' Code is the partner, elsewhere a location.
      const read = matchHeaders(spec.columns.map((c) => c.header), fields).columns
      spec.columns.forEach((c, i) => expect(read[c.field], `${spec.kind}: ${c.header}`).toBe(i))
    }
    expect(fieldOf('Code')).toBe('location')
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

describe('dates outside the range (1900-01-01 to 9999-12-31)', () => {
  it('are refused as text, naming the end they pass', () => {
    expect(parseDateText('1899-12-31', 'DMY')).toEqual({ error: '"1899-12-31" falls before 1900-01-01: dates run from 1900-01-01 to 9999-12-31' })
    expect(parseDateText('31/12/0999', 'DMY')).toEqual({ error: '"31/12/0999" falls before 1900-01-01: dates run from 1900-01-01 to 9999-12-31' })
    expect(parseDateText('1 Jan 1900', 'DMY')).toEqual({ value: '1900-01-01' })
    expect(parseDateText('9999-12-31', 'DMY')).toEqual({ value: '9999-12-31' })
    expect(readCell('0001-01-01', 'date', 'DMY')).toMatchObject({ error: expect.stringContaining('falls before 1900-01-01') })
  })

  it('are refused as serials beyond Excel\'s dates, and Excel\'s 1900-02-29 is refused as the day that never was', () => {
    expect(readCell(1, 'date', 'DMY')).toEqual({ value: '1900-01-01' })
    expect(readCell(59, 'date', 'DMY')).toEqual({ value: '1900-02-28' })
    expect(readCell(61, 'date', 'DMY')).toEqual({ value: '1900-03-01' })
    expect(readCell(2_958_465.5, 'date', 'DMY')).toEqual({ value: '9999-12-31' })
    expect(readCell(60, 'date', 'DMY')).toEqual({ error: '60 is 1900-02-29 in Excel, a day that never was' })
    expect(readCell(0, 'date', 'DMY')).toMatchObject({ error: expect.stringContaining('is not a date') })
    expect(readCell(2_958_466, 'date', 'DMY')).toMatchObject({ error: expect.stringContaining('is not a date') })
  })

  it('read date cells as Excel shows them, also in January and February 1900 (exceljs counts those a day early)', () => {
    // exceljs gives serial n as 1899-12-30 plus n days: serial 1 (Excel's 1900-01-01) as 1899-12-31.
    const asExceljs = (serial: number) => new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000)
    expect(readCell(asExceljs(1), 'date', 'DMY')).toEqual({ value: '1900-01-01' })
    expect(readCell(asExceljs(59), 'date', 'DMY')).toEqual({ value: '1900-02-28' })
    expect(readCell(asExceljs(60), 'date', 'DMY')).toMatchObject({ error: expect.stringContaining('never was') })
    expect(readCell(asExceljs(61), 'date', 'DMY')).toEqual({ value: '1900-03-01' })
    expect(readCell(asExceljs(2_958_465), 'date', 'DMY')).toEqual({ value: '9999-12-31' })
    expect(readCell(new Date(Date.UTC(10_000, 0, 1)), 'date', 'DMY')).toMatchObject({ error: expect.stringContaining('is not a date') })
    expect(readCell(asExceljs(1), 'text', 'DMY')).toEqual({ value: '1900-01-01' })
  })
})
