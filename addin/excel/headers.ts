/**
 * Which product and lot a row of a worksheet is about, from its column headers. Pure: the
 * Office.js side reads the header row and the selected row, this decides.
 */
import { fieldOf } from '../../shared/import/headers'

/** Header text compared without case, spaces, underscores, hyphens, dots or `#`. */
export function normalizeHeader(h: unknown): string {
  return String(h ?? '').toLowerCase().replace(/[\s_\-.#]+/g, '')
}

const PRODUCT_HEADERS = new Set(['product', 'sku', 'item', 'article', 'productcode', 'itemcode'])
const LOT_HEADERS = new Set(['lot', 'lot/serial', 'batch', 'serial', 'serialnumber', 'lotnumber', 'lotno', 'batchno', 'batchnumber', 'serialno'])

export const isProductHeader = (h: unknown): boolean => PRODUCT_HEADERS.has(normalizeHeader(h))
export const isLotHeader = (h: unknown): boolean => LOT_HEADERS.has(normalizeHeader(h))

/** A cell as text for a product or lot: trimmed, numbers as written, empty → null. */
export function cellText(v: unknown): string | null {
  if (v === null || v === undefined || typeof v === 'object') return null
  const s = String(v).trim()
  return s === '' ? null : s
}

/** A cell as returned to callers: text or number, empty → null (booleans as text). */
export function cellValue(v: unknown): string | number | null {
  if (typeof v === 'number') return v
  if (v === null || v === undefined || v === '' || typeof v === 'object') return null
  return String(v)
}

/** The column nearest to `col` among `candidates`, or -1. */
function nearest(candidates: number[], col: number): number {
  let best = -1
  for (const c of candidates) if (best < 0 || Math.abs(c - col) < Math.abs(best - col)) best = c
  return best
}

export interface RowContext {
  /** Values of the header row (first row of the region around the cell). */
  headers: unknown[]
  /** Values of the selected cell's row, same columns as `headers`. */
  row: unknown[]
  /** The selected cell's column within `headers`. */
  column: number
  /** True when the selected cell is on the header row itself. */
  onHeaderRow: boolean
}

/**
 * Product and lot of the selected cell's row.
 * - Our sheets (headers "Product" and "Lot/Serial"): both from those columns, whatever cell of
 *   the row is selected.
 * - Other sheets: the selected cell is the lot, and the product comes from the nearest column
 *   with a product-like header; if the selected cell is itself in a product column and a lot
 *   column exists, the lot comes from the nearest lot column (no lot column: no lot). A cell
 *   of another column is no lot when the sheet has a lot column, or when its header names
 *   something else (a quantity, a date, a location): the user is asked for a lot cell.
 * - Without a recognisable header row, the cell is the lot and the product is unknown.
 */
export function traceTarget(ctx: RowContext): { product: string | null; lot: string | null } {
  const names = ctx.headers.map(normalizeHeader)
  const products = names.flatMap((n, i) => (PRODUCT_HEADERS.has(n) ? [i] : []))
  const lots = names.flatMap((n, i) => (LOT_HEADERS.has(n) ? [i] : []))
  const selected = cellText(ctx.row[ctx.column])
  if (products.length === 0 && lots.length === 0) return { product: null, lot: selected }
  if (ctx.onHeaderRow) return { product: null, lot: null }
  const ours = names.includes('product') && names.includes('lot/serial')
  if (ours) return { product: cellText(ctx.row[names.indexOf('product')]), lot: cellText(ctx.row[names.indexOf('lot/serial')]) }
  if (products.includes(ctx.column)) return { product: selected, lot: lots.length ? cellText(ctx.row[nearest(lots, ctx.column)]) : null }
  const product = products.length ? cellText(ctx.row[nearest(products, ctx.column)]) : null
  if (lots.includes(ctx.column)) return { product, lot: selected }
  const other = fieldOf(String(ctx.headers[ctx.column] ?? ''))
  return { product, lot: lots.length || (other !== null && other !== 'name') ? null : selected }
}
