import { describe, expect, it } from 'vitest'
import { expiryFields, expiryText, isIsoMonth, isMonthEnd, monthEnd, precisionProblem } from '../../shared/expiry-precision'
import { computeLotDates, editLotDates } from '../../shared/expiry'

const OFFSETS = { expirationDays: 10, bestBeforeDays: 1, removalDays: 2, alertDays: 3 }

describe('month-only expiries', () => {
  it('know a month and its last day, leap years included', () => {
    expect(isIsoMonth('2027-03')).toBe(true)
    expect(isIsoMonth('2027-13')).toBe(false)
    expect(isIsoMonth('2027-3')).toBe(false)
    expect(isIsoMonth('2027-03-31')).toBe(false)
    expect(monthEnd('2024-02')).toBe('2024-02-29')
    expect(monthEnd('2100-02')).toBe('2100-02-28')
    expect(monthEnd('2027-04')).toBe('2027-04-30')
    expect(isMonthEnd('2027-12-31')).toBe(true)
    expect(isMonthEnd('2027-12-30')).toBe(false)
  })

  it('take a month only as its last day, and need a date', () => {
    expect(precisionProblem('2027-03-31', 'month')).toBeNull()
    expect(precisionProblem('2027-03-15', 'day')).toBeNull()
    expect(precisionProblem('2027-03-15', undefined)).toBeNull()
    expect(precisionProblem('2027-03-15', 'month')).toMatch(/last day of its month \(2027-03-31\), not 2027-03-15/)
    expect(precisionProblem(undefined, 'month')).toMatch(/needs an expiration date/)
    expect(precisionProblem(null, 'month')).toMatch(/needs an expiration date/)
  })

  it('show a month as YYYY-MM and read it back as its last day', () => {
    expect(expiryText({ expirationDate: '2027-03-31', expirationPrecision: 'month' })).toBe('2027-03')
    expect(expiryText({ expirationDate: '2027-03-31' })).toBe('2027-03-31')
    expect(expiryText({ expirationDate: null, expirationPrecision: 'month' })).toBeNull()
    expect(expiryFields('2027-02')).toEqual({ expirationDate: '2027-02-28', expirationPrecision: 'month' })
    expect(expiryFields('2027-02-10')).toEqual({ expirationDate: '2027-02-10' })
  })

  it('count the other dates back from the last day; an edit keeps the month unless the date changes', () => {
    const month = computeLotDates(OFFSETS, '2026-06-01', { expirationDate: '2027-02-28', expirationPrecision: 'month' })
    expect(month).toEqual({ expirationDate: '2027-02-28', expirationPrecision: 'month', bestBeforeDate: '2027-02-27', removalDate: '2027-02-26', alertDate: '2027-02-25' })
    // A computed expiration is a day, whatever precision came without a date.
    expect(computeLotDates(OFFSETS, '2026-06-01', { expirationPrecision: 'month' })).not.toHaveProperty('expirationPrecision')
    expect(editLotDates(month, OFFSETS, { alertDate: '2027-02-01' })).toMatchObject({ expirationPrecision: 'month', alertDate: '2027-02-01' })
    expect(editLotDates(month, OFFSETS, { expirationDate: '2027-03-10' })).not.toHaveProperty('expirationPrecision')
    expect(editLotDates(month, OFFSETS, { expirationDate: '2027-03-31', expirationPrecision: 'month' })).toMatchObject({ expirationPrecision: 'month', alertDate: '2027-03-28' })
    expect(editLotDates(month, OFFSETS, { expirationDate: null })).not.toHaveProperty('expirationPrecision')
  })
})
