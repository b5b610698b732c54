/**
 * Serial and lot number entry helpers shared by the task pane and the server: generating a run
 * of serials from a first one, and reading a pasted list.
 */
import type { IsoDate } from './dates'
import { expiryFields, isIsoMonth } from './expiry-precision'
import { parseDateText, type DateFormat } from './import/values'
import { parseNumberText } from './numbers'

/** Most serials one generation may produce. */
export const SERIAL_RUN_MAX = 10_000

/**
 * Serials from `first` and a `count`: the LAST run of digits is incremented, keeping its width,
 * prefix and suffix (`SN-0099A`, 3 gives `SN-0099A`, `SN-0100A`, `SN-0101A`). When the run
 * overflows its width it grows (`9` then `10`). A first serial without digits gets `-1`, `-2`...
 */
export function generateSerials(first: string, count: number): string[] {
  if (!Number.isInteger(count) || count < 1 || count > SERIAL_RUN_MAX) {
    throw new RangeError(`count must be a whole number from 1 to ${SERIAL_RUN_MAX}`)
  }
  const m = /^(.*?)(\d+)(\D*)$/.exec(first)
  if (!m) return Array.from({ length: count }, (_, i) => (i === 0 ? first : `${first}-${i}`))
  const [, prefix, digits, suffix] = m
  const start = BigInt(digits)
  return Array.from({ length: count }, (_, i) => `${prefix}${(start + BigInt(i)).toString().padStart(digits.length, '0')}${suffix}`)
}

/** One line of a pasted list. */
export interface PastedEntry {
  /** 1-based line number in the pasted text. */
  line: number
  name: string
  qty?: number
  expirationDate?: IsoDate
  /** `month` when the date was written as a month only (`2027-03`): the date is its last day. */
  expirationPrecision?: 'month'
}

/** A line of a pasted list that could not be read. */
export interface PastedProblem {
  line: number
  message: string
}

const NUMERIC_DATE = /^\d{1,4}[/.\-\s]\d{1,2}[/.\-\s]\d{1,4}$/
const MONTH_NAME = /(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i

/** Text that is meant as a date: three runs of digits, or digits and a month name. */
const dateLike = (field: string) => NUMERIC_DATE.test(field) || (/\d/.test(field) && MONTH_NAME.test(field))

/**
 * Reads a pasted list: one lot/serial per line, optionally followed by a quantity and an
 * expiration date, separated by TAB or `;`. Dates are read as imports read them: ISO
 * (`2026-11-27`), with a month name, or as the workspace's date format says (`27/11/2026`
 * day-first). Blank lines are skipped; a line that cannot be read is a problem and the others
 * are still read.
 */
export function parsePastedList(text: string, dateFormat: DateFormat = 'YMD'): { entries: PastedEntry[]; problems: PastedProblem[] } {
  const entries: PastedEntry[] = []
  const problems: PastedProblem[] = []
  const lines = text.split(/\r?\n/)
  lines.forEach((raw, i) => {
    const line = i + 1
    if (raw.trim() === '') return
    const fields = raw.split(/\t|;/).map((f) => f.trim())
    const [name, ...rest] = fields
    if (!name) return problems.push({ line, message: 'no lot/serial name' })
    const entry: PastedEntry = { line, name }
    for (const field of rest) {
      if (field === '') continue
      if (isIsoMonth(field)) {
        if (entry.expirationDate) return problems.push({ line, message: 'two dates' })
        Object.assign(entry, expiryFields(field))
        continue
      }
      const date = parseDateText(field, dateFormat)
      const qty = parseNumberText(field)
      if ('value' in date) {
        if (entry.expirationDate) return problems.push({ line, message: 'two dates' })
        entry.expirationDate = date.value
      } else if (dateLike(field)) {
        return problems.push({ line, message: date.error })
      } else if (qty !== null && qty >= 0) {
        if (entry.qty !== undefined) return problems.push({ line, message: 'two quantities' })
        entry.qty = qty
      } else {
        return problems.push({ line, message: `"${field}" is neither a quantity nor a date` })
      }
    }
    entries.push(entry)
  })
  return { entries, problems }
}
