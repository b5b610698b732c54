/** Lots and serials to register, from one name, a serial run or a pasted list, with the dates they will get. */
import { dateInZone } from '../../../shared/dates'
import { generateSerials, parsePastedList, type PastedProblem } from '../../../shared/serials'
import { DateOutOfRange } from '../../../shared/date-range'
import { computeLotDates } from '../../../shared/expiry'
import type { DateFormat } from '../../../shared/import/values'
import type { LotDates } from '../../../shared/schemas/lot'
import type { LotInput, Product } from '../api/types'

export type LotMode = 'single' | 'run' | 'paste'

export interface LotForm {
  product: string
  mode: LotMode
  name: string
  ref: string
  expirationDate: string
  /** `month`: the expiration date came as a month only (a scan's YYMM00) and is its last day; an edit of the date drops it. */
  expirationPrecision?: 'month'
  first: string
  count: string
  pasted: string
}

export const emptyLotForm = (): LotForm => ({ product: '', mode: 'single', name: '', ref: '', expirationDate: '', first: '', count: '10', pasted: '' })

export interface LotEntry {
  name: string
  /** From a pasted list: the quantity on that line (used when receiving them). */
  qty?: number
  /** What the server will compute (it stays the authority), or what was given. */
  dates: LotDates
  explicitExpiration: boolean
}

/**
 * The entries a lot form describes, with preview dates: explicit dates win; otherwise the
 * product's offsets count from today in the workspace time zone. A pasted list's dates are read
 * in the workspace's date format, as imports read them.
 */
export function lotEntries(
  form: LotForm, product: Product | undefined, timeZone: string, now = new Date(), dateFormat: DateFormat = 'YMD',
): { entries: LotEntry[]; problems: PastedProblem[] } {
  const today = dateInZone(now, timeZone)
  const entries: LotEntry[] = []
  const problems: PastedProblem[] = []
  /** Adds an entry, or the problem with its dates (the server would refuse them too). */
  const add = (line: number, name: string, expirationDate?: string, qty?: number, expirationPrecision?: 'month') => {
    try {
      const dates = computeLotDates(product?.expiry ?? null, today, expirationDate ? { expirationDate, expirationPrecision } : {})
      entries.push({ name, qty, explicitExpiration: Boolean(expirationDate), dates })
    } catch (err) {
      if (!(err instanceof DateOutOfRange)) throw err
      problems.push({ line, message: err.message })
    }
  }
  if (form.mode === 'single') {
    if (form.name.trim()) add(1, form.name.trim(), form.expirationDate || undefined, undefined, form.expirationPrecision)
    return { entries, problems }
  }
  if (form.mode === 'run') {
    const count = Number(form.count)
    if (!form.first.trim()) return { entries, problems }
    if (!Number.isInteger(count) || count < 1 || count > 10_000) return { entries: [], problems: [{ line: 0, message: 'count must be a whole number from 1 to 10,000' }] }
    // One date for the whole run: one problem at most.
    for (const n of generateSerials(form.first.trim(), count)) if (!problems.length) add(1, n, form.expirationDate || undefined, undefined, form.expirationPrecision)
    return problems.length ? { entries: [], problems } : { entries, problems }
  }
  const pasted = parsePastedList(form.pasted, dateFormat)
  problems.push(...pasted.problems)
  for (const e of pasted.entries) {
    if (e.expirationDate) add(e.line, e.name, e.expirationDate, e.qty, e.expirationPrecision)
    else add(e.line, e.name, form.expirationDate || undefined, e.qty, form.expirationPrecision)
  }
  return { entries, problems }
}

/** `{expirationPrecision: 'month'}` for a month-only expiry, else nothing: spread into a line or a lot. */
export const monthOnly = (d: { expirationPrecision?: 'day' | 'month' }) => (d.expirationPrecision === 'month' ? { expirationPrecision: 'month' as const } : {})

/** An explicit expiration as the API takes it: with `month` beside it for a month only. */
const explicitExpiry = (d: LotDates) => ({ expirationDate: d.expirationDate, ...monthOnly(d) })

/** The API inputs of the entries: only explicit dates are sent; the server computes the rest. */
export function lotInputs(product: string, entries: LotEntry[], ref: string): LotInput[] {
  return entries.map((e) => ({
    product, name: e.name, ...(ref.trim() ? { ref: ref.trim() } : {}), ...(e.explicitExpiration ? explicitExpiry(e.dates) : {}),
  }))
}
