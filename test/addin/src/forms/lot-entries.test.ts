import { describe, expect, it } from 'vitest'
import type { Product } from '../../../../addin/src/api/types'
import { emptyLotForm, lotEntries, lotInputs } from '../../../../addin/src/forms/lot-entries'

const milk: Product = {
  sku: 'MILK', name: 'Milk', uom: 'Units', tracking: 'lot', gtin: null, updatedAt: '', updatedBy: null,
  expiry: { expirationDays: 10, bestBeforeDays: 1, removalDays: 2, alertDays: 3 },
}
const now = new Date('2026-06-15T23:30:00Z')

describe('lot entries', () => {
  it('preview the dates the server computes, from today in the workspace time zone', () => {
    const { entries } = lotEntries({ ...emptyLotForm(), product: 'MILK', name: 'L1' }, milk, 'Asia/Tokyo', now)
    // 23:30 UTC is already the 16th in Tokyo.
    expect(entries).toEqual([{ name: 'L1', qty: undefined, explicitExpiration: false, dates: { expirationDate: '2026-06-26', bestBeforeDate: '2026-06-25', removalDate: '2026-06-24', alertDate: '2026-06-23' } }])
    expect(lotInputs('MILK', entries, '')).toEqual([{ product: 'MILK', name: 'L1' }])
  })

  it('make a serial run and read a pasted list, explicit dates winning and sent', () => {
    const run = lotEntries({ ...emptyLotForm(), mode: 'run', first: 'SN-0099A', count: '3' }, milk, 'UTC', now)
    expect(run.entries.map((e) => e.name)).toEqual(['SN-0099A', 'SN-0100A', 'SN-0101A'])
    const paste = lotEntries({ ...emptyLotForm(), mode: 'paste', pasted: 'A\t5\t2026-12-01\nB; 2\nC;x' }, milk, 'UTC', now)
    expect(paste.problems).toEqual([{ line: 3, message: '"x" is neither a quantity nor a date' }])
    expect(paste.entries.map((e) => [e.name, e.qty, e.dates.expirationDate, e.dates.alertDate])).toEqual([['A', 5, '2026-12-01', '2026-11-28'], ['B', 2, '2026-06-25', '2026-06-22']])
    expect(lotInputs('MILK', paste.entries, 'MFR-7')).toEqual([
      { product: 'MILK', name: 'A', ref: 'MFR-7', expirationDate: '2026-12-01' }, { product: 'MILK', name: 'B', ref: 'MFR-7' },
    ])
    expect(lotEntries({ ...emptyLotForm(), mode: 'run', first: 'X1', count: '0' }, milk, 'UTC', now).problems[0].message).toMatch(/from 1 to 10,000/)
  })

  it('show a date outside the range as a problem of its line instead of previewing it', () => {
    const single = lotEntries({ ...emptyLotForm(), product: 'MILK', name: 'L1', expirationDate: '1900-01-02' }, milk, 'UTC', now)
    expect(single).toEqual({ entries: [], problems: [{ line: 1, message: 'the removal date, 2 days before the expiration date, falls before 1900-01-01' }] })
    const run = lotEntries({ ...emptyLotForm(), mode: 'run', first: 'SN-1', count: '50', expirationDate: '0001-01-01' }, milk, 'UTC', now)
    expect(run).toEqual({ entries: [], problems: [{ line: 1, message: 'the expiration date 0001-01-01 falls before 1900-01-01' }] })
    const paste = lotEntries({ ...emptyLotForm(), mode: 'paste', pasted: 'A\nB;1;1900-01-01\nC;2' }, milk, 'UTC', now)
    expect(paste.entries.map((e) => e.name)).toEqual(['A', 'C'])
    expect(paste.problems).toEqual([{ line: 2, message: 'the best-before date, 1 day before the expiration date, falls before 1900-01-01' }])
  })
})
