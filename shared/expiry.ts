/**
 * Expiry date rules: computing a lot's four dates from its product's offsets, shifting them when
 * the expiration date is edited, and the flags they raise against "today". The server applies
 * them; the pane previews with the same code.
 */
import { dayInRangeOrThrow, DateOutOfRange, dayRangeProblem, type LotDateField } from './date-range'
import { isIsoDate, toDayNumber, type IsoDate } from './dates'
import type { ExpirationPrecision } from './expiry-precision'
import type { LotDates, LotFlags } from './schemas/lot'
import type { ExpiryOffsets } from './schemas/product'

const DERIVED = [
  ['bestBeforeDate', 'bestBeforeDays'],
  ['removalDate', 'removalDays'],
  ['alertDate', 'alertDays'],
] as const

const WORDS: Record<LotDateField, string> = {
  expirationDate: 'expiration date', bestBeforeDate: 'best-before date', removalDate: 'removal date', alertDate: 'alert date',
}

/**
 * Dates given by the user: `undefined` means not given, `null` means cleared. A month-only
 * expiration (`expirationPrecision: 'month'`) comes as its month's last day, checked before
 * (see `precisionProblem`).
 */
export type DatesInput = { [K in LotDateField]?: string | null } & { expirationPrecision?: ExpirationPrecision }

/** `dates` with the expiration's precision: kept only for a month-only expiration date (a day is the default, never written). */
function withPrecision(dates: LotDates, precision: ExpirationPrecision | undefined): LotDates {
  if (precision === 'month' && dates.expirationDate !== null) dates.expirationPrecision = 'month'
  else delete dates.expirationPrecision
  return dates
}

/**
 * The date `days` before day number `day` (none without a day). Without an offset a derived date
 * is the expiration date itself (an offset of 0), never empty.
 */
function before(field: LotDateField, day: number | null, days: number | undefined): IsoDate | null {
  if (day === null) return null
  const offset = days ?? 0
  return dayInRangeOrThrow(day - offset, field, `the ${WORDS[field]}, ${offset} day${offset === 1 ? '' : 's'} before the expiration date,`)
}

/** The day number of a date given for `field`, checked against the range (the pane hands on what was typed). */
function givenDay(date: IsoDate, field: LotDateField): number {
  const problem = isIsoDate(date) ? dayRangeProblem(toDayNumber(date)) : 'is not a date as YYYY-MM-DD'
  if (problem) throw new DateOutOfRange(field, `the ${WORDS[field]} ${date} ${problem}`)
  return toDayNumber(date)
}

/**
 * The dates of a new lot. Explicit dates win; otherwise expiration = base + expirationDays and
 * each other date counts back from the expiration date. A product without offsets and no
 * explicit expiration gives a lot without dates. A date that would fall outside the ledger's
 * range throws a {@link DateOutOfRange} naming it.
 */
export function computeLotDates(offsets: ExpiryOffsets | null, base: IsoDate, explicit: DatesInput = {}): LotDates {
  let day: number | null = null
  let expirationDate: IsoDate | null = null
  if (explicit.expirationDate !== undefined) {
    expirationDate = explicit.expirationDate
    // The expiration date is read once: a large receipt computes this for every new lot.
    day = expirationDate === null ? null : givenDay(expirationDate, 'expirationDate')
  } else if (offsets) {
    day = toDayNumber(base) + offsets.expirationDays
    expirationDate = dayInRangeOrThrow(day, 'expirationDate', `the expiration date computed from ${base} and the product's ${offsets.expirationDays} days`)
  }
  const dates: LotDates = {
    expirationDate,
    bestBeforeDate: explicit.bestBeforeDate !== undefined ? explicit.bestBeforeDate : before('bestBeforeDate', day, offsets?.bestBeforeDays),
    removalDate: explicit.removalDate !== undefined ? explicit.removalDate : before('removalDate', day, offsets?.removalDays),
    alertDate: explicit.alertDate !== undefined ? explicit.alertDate : before('alertDate', day, offsets?.alertDays),
  }
  // Only a given expiration can be a month: a computed one is a day.
  return explicit.expirationPrecision === 'month' && explicit.expirationDate !== undefined ? withPrecision(dates, 'month') : dates
}

/**
 * Applies an edit to a lot's dates. A new expiration date shifts the three other dates by the
 * same number of days (whatever path the edit comes by); dates given in the same edit win.
 * A first expiration date computes the others from the product's offsets; clearing it clears them.
 * The expiration's precision is the edit's when given; otherwise a new expiration date is a day
 * and an unchanged one keeps its precision.
 * A date that would fall outside the ledger's range throws a {@link DateOutOfRange} naming it.
 */
export function editLotDates(current: LotDates, offsets: ExpiryOffsets | null, edit: DatesInput): LotDates {
  const next: LotDates = { ...current }
  const newExpiration = edit.expirationDate
  if (newExpiration !== undefined && newExpiration !== current.expirationDate) {
    next.expirationDate = newExpiration
    const day = newExpiration === null ? null : givenDay(newExpiration, 'expirationDate')
    for (const [date, days] of DERIVED) {
      if (day === null) next[date] = null
      else if (edit[date] !== undefined) continue
      else if (current.expirationDate && current[date]) {
        const shift = day - toDayNumber(current.expirationDate)
        next[date] = dayInRangeOrThrow(toDayNumber(current[date]!) + shift, date, `the ${WORDS[date]} ${current[date]}, moved ${shift} days with the expiration date,`)
      } else next[date] = before(date, day, offsets?.[days])
    }
  }
  for (const [date] of DERIVED) if (edit[date] !== undefined) next[date] = edit[date]!
  const changed = newExpiration !== undefined && newExpiration !== current.expirationDate
  return withPrecision(next, edit.expirationPrecision ?? (changed ? 'day' : current.expirationPrecision))
}

/** Flags against `today` (the workspace's date): a date on or before today has been reached. */
export function lotFlags(dates: LotDates, today: IsoDate): LotFlags {
  const reached = (d: string | null) => d !== null && d <= today
  return {
    expired: reached(dates.expirationDate),
    alert: reached(dates.alertDate),
    bestBeforePassed: reached(dates.bestBeforeDate),
    removal: reached(dates.removalDate),
  }
}

/** True when the lot is expired on `day`. */
export function isExpiredOn(dates: LotDates, day: IsoDate): boolean {
  return dates.expirationDate !== null && dates.expirationDate <= day
}

/** True when two sets of dates are the same. */
export function sameDates(a: LotDates, b: LotDates): boolean {
  return (
    a.expirationDate === b.expirationDate &&
    (a.expirationPrecision ?? 'day') === (b.expirationPrecision ?? 'day') &&
    a.bestBeforeDate === b.bestBeforeDate &&
    a.removalDate === b.removalDate &&
    a.alertDate === b.alertDate
  )
}
