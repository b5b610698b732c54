/**
 * Serial and lot number entry helpers shared by the task pane and the server: generating a run
 * of serials from a first one, and reading a pasted list.
 */
import { isIsoDate, type IsoDate } from './dates'
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
}

/** A line of a pasted list that could not be read. */
export interface PastedProblem {
  line: number
  message: string
}

/**
 * Reads a pasted list: one lot/serial per line, optionally followed by a quantity and an
 * expiration date (`YYYY-MM-DD`), separated by TAB or `;`. Blank lines are skipped.
 */
export function parsePastedList(text: string): { entries: PastedEntry[]; problems: PastedProblem[] } {
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
      const qty = parseNumberText(field)
      if (isIsoDate(field)) {
        if (entry.expirationDate) return problems.push({ line, message: 'two dates' })
        entry.expirationDate = field
      } else if (qty !== null && qty >= 0) {
        if (entry.qty !== undefined) return problems.push({ line, message: 'two quantities' })
        entry.qty = qty
      } else {
        return problems.push({ line, message: `"${field}" is neither a quantity nor a YYYY-MM-DD date` })
      }
    }
    entries.push(entry)
  })
  return { entries, problems }
}
