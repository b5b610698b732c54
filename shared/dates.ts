/**
 * Calendar dates as ISO `YYYY-MM-DD` strings and the day arithmetic on them. All arithmetic is
 * on UTC day numbers so that no local time zone or daylight-saving change can shift a date.
 */

/** An ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string

const MS_PER_DAY = 86_400_000

/** True when `s` is a real calendar date in `YYYY-MM-DD` form (2023-02-29 is not). */
export function isIsoDate(s: unknown): boolean {
  return typeof s === 'string' && parseIso(s) !== null
}

/** The number written in `s` from `from` to `to` (exclusive), or -1 when a character is not a digit. */
function digitsAt(s: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48
    if (c < 0 || c > 9) return -1
    n = n * 10 + c
  }
  return n
}

/** Year, month and day of a real `YYYY-MM-DD` date, else null (read by char codes: this is hot). */
function parseIso(s: string): [number, number, number] | null {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null
  const y = digitsAt(s, 0, 4)
  const m = digitsAt(s, 5, 7)
  const d = digitsAt(s, 8, 10)
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null
  return [y, m, d]
}

const MONTH = /^(\d{4})-(\d{2})$/

/** True when `s` is a month as `YYYY-MM` (a month-only expiry is written so). */
export function isIsoMonth(s: unknown): s is string {
  if (typeof s !== 'string') return false
  const m = MONTH.exec(s)
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12
}

/** The last day of month `YYYY-MM` (2024-02: 2024-02-29). */
export function monthEnd(month: string): IsoDate {
  const m = MONTH.exec(month)
  if (!m || !isIsoMonth(month)) throw new RangeError(`not a month as YYYY-MM: ${month}`)
  return `${month}-${String(daysInMonth(Number(m[1]), Number(m[2]))).padStart(2, '0')}`
}

/** Days in month `month` (1-12) of `year`, leap years included. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/*
 * Day numbers from and to the proleptic Gregorian calendar in integer arithmetic, counting in
 * 400-year eras that start on March 1 (so the leap day ends a year): no Date objects, no time zone.
 */
const DAYS_PER_ERA = 146_097
/** Day number of 0000-03-01, the start of era 0. */
const ERA_EPOCH = -719_468

function dayNumberOf(y: number, m: number, d: number): number {
  const year = m <= 2 ? y - 1 : y
  const era = Math.floor(year / 400)
  const yearOfEra = year - era * 400
  const dayOfYear = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * DAYS_PER_ERA + dayOfEra + ERA_EPOCH
}

/** Days since 1970-01-01 of an ISO date. */
export function toDayNumber(date: IsoDate): number {
  const parts = parseIso(date)
  if (!parts) throw new RangeError(`not an ISO date: ${date}`)
  return dayNumberOf(parts[0], parts[1], parts[2])
}

/** Dates already written out, by day number: an import writes the same few days 100,000 times. */
const isoOfDay = new Map<number, IsoDate>()
const ISO_OF_DAY_MAX = 20_000

/** The ISO date of a day number. */
export function fromDayNumber(day: number): IsoDate {
  let iso = isoOfDay.get(day)
  if (iso === undefined) {
    if (isoOfDay.size >= ISO_OF_DAY_MAX) isoOfDay.clear()
    iso = isoOfDayNumber(day)
    isoOfDay.set(day, iso)
  }
  return iso
}

function isoOfDayNumber(day: number): IsoDate {
  const z = day - ERA_EPOCH
  const era = Math.floor(z / DAYS_PER_ERA)
  const dayOfEra = z - era * DAYS_PER_ERA
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365)
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const mp = Math.floor((5 * dayOfYear + 2) / 153)
  const d = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`
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

function wallClock(instant: Date, timeZone: string): number {
  const p: Record<string, string> = {}
  for (const part of partsFormatter(timeZone).formatToParts(instant)) p[part.type] = part.value
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second))
}

/** The last day asked for per zone, with the instants it spans: most calls fall on the same day. */
const dayCache = new Map<string, { from: number; to: number; day: number }>()

/**
 * The day number of the calendar date of `instant` on a wall clock in `timeZone`. Day numbers,
 * not ISO text, so that a day past 9999-12-31 is a number to judge, not an error.
 */
export function dayInZone(instant: Date, timeZone: string): number {
  const t = instant.getTime()
  const cached = dayCache.get(timeZone)
  if (cached && t >= cached.from && t < cached.to) return cached.day
  const day = Math.floor(wallClock(instant, timeZone) / MS_PER_DAY)
  const from = startOfDay(day, timeZone)
  const to = startOfDay(day + 1, timeZone)
  if (t >= from && t < to) dayCache.set(timeZone, { from, to, day })
  return day
}

/** The calendar date of `instant` on a wall clock in `timeZone`. */
export function dateInZone(instant: Date, timeZone: string): IsoDate {
  return fromDayNumber(dayInZone(instant, timeZone))
}

/**
 * The instant at which `date` begins in `timeZone`: local midnight, or, on a day whose midnight
 * a clock change skips, the first instant of that day.
 */
export function startOfDayInZone(date: IsoDate, timeZone: string): Date {
  return new Date(startOfDay(toDayNumber(date), timeZone))
}

/** {@link startOfDayInZone} of a day number, in ms. */
function startOfDay(day: number, timeZone: string): number {
  // Zone rules do not change while we run: remember the answers (a big import asks for the same days again and again).
  const key = `${timeZone}\u0000${day}`
  let start = dayStarts.get(key)
  if (start === undefined) {
    if (dayStarts.size >= DAY_STARTS_MAX) dayStarts.clear()
    dayStarts.set(key, (start = computeStartOfDay(day, timeZone)))
  }
  return start
}

const DAY_STARTS_MAX = 10_000
const dayStarts = new Map<string, number>()

function computeStartOfDay(day: number, timeZone: string): number {
  const localMidnight = day * MS_PER_DAY
  const wallDay = (ms: number) => Math.floor(wallClock(new Date(ms), timeZone) / MS_PER_DAY)
  // Two passes settle the zone offset, including days where it changes.
  let guess = localMidnight
  for (let i = 0; i < 2; i++) {
    const offset = wallClock(new Date(guess), timeZone) - guess
    guess = localMidnight - offset
  }
  let start = Math.floor(guess / 1000) * 1000
  if (wallDay(start) < day) {
    // Midnight does not exist that day: the day starts at the clock change, within a few hours.
    let lo = start
    let hi = start + 6 * 3_600_000
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000
      if (wallDay(mid) < day) lo = mid
      else hi = mid
    }
    start = hi
  }
  return start
}

/**
 * Per zone, the offset (wall clock minus UTC, in ms) of each UTC day asked for, or null when it
 * changes during that day. Two clock changes never fall within one day, so an offset that is the
 * same at both ends of a day holds all day.
 */
const dayOffsets = new Map<string, Map<number, number | null>>()
const DAY_OFFSETS_MAX = 20_000

function offsetOfDay(day: number, timeZone: string): number | null {
  let days = dayOffsets.get(timeZone)
  if (!days) dayOffsets.set(timeZone, (days = new Map()))
  let offset = days.get(day)
  if (offset === undefined) {
    const start = day * MS_PER_DAY
    const end = start + MS_PER_DAY - 1000
    const first = wallClock(new Date(start), timeZone) - start
    offset = wallClock(new Date(end), timeZone) - end === first ? first : null
    if (days.size >= DAY_OFFSETS_MAX) days.clear()
    days.set(day, offset)
  }
  return offset
}

/**
 * The wall-clock time of `instant` in `timeZone`, as `YYYY-MM-DDTHH:mm` (no zone); a year past
 * 9999 (the last instant of the range seen from a zone ahead of UTC) with its five digits.
 */
export function wallTimeInZone(instant: Date, timeZone: string): string {
  const t = instant.getTime()
  const offset = Number.isFinite(t) ? offsetOfDay(Math.floor(t / MS_PER_DAY), timeZone) : null
  const ms = offset === null ? wallClock(instant, timeZone) : t + offset
  const iso = new Date(ms).toISOString()
  return iso.length === 24 ? iso.slice(0, 16) : iso.slice(0, iso.indexOf('T') + 6).replace(/^\+0*/, '')
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)
/**
 * Excel's serial of 1900-03-01. Below it Excel counts as Lotus 1-2-3 did, with a 29 February 1900
 * that never was (serial 60): serials 1 to 59 are 1900-01-01 to 1900-02-28, one less than the days
 * since 1899-12-30.
 */
const EXCEL_MARCH_1900 = 61
/** Excel's serial of its 1900-02-29, a day that never was. */
export const EXCEL_PHANTOM_LEAP_DAY = 60

/**
 * The Excel serial number of a calendar date (`YYYY-MM-DD`) or wall-clock time
 * (`YYYY-MM-DDTHH:mm[:ss]`). Excel serials carry no zone, so the arithmetic is on the wall clock
 * as written and gives the same cell in every time zone. January and February 1900 get Excel's
 * serials (see {@link EXCEL_MARCH_1900}).
 */
export function excelSerial(value: string): number {
  const date = value.slice(0, 10)
  const time = /T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value)
  const seconds = time ? Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3] ?? 0) : 0
  const days = (toDayNumber(date) * MS_PER_DAY - EXCEL_EPOCH_MS) / MS_PER_DAY
  return (days < EXCEL_MARCH_1900 ? days - 1 : days) + seconds / 86_400
}

/**
 * A date or wall-clock time as an Excel cell: its serial, or the text as it is when Excel cannot
 * show it as a date (not a date, or past 9999-12-31). A month only (`YYYY-MM`, a month-only
 * expiry) is its last day, so that it sorts among the days.
 */
export function excelDateCell(value: string): number | string {
  let serial: number
  try {
    serial = excelSerial(isIsoMonth(value) ? monthEnd(value) : value)
  } catch {
    return value
  }
  return serial >= 1 && serial < EXCEL_AFTER_LAST_DATE ? serial : value
}

/** The serial after Excel's last date, 9999-12-31. */
const EXCEL_AFTER_LAST_DATE = 2_958_466

/**
 * The ISO date (or `YYYY-MM-DDTHH:mm` when it has a time of day) of an Excel serial number, as
 * Excel shows it. Serial 60, Excel's 1900-02-29, reads as 1900-03-01.
 */
export function fromExcelSerial(serial: number): string {
  const days = serial < EXCEL_MARCH_1900 ? serial + 1 : serial
  const ms = Math.round((days * MS_PER_DAY + EXCEL_EPOCH_MS) / 60_000) * 60_000
  const iso = new Date(ms).toISOString()
  return iso.slice(11, 16) === '00:00' ? iso.slice(0, 10) : iso.slice(0, 16)
}
