/**
 * Expiry date rules: computing a lot's four dates from its product's offsets, shifting them when
 * the expiration date is edited, and the flags they raise against "today". The server applies
 * them; the pane previews with the same code.
 */
import { addDays, daysBetween, fromDayNumber, toDayNumber, type IsoDate } from './dates'
import type { LotDates, LotFlags } from './schemas/lot'
import type { ExpiryOffsets } from './schemas/product'

const DERIVED = [
  ['bestBeforeDate', 'bestBeforeDays'],
  ['removalDate', 'removalDays'],
  ['alertDate', 'alertDays'],
] as const

/** Dates given by the user: `undefined` means not given, `null` means cleared. */
export type DatesInput = { [K in keyof LotDates]?: string | null }

/**
 * The date `days` before day number `day` (none without a day). Without an offset a derived date
 * is the expiration date itself (an offset of 0), never empty.
 */
function before(day: number | null, days: number | undefined): IsoDate | null {
  return day === null ? null : fromDayNumber(day - (days ?? 0))
}

/**
 * The dates of a new lot. Explicit dates win; otherwise expiration = base + expirationDays and
 * each other date counts back from the expiration date. A product without offsets and no
 * explicit expiration gives a lot without dates.
 */
export function computeLotDates(offsets: ExpiryOffsets | null, base: IsoDate, explicit: DatesInput = {}): LotDates {
  const expirationDate =
    explicit.expirationDate !== undefined ? explicit.expirationDate : offsets ? addDays(base, offsets.expirationDays) : null
  // The expiration date is read once: a large receipt computes this for every new lot.
  const day = expirationDate ? toDayNumber(expirationDate) : null
  return {
    expirationDate,
    bestBeforeDate: explicit.bestBeforeDate !== undefined ? explicit.bestBeforeDate : before(day, offsets?.bestBeforeDays),
    removalDate: explicit.removalDate !== undefined ? explicit.removalDate : before(day, offsets?.removalDays),
    alertDate: explicit.alertDate !== undefined ? explicit.alertDate : before(day, offsets?.alertDays),
  }
}

/**
 * Applies an edit to a lot's dates. A new expiration date shifts the three other dates by the
 * same number of days (whatever path the edit comes by); dates given in the same edit win.
 * A first expiration date computes the others from the product's offsets; clearing it clears them.
 */
export function editLotDates(current: LotDates, offsets: ExpiryOffsets | null, edit: DatesInput): LotDates {
  const next: LotDates = { ...current }
  const newExpiration = edit.expirationDate
  if (newExpiration !== undefined && newExpiration !== current.expirationDate) {
    next.expirationDate = newExpiration
    for (const [date, days] of DERIVED) {
      if (newExpiration === null) next[date] = null
      else if (current.expirationDate && current[date]) {
        next[date] = addDays(current[date]!, daysBetween(current.expirationDate, newExpiration))
      } else next[date] = before(toDayNumber(newExpiration), offsets?.[days])
    }
  }
  for (const [date] of DERIVED) if (edit[date] !== undefined) next[date] = edit[date]!
  return next
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
    a.bestBeforeDate === b.bestBeforeDate &&
    a.removalDate === b.removalDate &&
    a.alertDate === b.alertDate
  )
}
