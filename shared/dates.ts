/**
 * Calendar dates as ISO `YYYY-MM-DD` strings and the day arithmetic on them. All arithmetic is
 * on UTC day numbers so that no local time zone or daylight-saving change can shift a date.
 */

/** An ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string

const MS_PER_DAY = 86_400_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** True when `s` is a real calendar date in `YYYY-MM-DD` form (2023-02-29 is not). */
export function isIsoDate(s: unknown): boolean {
  if (typeof s !== 'string') return false
  const m = ISO_DATE.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (mo < 1 || mo > 12 || d < 1) return false
  return d <= daysInMonth(y, mo)
}

/** Days in month `month` (1-12) of `year`, leap years included. */
export function daysInMonth(year: number, month: number): number {
  return new Date(utcMidnight(year, month + 1, 0)).getUTCDate()
}

/** Milliseconds of UTC midnight of a calendar day (years 0-99 included, unlike `Date.UTC`). */
function utcMidnight(year: number, month: number, day: number): number {
  const d = new Date(0)
  d.setUTCFullYear(year, month - 1, day)
  return d.getTime()
}

/** Days since 1970-01-01 of an ISO date. */
export function toDayNumber(date: IsoDate): number {
  const m = ISO_DATE.exec(date)
  if (!m) throw new RangeError(`not an ISO date: ${date}`)
  return utcMidnight(Number(m[1]), Number(m[2]), Number(m[3])) / MS_PER_DAY
}

/** The ISO date of a day number. */
export function fromDayNumber(day: number): IsoDate {
  const d = new Date(day * MS_PER_DAY)
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`
}

/** `date` plus `days` (negative to go back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days)
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a)
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>()

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    })
    partsFormatters.set(timeZone, f)
  }
  return f
}

/** True when `tz` is an IANA time zone this runtime knows. */
export function isTimeZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || tz === '') return false
  try {
    partsFormatter(tz)
    return true
  } catch {
    return false
  }
}

function wallClock(instant: Date, timeZone: string): { date: IsoDate; ms: number } {
  const p: Record<string, string> = {}
  for (const part of partsFormatter(timeZone).formatToParts(instant)) p[part.type] = part.value
  const date = `${p.year}-${p.month}-${p.day}`
  const ms = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second))
  return { date, ms }
}

/** The last day asked for per zone, with the instants it spans: most calls fall on the same day. */
const dayCache = new Map<string, { from: number; to: number; date: IsoDate }>()

/** The calendar date of `instant` on a wall clock in `timeZone`. */
export function dateInZone(instant: Date, timeZone: string): IsoDate {
  const t = instant.getTime()
  const cached = dayCache.get(timeZone)
  if (cached && t >= cached.from && t < cached.to) return cached.date
  const date = wallClock(instant, timeZone).date
  const from = startOfDayInZone(date, timeZone).getTime()
  const to = startOfDayInZone(addDays(date, 1), timeZone).getTime()
  if (t >= from && t < to) dayCache.set(timeZone, { from, to, date })
  return date
}

/**
 * The instant at which `date` begins in `timeZone`: local midnight, or, on a day whose midnight
 * a clock change skips, the first instant of that day.
 */
export function startOfDayInZone(date: IsoDate, timeZone: string): Date {
  const localMidnight = toDayNumber(date) * MS_PER_DAY
  // Two passes settle the zone offset, including days where it changes.
  let guess = localMidnight
  for (let i = 0; i < 2; i++) {
    const offset = wallClock(new Date(guess), timeZone).ms - guess
    guess = localMidnight - offset
  }
  let start = Math.floor(guess / 1000) * 1000
  if (wallClock(new Date(start), timeZone).date < date) {
    // Midnight does not exist that day: the day starts at the clock change, within a few hours.
    let lo = start
    let hi = start + 6 * 3_600_000
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000
      if (wallClock(new Date(mid), timeZone).date < date) lo = mid
      else hi = mid
    }
    start = hi
  }
  return new Date(start)
}

/** The wall-clock time of `instant` in `timeZone`, as `YYYY-MM-DDTHH:mm` (no zone). */
export function wallTimeInZone(instant: Date, timeZone: string): string {
  const { ms } = wallClock(instant, timeZone)
  return new Date(ms).toISOString().slice(0, 16)
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)

/**
 * The Excel serial number of a calendar date (`YYYY-MM-DD`) or wall-clock time
 * (`YYYY-MM-DDTHH:mm[:ss]`). Excel serials carry no zone, so the arithmetic is on the wall clock
 * as written and gives the same cell in every time zone. Valid from 1900-03-01.
 */
export function excelSerial(value: string): number {
  const date = value.slice(0, 10)
  const time = /T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value)
  const seconds = time ? Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3] ?? 0) : 0
  return (toDayNumber(date) * MS_PER_DAY - EXCEL_EPOCH_MS) / MS_PER_DAY + seconds / 86_400
}

/** The ISO date (or `YYYY-MM-DDTHH:mm` when it has a time of day) of an Excel serial number. */
export function fromExcelSerial(serial: number): string {
  const ms = Math.round((serial * MS_PER_DAY + EXCEL_EPOCH_MS) / 60_000) * 60_000
  const iso = new Date(ms).toISOString()
  return iso.slice(11, 16) === '00:00' ? iso.slice(0, 10) : iso.slice(0, 16)
}
