import { describe, expect, it } from 'vitest'
import {
  DATE_RANGE_TEXT, DateOutOfRange, dayInRangeOrThrow, dayRangeProblem, FIRST_DATE, FIRST_INSTANT_MS, instantRangeProblem,
  LAST_DATE, LAST_INSTANT_MS,
} from '../../shared/date-range'
import { toDayNumber } from '../../shared/dates'
import { DateOrInstant, IsoDateSchema } from '../../shared/schemas/common'

describe('the range of dates', () => {
  it('runs from 1900-01-01 to 9999-12-31, and its instants from the first to the last millisecond of them in UTC', () => {
    expect([FIRST_DATE, LAST_DATE, DATE_RANGE_TEXT]).toEqual(['1900-01-01', '9999-12-31', 'from 1900-01-01 to 9999-12-31'])
    expect(new Date(FIRST_INSTANT_MS).toISOString()).toBe('1900-01-01T00:00:00.000Z')
    expect(new Date(LAST_INSTANT_MS).toISOString()).toBe('9999-12-31T23:59:59.999Z')
  })

  it('judges day numbers, the ends included', () => {
    expect(dayRangeProblem(toDayNumber('1900-01-01'))).toBeNull()
    expect(dayRangeProblem(toDayNumber('9999-12-31'))).toBeNull()
    expect(dayRangeProblem(toDayNumber('1899-12-31'))).toBe('falls before 1900-01-01')
    expect(dayRangeProblem(toDayNumber('9999-12-31') + 1)).toBe('falls after 9999-12-31')
    expect(dayRangeProblem(toDayNumber('9999-12-31') + 36_500)).toBe('falls after 9999-12-31')
  })

  it('judges instants in UTC, whatever offset they are written with', () => {
    expect(instantRangeProblem('9999-12-31T23:59:59.999Z')).toBeNull()
    expect(instantRangeProblem('9999-12-31T23:59:59+01:00')).toBeNull()
    expect(instantRangeProblem('9999-12-31T23:59:59-23:59')).toBe('falls after 9999-12-31T23:59:59.999Z')
    expect(instantRangeProblem('1900-01-01T00:00:00Z')).toBeNull()
    expect(instantRangeProblem('1900-01-01T00:30:00+01:00')).toBe('falls before 1900-01-01T00:00:00Z')
    expect(instantRangeProblem('0000-01-01T00:00:00Z')).toBe('falls before 1900-01-01T00:00:00Z')
    expect(instantRangeProblem('soon')).toBe('is not a date-time')
  })

  it('gives a day inside it as its date, and throws a DateOutOfRange naming the lot date otherwise', () => {
    expect(dayInRangeOrThrow(toDayNumber('9999-12-31'), 'alertDate', 'the alert date')).toBe('9999-12-31')
    let thrown: unknown
    try {
      dayInRangeOrThrow(toDayNumber('9999-12-31') + 1, 'alertDate', 'the alert date')
    } catch (err) {
      thrown = err
    }
    expect(thrown).toBeInstanceOf(DateOutOfRange)
    expect(thrown).toBeInstanceOf(RangeError)
    expect(thrown).toMatchObject({ field: 'alertDate', message: 'the alert date falls after 9999-12-31' })
  })
})

describe('the wire schemas hold the range', () => {
  const messages = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }) => r.error?.issues.map((i) => i.message)

  it('a date: the ends taken, beyond them refused saying which end', () => {
    expect(IsoDateSchema.safeParse('1900-01-01').success).toBe(true)
    expect(IsoDateSchema.safeParse('9999-12-31').success).toBe(true)
    expect(messages(IsoDateSchema.safeParse('1899-12-31'))).toEqual(['falls before 1900-01-01: dates run from 1900-01-01 to 9999-12-31'])
    expect(messages(IsoDateSchema.safeParse('0000-01-01'))).toEqual(['falls before 1900-01-01: dates run from 1900-01-01 to 9999-12-31'])
    expect(messages(IsoDateSchema.safeParse('2026-02-30'))).toEqual(['must be a date as YYYY-MM-DD'])
  })

  it('a date or instant: each form refused with what is wrong with it', () => {
    expect(DateOrInstant.safeParse('9999-12-31').success).toBe(true)
    expect(DateOrInstant.safeParse('9999-12-31T23:59:59.999Z').success).toBe(true)
    expect(messages(DateOrInstant.safeParse('9999-12-31T23:59:59-23:59'))).toEqual([
      'falls after 9999-12-31T23:59:59.999Z: dates run from 1900-01-01 to 9999-12-31',
    ])
    expect(messages(DateOrInstant.safeParse('0000-01-01T00:00:00Z'))).toEqual([
      'falls before 1900-01-01T00:00:00Z: dates run from 1900-01-01 to 9999-12-31',
    ])
    expect(messages(DateOrInstant.safeParse('1899-12-31'))).toEqual(['falls before 1900-01-01: dates run from 1900-01-01 to 9999-12-31'])
    expect(messages(DateOrInstant.safeParse('2026-02-30'))).toEqual(['must be a date as YYYY-MM-DD'])
    expect(messages(DateOrInstant.safeParse('tomorrow'))).toEqual([
      'must be an ISO date-time with offset (2026-11-27T14:30:00+01:00) or a date as YYYY-MM-DD',
    ])
  })
})
