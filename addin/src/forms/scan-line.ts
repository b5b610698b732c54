/**
 * A GS1 scan put on the lines of a form: the product by its GTIN, the lot or serial, the expiry
 * and the quantity go on the current line; the next scan starts a new one. Scanning the same
 * serial-tracked product again adds the serial to its line; the same lot again adds to its
 * quantity. Pure: the Record form and its tests share it.
 */
import type { LineField } from '../../../shared/operation-types'
import type { ProductIndex } from '../../../shared/products/resolve'
import type { Gs1Fields } from '../../../shared/gs1/interpret'
import { parseQty, qtyToNumber } from '../../../shared/quantity'
import type { Product } from '../api/types'
import type { DraftLine } from './lines-from-rows'

/** What a scan did to the lines: which line it filled and how to say it, or why it did nothing. */
export type ScanOutcome =
  | { kind: 'filled'; line: number; text: string }
  | { kind: 'unknown-gtin'; gtin: string }
  | { kind: 'refused'; text: string }

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** True for a unit of kilograms (the product's quantity is then the scanned net weight). */
export const isKilograms = (uom: string) => /^(kg|kgs|kgm|kilos?|kilograms?)$/i.test(uom.trim())

const ordinal = (n: number) => `${n}${n === 1 || n === 21 || n === 31 ? 'st' : n === 2 || n === 22 ? 'nd' : n === 3 || n === 23 ? 'rd' : 'th'}`

/** "expires 2026-03-31", or for a month-only date "expires March 2026 (month only: the 31st is used)". */
export function expiryText(scan: Pick<Gs1Fields, 'expirationDate' | 'expirationPrecision'>): string {
  const date = scan.expirationDate
  if (!date) return ''
  if (scan.expirationPrecision !== 'month') return `expires ${date}`
  return `expires ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)} (month only: the ${ordinal(Number(date.slice(8)))} is used)`
}

/** Why a scan without a GTIN fills nothing. */
export function noProductText(scan: Gs1Fields): string {
  return scan.sscc ? `The scan is a package's SSCC (${scan.sscc}) without a GTIN: scan the label of the goods.` : 'The scan names no product (no GTIN).'
}

/** The product a scan's GTIN names, if exactly one has it. */
export function productOfScan(scan: Gs1Fields, products: ProductIndex<Product>): Product | null {
  const list = scan.gtin ? products.byGtin.get(scan.gtin) : undefined
  return list?.length === 1 ? list[0] : null
}

const blank = (l: DraftLine) => !l.product.trim() && !l.lot.trim() && !l.qty.trim()

/** The quantity a scan gives `product`: its weight for a product in kilograms, else its count, else one item. */
function scannedQty(scan: Gs1Fields, product: Product): number {
  if (isKilograms(product.uom) && scan.netWeightKg !== undefined) return scan.netWeightKg
  return scan.quantity?.unit === 'units' ? scan.quantity.value : 1
}

const plus = (text: string, add: number) => {
  const q = parseQty(text.trim() || '0')
  return typeof q === 'number' ? String(qtyToNumber(q) + add) : String(add)
}

/**
 * Puts `scan` on `lines` (a section of the form, edited in place): on its last line when that
 * one is blank, else on a new line from `newLine`; a serial or lot already on the last line of
 * the same product is counted there. `fields` are the line fields the operation has.
 */
export function applyScan<L extends DraftLine>(
  lines: L[], scan: Gs1Fields, products: ProductIndex<Product>, fields: readonly LineField[], newLine: () => L,
): ScanOutcome {
  if (!scan.gtin) return { kind: 'refused', text: noProductText(scan) }
  const product = productOfScan(scan, products)
  if (!product) return { kind: 'unknown-gtin', gtin: scan.gtin }
  const name = product.tracking === 'serial' ? scan.serial ?? scan.lot : product.tracking === 'lot' ? scan.lot ?? scan.serial : undefined
  const last = lines.at(-1)
  const said = [product.sku, name ? `${product.tracking} ${name}` : '', expiryText(scan)].filter(Boolean)
  // The same product scanned again: one line per lot, one line for the serials.
  if (last && last.product === product.sku && name) {
    if (product.tracking === 'serial') {
      const serials = last.lot.split('\n').map((s) => s.trim()).filter(Boolean)
      if (serials.includes(name)) return { kind: 'refused', text: `Serial ${name} is already on line ${lines.length}.` }
      last.lot = [...serials, name].join('\n')
      return { kind: 'filled', line: lines.length - 1, text: `Line ${lines.length}: ${said.join(', ')} (${serials.length + 1} serials)` }
    }
    if (last.lot === name) {
      last.qty = plus(last.qty, scannedQty(scan, product))
      return { kind: 'filled', line: lines.length - 1, text: `Line ${lines.length}: ${product.sku} lot ${name}, now ${last.qty}` }
    }
  }
  const line = last && blank(last) ? last : newLine()
  if (line !== last) lines.push(line)
  line.product = product.sku
  if (name) line.lot = name
  if (product.tracking !== 'serial') line.qty = String(scannedQty(scan, product))
  if (fields.includes('expirationDate') && scan.expirationDate) {
    line.expirationDate = scan.expirationDate
    // A month-only expiry is registered as the month it came as.
    if (scan.expirationPrecision === 'month') line.expirationPrecision = 'month'
    else delete line.expirationPrecision
  }
  if (fields.includes('package') && scan.sscc) line.package = scan.sscc
  const missing = product.tracking !== 'none' && !name ? ` — the scan has no ${product.tracking}: type it` : ''
  if (product.tracking !== 'serial') said.push(`quantity ${line.qty}${scan.quantity || (isKilograms(product.uom) && scan.netWeightKg !== undefined) ? '' : ' (the scan has none: 1 item)'}`)
  return { kind: 'filled', line: lines.indexOf(line), text: `Line ${lines.indexOf(line) + 1}: ${said.join(', ')}${missing}` }
}
