import { describe, expect, it } from 'vitest'
import { emptyLotForm, lotEntries, lotInputs } from '../../../../addin/src/forms/lot-entries'
import { lotFormFromScan } from '../../../../addin/src/forms/scan-lot'
import { parseGs1 } from '../../../../shared/gs1/scan'
import type { Gs1Fields } from '../../../../shared/gs1/interpret'
import type { Product } from '../../../../shared/schemas/product'

const product = (sku: string, tracking: Product['tracking']): Product =>
  ({ sku, name: `${sku} name`, uom: 'Units', tracking, gtin: '04006381333931', expiry: null, updatedAt: '2026-01-01T00:00:00Z', updatedBy: null })

function scan(data: string): Gs1Fields {
  const read = parseGs1(data, { today: '2026-06-01' })
  if (!read.ok) throw new Error(read.problems.map((p) => p.message).join('; '))
  return read
}

describe('a scan put on the Lots form', () => {
  it('fills the product, the lot and its expiry', () => {
    const form = emptyLotForm()
    expect(lotFormFromScan(form, scan('(01)04006381333931(17)261231(10)L-7'), product('MILK', 'lot'))).toEqual({ ok: true, text: 'MILK lot L-7, expires 2026-12-31' })
    expect(form).toMatchObject({ product: 'MILK', mode: 'single', name: 'L-7', expirationDate: '2026-12-31' })
    // Another lot replaces it: one lot at a time.
    lotFormFromScan(form, scan('(01)04006381333931(10)L-8'), product('MILK', 'lot'))
    expect(form).toMatchObject({ mode: 'single', name: 'L-8', expirationDate: '' })
  })

  it('keeps a month-only expiry as the month: the lot is registered with its last day and precision month', () => {
    const form = emptyLotForm()
    const milk = product('MILK', 'lot')
    expect(lotFormFromScan(form, scan('(01)04006381333931(17)270200(10)L-9'), milk)).toEqual({ ok: true, text: 'MILK lot L-9, expires February 2027 (month only: the 28th is used)' })
    expect(form).toMatchObject({ name: 'L-9', expirationDate: '2027-02-28', expirationPrecision: 'month' })
    const { entries } = lotEntries(form, milk, 'UTC', new Date('2026-06-01T00:00:00Z'))
    expect(entries[0].dates).toMatchObject({ expirationDate: '2027-02-28', expirationPrecision: 'month' })
    expect(lotInputs('MILK', entries, '')).toEqual([{ product: 'MILK', name: 'L-9', expirationDate: '2027-02-28', expirationPrecision: 'month' }])
    // A scan with a day expiry makes it a day again.
    lotFormFromScan(form, scan('(01)04006381333931(17)270215(10)L-9'), milk)
    expect(form).not.toHaveProperty('expirationPrecision')
  })

  it('makes a list of the serials scanned one after another, each with its expiry, and refuses one twice', () => {
    const form = emptyLotForm()
    const phone = product('PHONE', 'serial')
    lotFormFromScan(form, scan('(01)04006381333931(17)270100(21)SN-1'), phone)
    expect(lotFormFromScan(form, scan('(01)04006381333931(21)SN-2'), phone)).toEqual({ ok: true, text: 'PHONE serial SN-2: both serials are in a list now (2)' })
    // SN-1's expiry came as a month only, and stays one in the list.
    expect(form).toMatchObject({ mode: 'paste', name: '', pasted: 'SN-1\t\t2027-01\nSN-2' })
    expect(form).not.toHaveProperty('expirationPrecision')
    expect(lotFormFromScan(form, scan('(01)04006381333931(21)SN-3(17)270315'), phone)).toMatchObject({ ok: true, text: 'PHONE serial SN-3, expires 2027-03-15: added to the list (3)' })
    expect(form.pasted).toBe('SN-1\t\t2027-01\nSN-2\nSN-3\t\t2027-03-15')
    const { entries } = lotEntries(form, phone, 'UTC', new Date('2026-06-01T00:00:00Z'))
    expect(lotInputs('PHONE', entries, '')).toEqual([
      { product: 'PHONE', name: 'SN-1', expirationDate: '2027-01-31', expirationPrecision: 'month' },
      { product: 'PHONE', name: 'SN-2' },
      { product: 'PHONE', name: 'SN-3', expirationDate: '2027-03-15' },
    ])
    expect(lotFormFromScan(form, scan('(01)04006381333931(21)SN-2'), phone)).toEqual({ ok: false, text: 'SN-2 is already in the list.' })
  })

  it('refuses an untracked product, or a scan without the lot its product needs, leaving the form', () => {
    const form = emptyLotForm()
    expect(lotFormFromScan(form, scan('04006381333931'), product('BOLT', 'none'))).toEqual({ ok: false, text: 'BOLT (BOLT name) is not tracked by lot or serial: it has no lots to register.' })
    expect(lotFormFromScan(form, scan('04006381333931'), product('MILK', 'lot'))).toEqual({ ok: false, text: 'The scan names MILK without a lot: scan a label that has one, or type it.' })
    expect(form).toEqual(emptyLotForm())
  })
})
