import { describe, expect, it } from 'vitest'
import { addDays } from '../../shared/dates'
import type { ExpiryOffsets } from '../../shared/schemas/product'
import { DateOutOfRange } from '../../shared/date-range'
import { computeLotDates, editLotDates, isExpiredOn, lotFlags, sameDates } from '../../shared/expiry'
import type { LotDates } from '../../shared/schemas/lot'

const MILK: ExpiryOffsets = { expirationDays: 10, bestBeforeDays: 1, removalDays: 2, alertDays: 3 }
const ZERO: ExpiryOffsets = { expirationDays: 10, bestBeforeDays: 0, removalDays: 0, alertDays: 0 }
const NO_DATES: LotDates = { expirationDate: null, bestBeforeDate: null, removalDate: null, alertDate: null }

function dates(expirationDate: string | null, bestBeforeDate: string | null, removalDate: string | null, alertDate: string | null): LotDates {
  return { expirationDate, bestBeforeDate, removalDate, alertDate }
}

describe('computeLotDates', () => {
  it('counts the expiration from the base date and the others back from the expiration', () => {
    expect(computeLotDates(MILK, '2026-06-15')).toEqual(dates('2026-06-25', '2026-06-24', '2026-06-23', '2026-06-22'))
  })

  it('crosses months and leap days', () => {
    expect(computeLotDates(MILK, '2024-02-20')).toEqual(dates('2024-03-01', '2024-02-29', '2024-02-28', '2024-02-27'))
    expect(computeLotDates(MILK, '2023-02-20')).toEqual(dates('2023-03-02', '2023-03-01', '2023-02-28', '2023-02-27'))
    const year: ExpiryOffsets = { expirationDays: 365, bestBeforeDays: 30, removalDays: 60, alertDays: 90 }
    expect(computeLotDates(year, '2026-12-31')).toEqual(dates('2027-12-31', '2027-12-01', '2027-11-01', '2027-10-02'))
  })

  it('gives the expiration date itself for offsets of 0, never an empty date', () => {
    expect(computeLotDates(ZERO, '2026-06-15')).toEqual(dates('2026-06-25', '2026-06-25', '2026-06-25', '2026-06-25'))
    const sameDay: ExpiryOffsets = { expirationDays: 0, bestBeforeDays: 0, removalDays: 0, alertDays: 0 }
    expect(computeLotDates(sameDay, '2026-06-15')).toEqual(dates('2026-06-15', '2026-06-15', '2026-06-15', '2026-06-15'))
  })

  it('lets an explicit expiration date win, the others counting back from it', () => {
    expect(computeLotDates(MILK, '2026-06-15', { expirationDate: '2026-07-01' })).toEqual(
      dates('2026-07-01', '2026-06-30', '2026-06-29', '2026-06-28'),
    )
  })

  it('lets every explicit date win over the computed one', () => {
    expect(computeLotDates(MILK, '2026-06-15', { bestBeforeDate: '2026-06-20', alertDate: '2026-06-16' })).toEqual(
      dates('2026-06-25', '2026-06-20', '2026-06-23', '2026-06-16'),
    )
    expect(
      computeLotDates(MILK, '2026-06-15', {
        expirationDate: '2027-01-01', bestBeforeDate: '2026-12-01', removalDate: '2026-11-01', alertDate: '2026-10-01',
      }),
    ).toEqual(dates('2027-01-01', '2026-12-01', '2026-11-01', '2026-10-01'))
  })

  it('without offsets and explicit dates gives a lot without dates', () => {
    expect(computeLotDates(null, '2026-06-15')).toEqual(NO_DATES)
    expect(computeLotDates(null, '2026-06-15', {})).toEqual(NO_DATES)
  })

  it('without offsets, an explicit expiration date is also the other three (offset 0)', () => {
    expect(computeLotDates(null, '2026-06-15', { expirationDate: '2026-09-30' })).toEqual(
      dates('2026-09-30', '2026-09-30', '2026-09-30', '2026-09-30'),
    )
  })

  it('without offsets, only the dates given are set', () => {
    expect(computeLotDates(null, '2026-06-15', { bestBeforeDate: '2026-09-30' })).toEqual(dates(null, '2026-09-30', null, null))
  })

  it('an explicit null expiration gives no computed dates', () => {
    expect(computeLotDates(MILK, '2026-06-15', { expirationDate: null })).toEqual(NO_DATES)
  })
})

describe('editLotDates', () => {
  const current = dates('2026-06-25', '2026-06-24', '2026-06-23', '2026-06-22')

  it('shifts the other three dates by the same number of days as the expiration', () => {
    expect(editLotDates(current, MILK, { expirationDate: '2026-07-05' })).toEqual(dates('2026-07-05', '2026-07-04', '2026-07-03', '2026-07-02'))
    expect(editLotDates(current, MILK, { expirationDate: '2026-06-20' })).toEqual(dates('2026-06-20', '2026-06-19', '2026-06-18', '2026-06-17'))
  })

  it('shifts dates that were set by hand, keeping their distance (not recomputed from offsets)', () => {
    const manual = dates('2026-06-25', '2026-06-01', '2026-06-10', '2026-05-20')
    expect(editLotDates(manual, MILK, { expirationDate: '2026-07-25' })).toEqual(dates('2026-07-25', '2026-07-01', '2026-07-10', '2026-06-19'))
    expect(editLotDates(manual, null, { expirationDate: '2026-06-26' })).toEqual(dates('2026-06-26', '2026-06-02', '2026-06-11', '2026-05-21'))
  })

  it('shifts across months and leap days', () => {
    const feb = dates('2024-03-01', '2024-02-29', '2024-02-28', '2024-02-27')
    expect(editLotDates(feb, MILK, { expirationDate: '2024-03-02' })).toEqual(dates('2024-03-02', '2024-03-01', '2024-02-29', '2024-02-28'))
  })

  it('lets dates given in the same edit win over the shift', () => {
    expect(editLotDates(current, MILK, { expirationDate: '2026-07-05', bestBeforeDate: '2026-06-30' })).toEqual(
      dates('2026-07-05', '2026-06-30', '2026-07-03', '2026-07-02'),
    )
    expect(editLotDates(current, MILK, { expirationDate: '2026-07-05', alertDate: null })).toEqual(
      dates('2026-07-05', '2026-07-04', '2026-07-03', null),
    )
  })

  it('changes only the dates given when the expiration is not edited', () => {
    expect(editLotDates(current, MILK, { removalDate: '2026-06-01' })).toEqual(dates('2026-06-25', '2026-06-24', '2026-06-01', '2026-06-22'))
    expect(editLotDates(current, MILK, {})).toEqual(current)
  })

  it('an unchanged expiration date shifts nothing', () => {
    expect(editLotDates(current, MILK, { expirationDate: '2026-06-25' })).toEqual(current)
    expect(editLotDates(current, MILK, { expirationDate: '2026-06-25', alertDate: '2026-06-01' })).toEqual(
      dates('2026-06-25', '2026-06-24', '2026-06-23', '2026-06-01'),
    )
  })

  it('computes the others from the offsets for a first expiration date', () => {
    expect(editLotDates(NO_DATES, MILK, { expirationDate: '2026-07-05' })).toEqual(dates('2026-07-05', '2026-07-04', '2026-07-03', '2026-07-02'))
    expect(editLotDates(NO_DATES, ZERO, { expirationDate: '2026-07-05' })).toEqual(dates('2026-07-05', '2026-07-05', '2026-07-05', '2026-07-05'))
    expect(editLotDates(NO_DATES, null, { expirationDate: '2026-07-05' })).toEqual(dates('2026-07-05', '2026-07-05', '2026-07-05', '2026-07-05'))
  })

  it('clearing the expiration date clears the others, unless given in the same edit', () => {
    expect(editLotDates(current, MILK, { expirationDate: null })).toEqual(NO_DATES)
    expect(editLotDates(current, MILK, { expirationDate: null, alertDate: '2026-06-22' })).toEqual(dates(null, null, null, '2026-06-22'))
  })

  it('does not change the dates it was given', () => {
    const before = { ...current }
    editLotDates(current, MILK, { expirationDate: '2026-08-01', bestBeforeDate: null })
    expect(current).toEqual(before)
  })
})

describe('lotFlags', () => {
  // Four distinct dates, so that each flag switches on its own day.
  const lot = dates('2026-06-20', '2026-06-18', '2026-06-17', '2026-06-15')
  const at = (today: string) => lotFlags(lot, today)

  it('nothing is reached the day before the first date', () => {
    expect(at('2026-06-14')).toEqual({ expired: false, alert: false, bestBeforePassed: false, removal: false })
  })

  it('alert: reached on the alert date (<= today)', () => {
    expect(at(addDays('2026-06-15', -1)).alert).toBe(false)
    expect(at('2026-06-15')).toEqual({ expired: false, alert: true, bestBeforePassed: false, removal: false })
    expect(at(addDays('2026-06-15', 1)).alert).toBe(true)
  })

  it('removal: reached on the removal date', () => {
    expect(at('2026-06-16')).toEqual({ expired: false, alert: true, bestBeforePassed: false, removal: false })
    expect(at('2026-06-17')).toEqual({ expired: false, alert: true, bestBeforePassed: false, removal: true })
    expect(at('2026-06-18').removal).toBe(true)
  })

  it('bestBeforePassed: reached on the best-before date', () => {
    expect(at('2026-06-17').bestBeforePassed).toBe(false)
    expect(at('2026-06-18')).toEqual({ expired: false, alert: true, bestBeforePassed: true, removal: true })
    expect(at('2026-06-19').bestBeforePassed).toBe(true)
  })

  it('expired: reached on the expiration date', () => {
    expect(at('2026-06-19')).toEqual({ expired: false, alert: true, bestBeforePassed: true, removal: true })
    expect(at('2026-06-20')).toEqual({ expired: true, alert: true, bestBeforePassed: true, removal: true })
    expect(at('2026-06-21')).toEqual({ expired: true, alert: true, bestBeforePassed: true, removal: true })
    expect(at('2027-01-01').expired).toBe(true)
  })

  it('compares calendar dates across months and years', () => {
    const l = dates('2027-01-01', '2027-01-01', '2027-01-01', '2027-01-01')
    expect(lotFlags(l, '2026-12-31')).toEqual({ expired: false, alert: false, bestBeforePassed: false, removal: false })
    expect(lotFlags(l, '2027-01-01')).toEqual({ expired: true, alert: true, bestBeforePassed: true, removal: true })
  })

  it('a lot without dates raises no flag', () => {
    expect(lotFlags(NO_DATES, '2099-12-31')).toEqual({ expired: false, alert: false, bestBeforePassed: false, removal: false })
  })

  it('each flag follows its own date only (domain: in alert when alertDate <= today)', () => {
    // Expiration reached, alert date cleared: expired, not in alert.
    expect(lotFlags(dates('2026-06-10', null, null, null), '2026-06-15')).toEqual({
      expired: true, alert: false, bestBeforePassed: false, removal: false,
    })
    // Expiration reached, alert date set later by hand: not yet in alert.
    expect(lotFlags(dates('2026-06-10', '2026-06-20', '2026-06-20', '2026-06-20'), '2026-06-15')).toEqual({
      expired: true, alert: false, bestBeforePassed: false, removal: false,
    })
  })
})

describe('isExpiredOn and sameDates', () => {
  it('isExpiredOn is true from the expiration date on', () => {
    const l = dates('2026-06-20', null, null, null)
    expect(isExpiredOn(l, '2026-06-19')).toBe(false)
    expect(isExpiredOn(l, '2026-06-20')).toBe(true)
    expect(isExpiredOn(l, '2026-06-21')).toBe(true)
    expect(isExpiredOn(NO_DATES, '2099-01-01')).toBe(false)
  })

  it('sameDates compares all four dates', () => {
    const a = dates('2026-06-20', '2026-06-19', '2026-06-18', '2026-06-17')
    expect(sameDates(a, { ...a })).toBe(true)
    expect(sameDates(a, { ...a, alertDate: null })).toBe(false)
    expect(sameDates(a, { ...a, removalDate: '2026-06-17' })).toBe(false)
    expect(sameDates(a, { ...a, bestBeforeDate: '2026-06-20' })).toBe(false)
    expect(sameDates(a, { ...a, expirationDate: '2026-06-21' })).toBe(false)
  })
})

describe('dates at the ends of the range (1900-01-01 to 9999-12-31)', () => {
  const CENTURY: ExpiryOffsets = { expirationDays: 36_500, bestBeforeDays: 0, removalDays: 0, alertDays: 30 }

  /** The DateOutOfRange `compute` throws. */
  function outOfRange(compute: () => unknown): DateOutOfRange {
    try {
      compute()
    } catch (err) {
      if (err instanceof DateOutOfRange) return err
      throw err
    }
    throw new Error('no DateOutOfRange thrown')
  }

  it('computes up to 9999-12-31 and refuses an expiration computed past it, naming the field', () => {
    expect(computeLotDates(MILK, '9999-12-21')).toEqual(dates('9999-12-31', '9999-12-30', '9999-12-29', '9999-12-28'))
    const err = outOfRange(() => computeLotDates(CENTURY, '9999-01-01'))
    expect(err).toMatchObject({ field: 'expirationDate', message: "the expiration date computed from 9999-01-01 and the product's 36500 days falls after 9999-12-31" })
  })

  it('refuses a date counted back past 1900-01-01 from an expiration given near it', () => {
    expect(computeLotDates(MILK, '2026-06-15', { expirationDate: '1900-01-04' })).toEqual(dates('1900-01-04', '1900-01-03', '1900-01-02', '1900-01-01'))
    expect(outOfRange(() => computeLotDates(MILK, '2026-06-15', { expirationDate: '1900-01-03' }))).toMatchObject({
      field: 'alertDate', message: 'the alert date, 3 days before the expiration date, falls before 1900-01-01',
    })
    // A date given explicitly is not counted back: nothing to refuse.
    expect(computeLotDates(MILK, '2026-06-15', { expirationDate: '1900-01-03', alertDate: '1900-01-01' }).alertDate).toBe('1900-01-01')
  })

  it('refuses an expiration date given outside the range or not a date (the pane passes on what was typed)', () => {
    expect(outOfRange(() => computeLotDates(MILK, '2026-06-15', { expirationDate: '0001-01-01' }))).toMatchObject({
      field: 'expirationDate', message: 'the expiration date 0001-01-01 falls before 1900-01-01',
    })
    expect(outOfRange(() => computeLotDates(null, '2026-06-15', { expirationDate: '12026-01-01' }))).toMatchObject({ field: 'expirationDate' })
  })

  it('refuses an edit that would move another date past the range, and lets a date given in the same edit win', () => {
    const current = dates('2026-07-01', '2026-07-05', '2026-06-29', '2026-06-28')
    expect(outOfRange(() => editLotDates(current, MILK, { expirationDate: '9999-12-31' }))).toMatchObject({
      field: 'bestBeforeDate', message: 'the best-before date 2026-07-05, moved 2912261 days with the expiration date, falls after 9999-12-31',
    })
    expect(editLotDates(current, MILK, { expirationDate: '9999-12-31', bestBeforeDate: '9999-12-31' })).toEqual(
      dates('9999-12-31', '9999-12-31', '9999-12-29', '9999-12-28'),
    )
    expect(outOfRange(() => editLotDates(NO_DATES, CENTURY, { expirationDate: '1900-01-10' }))).toMatchObject({ field: 'alertDate' })
  })
})
