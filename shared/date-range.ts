/**
 * The dates the ledger holds: years 1900 to 9999, every date alike (given in a write, computed
 * from a product's offsets, read from a workbook, or the day an instant falls on). The one place
 * the range is defined; everything that takes a date in checks it here and names the field.
 */
import { fromDayNumber, toDayNumber, type IsoDate } from './dates'

/** The first date the ledger holds. */
export const FIRST_DATE: IsoDate = '1900-01-01'
/** The last date the ledger holds (Excel's last date too). */
export const LAST_DATE: IsoDate = '9999-12-31'

const FIRST_DAY = toDayNumber(FIRST_DATE)
const LAST_DAY = toDayNumber(LAST_DATE)
const MS_PER_DAY = 86_400_000

/** The first and last instants the ledger takes (UTC): the ends of the range's first and last days. */
export const FIRST_INSTANT_MS = FIRST_DAY * MS_PER_DAY
export const LAST_INSTANT_MS = (LAST_DAY + 1) * MS_PER_DAY - 1

/** The range in words, for messages and documentation. */
export const DATE_RANGE_TEXT = `from ${FIRST_DATE} to ${LAST_DATE}`

/** Why day number `day` is outside the range (`falls after 9999-12-31`), or null when it is inside. */
export function dayRangeProblem(day: number): string | null {
  if (day < FIRST_DAY) return `falls before ${FIRST_DATE}`
  if (day > LAST_DAY) return `falls after ${LAST_DATE}`
  return null
}

/**
 * Why the instant `text` (anything `Date` parses, e.g. an ISO date-time with offset) is outside the
 * range, or null when it is inside. The instant itself is judged, in UTC: `9999-12-31T23:59-05:00`
 * is already in year 10000.
 */
export function instantRangeProblem(text: string): string | null {
  const ms = Date.parse(text)
  if (Number.isNaN(ms)) return 'is not a date-time'
  if (ms < FIRST_INSTANT_MS) return `falls before ${FIRST_DATE}T00:00:00Z`
  if (ms > LAST_INSTANT_MS) return `falls after ${LAST_DATE}T23:59:59.999Z`
  return null
}

/** Which of a lot's dates. */
export type LotDateField = 'expirationDate' | 'bestBeforeDate' | 'removalDate' | 'alertDate'

/** A date computed from others that would fall outside the range: callers turn it into a refusal naming their field. */
export class DateOutOfRange extends RangeError {
  override name = 'DateOutOfRange'
  constructor(
    /** The lot date that would fall outside. */
    readonly field: LotDateField,
    message: string,
  ) {
    super(message)
  }
}

/**
 * The date of day number `day`, or a {@link DateOutOfRange} for `field` whose message is
 * `<what> <falls after 9999-12-31>`.
 */
export function dayInRangeOrThrow(day: number, field: LotDateField, what: string): IsoDate {
  const problem = dayRangeProblem(day)
  if (problem) throw new DateOutOfRange(field, `${what} ${problem}`)
  return fromDayNumber(day)
}
