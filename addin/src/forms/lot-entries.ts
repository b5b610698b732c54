/** Lots and serials to register, from one name, a serial run or a pasted list, with the dates they will get. */
import { dateInZone } from '../../../shared/dates'
import { generateSerials, parsePastedList, type PastedProblem } from '../../../shared/serials'
import { computeLotDates } from '../../../shared/expiry'
import type { LotDates } from '../../../shared/schemas/lot'
import type { LotInput, Product } from '../api/types'

export type LotMode = 'single' | 'run' | 'paste'

export interface LotForm {
  product: string
  mode: LotMode
  name: string
  ref: string
  expirationDate: string
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
 * product's offsets count from today in the workspace time zone.
 */
export function lotEntries(form: LotForm, product: Product | undefined, timeZone: string, now = new Date()): { entries: LotEntry[]; problems: PastedProblem[] } {
  const today = dateInZone(now, timeZone)
  const entry = (name: string, expirationDate?: string, qty?: number): LotEntry => ({
    name, qty, explicitExpiration: Boolean(expirationDate),
    dates: computeLotDates(product?.expiry ?? null, today, expirationDate ? { expirationDate } : {}),
  })
  if (form.mode === 'single') return { entries: form.name.trim() ? [entry(form.name.trim(), form.expirationDate || undefined)] : [], problems: [] }
  if (form.mode === 'run') {
    const count = Number(form.count)
    if (!form.first.trim()) return { entries: [], problems: [] }
    if (!Number.isInteger(count) || count < 1 || count > 10_000) return { entries: [], problems: [{ line: 0, message: 'count must be a whole number from 1 to 10,000' }] }
    return { entries: generateSerials(form.first.trim(), count).map((n) => entry(n, form.expirationDate || undefined)), problems: [] }
  }
  const { entries, problems } = parsePastedList(form.pasted)
  return { entries: entries.map((e) => entry(e.name, e.expirationDate ?? (form.expirationDate || undefined), e.qty)), problems }
}

/** The API inputs of the entries: only explicit dates are sent; the server computes the rest. */
export function lotInputs(product: string, entries: LotEntry[], ref: string): LotInput[] {
  return entries.map((e) => ({
    product, name: e.name, ...(ref.trim() ? { ref: ref.trim() } : {}), ...(e.explicitExpiration ? { expirationDate: e.dates.expirationDate } : {}),
  }))
}
