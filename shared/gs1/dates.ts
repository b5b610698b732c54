/**
 * GS1 dates: six-digit `YYMMDD` with GS1's century window, `DD` = 00 for the month's last day
 * where an AI allows it, and eight-digit `YYYYMMDD`.
 */
import { daysInMonth, type IsoDate } from '../dates'

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/**
 * The four-digit year of a two-digit one, by GS1's sliding window (General Specifications
 * 7.12): from 49 years before `today`'s year to 50 after. With today in 2026, 76 is 2076 and
 * 77 is 1977; from 2051 on, 00 is 2100.
 */
export function gs1Year(yy: number, today: IsoDate): number {
  const year = Number(today.slice(0, 4))
  const century = year - (year % 100)
  const diff = yy - (year % 100)
  if (diff >= 51) return century - 100 + yy
  if (diff <= -50) return century + 100 + yy
  return century + yy
}

/** A date read from a GS1 field: the calendar date, and whether only its month was given (`DD` = 00). */
export interface Gs1Date {
  date: IsoDate
  precision: 'day' | 'month'
}

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`

/** Why year `y`, month `m`, day `d` is no date, or null. */
function dayProblem(y: number, m: number, d: number, zeroDay: boolean): string | null {
  if (m < 1 || m > 12) return `month ${String(m).padStart(2, '0')} does not exist`
  if (d === 0) return zeroDay ? null : 'day 00 (the last day of the month) is allowed only in AIs (11), (12), (13), (15), (16) and (17)'
  if (d > daysInMonth(y, m)) return `day ${d} does not exist in ${MONTHS[m - 1]} ${y}`
  return null
}

/**
 * Reads `YYMMDD` against `today`: the date, or why it is none. With `zeroDay`, `DD` = 00 means
 * the month's last day (130200 is 2013-02-28, 160200 is 2016-02-29) and is reported as month-only.
 */
export function readYymmdd(text: string, today: IsoDate, zeroDay: boolean): Gs1Date | { problem: string } {
  if (!/^\d{6}$/.test(text)) return { problem: 'a date is 6 digits, YYMMDD' }
  const [yy, m, d] = [0, 2, 4].map((i) => Number(text.slice(i, i + 2)))
  const y = gs1Year(yy, today)
  const problem = dayProblem(y, m, d, zeroDay)
  if (problem) return { problem }
  return d === 0 ? { date: iso(y, m, daysInMonth(y, m)), precision: 'month' } : { date: iso(y, m, d), precision: 'day' }
}

/** Reads `YYYYMMDD`: the date, or why it is none. */
export function readYyyymmdd(text: string): Gs1Date | { problem: string } {
  if (!/^\d{8}$/.test(text)) return { problem: 'a date is 8 digits, YYYYMMDD' }
  const [y, m, d] = [Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8))]
  const problem = dayProblem(y, m, d, false)
  return problem ? { problem } : { date: iso(y, m, d), precision: 'day' }
}
