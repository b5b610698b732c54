/**
 * Reading spreadsheet cells as the values an import needs: text, numbers, whole numbers and
 * dates. Dates come as real Excel dates, ISO text, or day-first / month-first / year-first text
 * as the workspace's date format says; what cannot be read without guessing is refused.
 */
import { assertNever } from '../assert-never'
import { DATE_RANGE_TEXT, dayRangeProblem } from '../date-range'
import { daysInMonth, EXCEL_PHANTOM_LEAP_DAY, fromExcelSerial, isIsoDate, toDayNumber, type IsoDate } from '../dates'
import { isIsoMonth } from '../expiry-precision'
import { parseNumberText } from '../numbers'
import type { ValueKind } from './kinds'

/** A cell as read from a workbook or CSV: text, a number, a boolean, a date (exceljs gives UTC midnight), or empty. */
export type RawCell = string | number | boolean | Date | null

export type DateFormat = 'DMY' | 'MDY' | 'YMD'

/** A value read, or why it could not be. */
export type Read<T> = { value: T } | { error: string }

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const FORMAT_TEXT: Record<DateFormat, string> = { DMY: 'day-first (DD/MM/YYYY)', MDY: 'month-first (MM/DD/YYYY)', YMD: 'year-first (YYYY/MM/DD)' }

/** True for an empty cell (nothing, or only spaces). */
export function isBlank(cell: RawCell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '')
}

function iso(y: number, m: number, d: number): IsoDate | null {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/**
 * A date typed as text, read by the workspace's date format; month names are read in any format.
 * A date outside the ledger's range is refused.
 */
export function parseDateText(text: string, format: DateFormat): Read<IsoDate> {
  const read = readDateText(text.trim(), format)
  if ('error' in read) return read
  const problem = dayRangeProblem(toDayNumber(read.value))
  return problem ? { error: `"${text.trim()}" ${problem}: dates run ${DATE_RANGE_TEXT}` } : read
}

function readDateText(t: string, format: DateFormat): Read<IsoDate> {
  if (/^\d{4}-\d{2}-\d{2}(?:$|T| \d)/.test(t)) {
    return isIsoDate(t.slice(0, 10)) ? { value: t.slice(0, 10) } : { error: `"${t}" is not a real date` }
  }
  const named = /^(\d{1,2})[\s.-]+([a-z]{3,9})\.?[\s.,-]+(\d{4})$/i.exec(t) ?? /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/i.exec(t)
  if (named) {
    const [a, b, y] = named.slice(1)
    const [dayText, monthText] = /^\d/.test(a) ? [a, b] : [b, a]
    const month = MONTHS.indexOf(monthText.slice(0, 3).toLowerCase()) + 1
    const value = month > 0 ? iso(Number(y), month, Number(dayText)) : null
    return value ? { value } : { error: `"${t}" is not a date` }
  }
  const parts = /^(\d{1,4})[/.\-\s](\d{1,2})[/.\-\s](\d{1,4})$/.exec(t)
  if (!parts) return { error: `"${t}" is not a date (write it as YYYY-MM-DD, or ${FORMAT_TEXT[format]})` }
  const [p1, p2, p3] = parts.slice(1)
  if (p1.length !== 4 && p3.length !== 4) return { error: `"${t}": write the year with 4 digits` }
  const yearFirst = p1.length === 4
  if (yearFirst !== (format === 'YMD')) {
    return { error: `"${t}" does not follow the workspace's date format, ${FORMAT_TEXT[format]}; write it as YYYY-MM-DD` }
  }
  const [y, m, d] = yearFirst ? [p1, p2, p3] : format === 'DMY' ? [p3, p2, p1] : [p3, p1, p2]
  const value = iso(Number(y), Number(m), Number(d))
  return value ? { value } : { error: `"${t}" is not a real ${FORMAT_TEXT[format]} date` }
}

/** Excel's serial of 1970-01-01: exceljs gives date cells as the instant `(serial - this)` days after it. */
const UNIX_EPOCH_SERIAL = 25_569
/** The last serial Excel shows as a date: 9999-12-31. */
const LAST_SERIAL = 2_958_465

/**
 * Days by whole serial, as read: a sheet's dates repeat row after row (the lines of one receipt),
 * and making a day's text is most of what reading a date cell costs. Emptied past
 * {@link DAYS_KEPT} (a sheet of dates all different gains nothing from it).
 */
const days = new Map<number, string>()
const DAYS_KEPT = 4096

/** A cell that is not a date, as its error quotes it. */
function shownCell(raw: Date | number): string {
  return raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw)
}

/** An Excel serial as the day Excel shows, or why it is not one; `raw` is the cell, quoted in the error. */
function dateOfSerial(serial: number, raw: Date | number): Read<IsoDate> {
  const whole = Math.floor(serial)
  let day = days.get(whole)
  if (day !== undefined) return { value: day }
  if (!(whole >= 1 && whole <= LAST_SERIAL)) return { error: `${shownCell(raw)} is not a date (Excel's dates run ${DATE_RANGE_TEXT})` }
  if (whole === EXCEL_PHANTOM_LEAP_DAY) return { error: `${shownCell(raw)} is 1900-02-29 in Excel, a day that never was` }
  if (days.size >= DAYS_KEPT) days.clear()
  days.set(whole, (day = fromExcelSerial(whole)))
  return { value: day }
}

/**
 * A date cell as exceljs gives it, the UTC instant of its serial counted from 1899-12-30 (so a day
 * early before March 1900, where Excel counts a 1900-02-29), back to its serial, then as the day
 * Excel shows.
 */
function dateOfDateCell(cell: Date): Read<IsoDate> {
  const ms = cell.getTime()
  if (Number.isNaN(ms)) return { error: 'not a date' }
  return dateOfSerial(ms / 86_400_000 + UNIX_EPOCH_SERIAL, cell)
}

/**
 * An expiration cell: a date as `readCell` reads one, or a month only written `YYYY-MM` (a label's
 * month-only expiry), kept as that text: the lot gets the month's last day with precision month.
 */
export function readExpiryCell(cell: RawCell, dateFormat: DateFormat): Read<string | number | null> {
  if (typeof cell === 'string' && isIsoMonth(cell.trim())) return { value: cell.trim() }
  return readCell(cell, 'date', dateFormat)
}

/** Reads a cell as `kind`; blank cells read as null. */
export function readCell(cell: RawCell, kind: ValueKind, dateFormat: DateFormat): Read<string | number | null> {
  if (isBlank(cell)) return { value: null }
  switch (kind) {
    case 'text': {
      if (!(cell instanceof Date)) return { value: String(cell).trim() }
      const date = dateOfDateCell(cell)
      return 'error' in date ? { value: cell.toISOString().slice(0, 10) } : date
    }
    case 'number':
    case 'integer': {
      const n = typeof cell === 'number' ? cell : typeof cell === 'string' ? parseNumberText(cell) : null
      if (n === null || !Number.isFinite(n)) return { error: `"${String(cell)}" is not a number` }
      if (kind === 'integer' && !Number.isInteger(n)) return { error: `${n} is not a whole number` }
      return { value: n }
    }
    case 'date': {
      if (cell instanceof Date) return dateOfDateCell(cell)
      if (typeof cell === 'number') return dateOfSerial(cell, cell)
      if (typeof cell === 'boolean') return { error: `${cell} is not a date` }
      return parseDateText(String(cell), dateFormat)
    }
    default:
      return assertNever(kind, 'value kind')
  }
}
