/** Operation lines from rows of a sheet: the columns are recognised by their headers. */
import { fromExcelSerial, isIsoDate } from '../../../shared/dates'
import { matchHeaders } from '../../../shared/import/headers'
import { parseNumberText } from '../../../shared/numbers'

/** A line as the pane's forms hold it: text fields, as typed. */
export interface DraftLine {
  product: string
  lot: string
  qty: string
  from: string
  to: string
  package: string
  expirationDate: string
  /** Adjustment lines: where the count is. */
  location: string
  /** Adjustment lines of a tracked product: count the "no lot" bucket. */
  noLot?: boolean
}

export const emptyLine = (): DraftLine => ({ product: '', lot: '', qty: '', from: '', to: '', package: '', expirationDate: '', location: '' })

type Cell = string | number | boolean | null

function text(v: Cell | undefined): string {
  return v === null || v === undefined ? '' : String(v).trim()
}

function dateText(v: Cell | undefined): string {
  if (typeof v === 'number' && v > 0) return fromExcelSerial(v).slice(0, 10)
  const t = text(v)
  return isIsoDate(t.slice(0, 10)) ? t.slice(0, 10) : t
}

/**
 * Lines from `rows` under `headers`. Needs a product column; rows without a product are skipped.
 * A serial column counts as a lot column (one serial per row). Returns the headers it did not use.
 */
export function linesFromRows(headers: string[], rows: Cell[][]): { lines: DraftLine[]; unknown: string[]; error: string | null } {
  const { columns: c, unknown } = matchHeaders(headers)
  if (c.product === undefined) return { lines: [], unknown, error: 'no product column (a header such as Product, SKU or Item)' }
  const lotColumn = c.lot ?? c.serial
  const qtyColumn = c.qty ?? c.countedQty
  const lines: DraftLine[] = []
  for (const r of rows) {
    const product = text(r[c.product])
    if (!product) continue
    const qtyCell = qtyColumn === undefined ? null : r[qtyColumn]
    const qty = typeof qtyCell === 'number' ? String(qtyCell) : (parseNumberText(text(qtyCell))?.toString() ?? text(qtyCell))
    lines.push({
      product,
      lot: lotColumn === undefined ? '' : text(r[lotColumn]),
      qty,
      from: c.from === undefined ? '' : text(r[c.from]),
      to: c.to === undefined ? '' : text(r[c.to]),
      package: c.package === undefined ? '' : text(r[c.package]),
      expirationDate: c.expirationDate === undefined ? '' : dateText(r[c.expirationDate]),
      location: c.location === undefined ? '' : text(r[c.location]),
    })
  }
  return { lines, unknown, error: lines.length ? null : 'the selected rows have no product' }
}
