import { describe, expect, it } from 'vitest'
import { emptyLine, type DraftLine } from '../../../../addin/src/forms/lines-from-rows'
import { applyScan, expiryText } from '../../../../addin/src/forms/scan-line'
import { parseGs1 } from '../../../../shared/gs1/scan'
import type { Gs1Fields } from '../../../../shared/gs1/interpret'
import { productIndex } from '../../../../shared/products/resolve'
import type { Product } from '../../../../shared/schemas/product'

const product = (sku: string, tracking: Product['tracking'], gtin: string | null, uom = 'Units'): Product =>
  ({ sku, name: sku.toLowerCase(), uom, tracking, gtin, expiry: null, updatedAt: '2026-01-01T00:00:00Z', updatedBy: null })
const products = productIndex([
  product('MILK', 'lot', '04006381333931'),
  product('PHONE', 'serial', '09506000134352'),
  product('CHEESE', 'lot', '09521234543213', 'kg'),
])

/** A scan as the pane reads it, on 2026-06-01. */
function scan(data: string): Gs1Fields {
  const read = parseGs1(data, { today: '2026-06-01' })
  if (!read.ok) throw new Error(read.problems.map((p) => p.message).join('; '))
  return read
}

const fields = ['expirationDate'] as const

describe('a scan put on the lines of a form', () => {
  it('fills the blank line, then starts a new one; the same lot again adds to its quantity', () => {
    const lines: DraftLine[] = [emptyLine()]
    const first = applyScan(lines, scan('(01)04006381333931(17)261231(10)L-7(30)12'), products, fields, emptyLine)
    expect(first).toEqual({ kind: 'filled', line: 0, text: 'Line 1: MILK, lot L-7, expires 2026-12-31, quantity 12' })
    expect(lines).toEqual([{ ...emptyLine(), product: 'MILK', lot: 'L-7', qty: '12', expirationDate: '2026-12-31' }])
    expect(applyScan(lines, scan('(01)04006381333931(17)261231(10)L-7(30)3'), products, fields, emptyLine)).toMatchObject({ kind: 'filled', line: 0, text: 'Line 1: MILK lot L-7, now 15' })
    expect(applyScan(lines, scan(']C101040063813339311726123110L-8'), products, fields, emptyLine)).toMatchObject({ kind: 'filled', line: 1 })
    expect(lines.map((l) => [l.lot, l.qty])).toEqual([['L-7', '15'], ['L-8', '1']])
  })

  it('gathers the serials of one product on one line and refuses a serial scanned twice', () => {
    const lines: DraftLine[] = [emptyLine()]
    applyScan(lines, scan('(01)09506000134352(21)SN-1'), products, fields, emptyLine)
    expect(applyScan(lines, scan('(01)09506000134352(21)SN-2'), products, fields, emptyLine)).toMatchObject({ kind: 'filled', text: 'Line 1: PHONE, serial SN-2 (2 serials)' })
    expect(applyScan(lines, scan('(01)09506000134352(21)SN-1'), products, fields, emptyLine)).toEqual({ kind: 'refused', text: 'Serial SN-1 is already on line 1.' })
    expect(lines).toEqual([{ ...emptyLine(), product: 'PHONE', lot: 'SN-1\nSN-2' }])
  })

  it('takes a net weight as the quantity of a product counted in kilograms, and says a month-only expiry', () => {
    const lines: DraftLine[] = [emptyLine()]
    const out = applyScan(lines, scan('(01)09521234543213(3103)001250(17)270200(10)C-1'), products, fields, emptyLine)
    expect(out).toMatchObject({ kind: 'filled', text: 'Line 1: CHEESE, lot C-1, expires February 2027 (month only: the 28th is used), quantity 1.25' })
    expect(lines[0]).toMatchObject({ qty: '1.25', expirationDate: '2027-02-28', expirationPrecision: 'month' })
    expect(expiryText({ expirationDate: '2028-02-29', expirationPrecision: 'month' })).toBe('expires February 2028 (month only: the 29th is used)')
    expect(expiryText({ expirationDate: '2027-03-31', expirationPrecision: 'month' })).toBe('expires March 2027 (month only: the 31st is used)')
  })

  it('leaves the lines as they were for a GTIN no product has, or a scan without a GTIN', () => {
    const lines: DraftLine[] = [emptyLine()]
    expect(applyScan(lines, scan('(01)09501101020917(10)X'), products, fields, emptyLine)).toEqual({ kind: 'unknown-gtin', gtin: '09501101020917' })
    expect(applyScan(lines, scan('(00)106141411234567897'), products, fields, emptyLine)).toEqual({
      kind: 'refused', text: "The scan is a package's SSCC (106141411234567897) without a GTIN: scan the label of the goods.",
    })
    expect(lines).toEqual([emptyLine()])
  })

  it('asks for the lot when the scan of a tracked product has none', () => {
    const lines: DraftLine[] = [emptyLine()]
    expect(applyScan(lines, scan('04006381333931'), products, fields, emptyLine)).toMatchObject({
      kind: 'filled', text: 'Line 1: MILK, quantity 1 (the scan has none: 1 item) — the scan has no lot: type it',
    })
  })
})
