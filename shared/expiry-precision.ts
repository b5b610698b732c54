/**
 * Month-only expiries. A lot received with its expiration given as a month (a GS1 (17) with day
 * 00, or "2027-03" in an import) keeps that precision: its expiration date is the month's last
 * day, which every rule counts from, and the precision says to show it as the month it came as.
 * A month is written `YYYY-MM` wherever a month-only expiry is shown as text (the pane, sheet
 * cells before they become dates, import values).
 */
import { isIsoDate, isIsoMonth, monthEnd, type IsoDate } from './dates'

export { isIsoMonth, monthEnd }

/** How precisely an expiration date was given: to the day, or only the month (its last day). */
export type ExpirationPrecision = 'day' | 'month'

/** A lot's expiration with its precision, as inputs and records carry it (the precision absent: a day). */
export interface PreciseExpiry {
  expirationDate: IsoDate | null
  expirationPrecision?: ExpirationPrecision
}

/** True when `date` (YYYY-MM-DD) is the last day of its month. */
export function isMonthEnd(date: IsoDate): boolean {
  return isIsoDate(date) && monthEnd(date.slice(0, 7)) === date
}

/**
 * Why `precision` cannot go with the expiration date `date` a lot will have, or null: a month-only
 * expiry needs an expiration date, and that date must be its month's last day. A date that is no
 * date at all is left to its own check.
 */
export function precisionProblem(date: string | null | undefined, precision: ExpirationPrecision | undefined): string | null {
  if (precision !== 'month') return null
  if (date === null || date === undefined) return 'month needs an expiration date (the last day of the month)'
  if (!isIsoDate(date)) return null
  return isMonthEnd(date) ? null : `month needs the expiration date to be the last day of its month (${monthEnd(date.slice(0, 7))}), not ${date}`
}

/** The expiration as shown: `YYYY-MM` for a month-only expiry, else the date itself (null without one). */
export function expiryText(l: PreciseExpiry): string | null {
  return l.expirationDate !== null && l.expirationPrecision === 'month' ? l.expirationDate.slice(0, 7) : l.expirationDate
}

/**
 * An expiration as an import or a form holds it (`YYYY-MM-DD`, or `YYYY-MM` for a month only) in
 * the API's fields: a month becomes its last day with precision `month`.
 */
export function expiryFields(value: string): { expirationDate: IsoDate; expirationPrecision?: 'month' } {
  return isIsoMonth(value) ? { expirationDate: monthEnd(value), expirationPrecision: 'month' } : { expirationDate: value }
}
