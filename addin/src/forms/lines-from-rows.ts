/**
 * Operation lines from rows of a sheet: the columns are recognised by their headers, and a column
 * of scanned GS1 barcodes by its header (Barcode, GS1, Scan) or by what it holds.
 */
import { fromExcelSerial, isIsoDate } from '../../../shared/dates'
import type { Gs1Fields } from '../../../shared/gs1/interpret'
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
  /** `month`: the expiration date came as a month only (a GS1 YYMM00) and is its last day; an edit of the date drops it. */
  expirationPrecision?: 'month'
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

/** Reads one cell as a GS1 scan: its fields, or null when it is none. */
export type Gs1CellReader = (text: string) => Gs1Fields | null

/**
 * The column of GS1 scans: one headed as imports read a Barcode column (Barcode, GS1, Scan...) or
 * a GTIN column (a plain GTIN is a scan too), else the first of the `unknown` columns whose
 * filled cells (the first 20) all read as scans naming a product.
 */
function barcodeColumn(headers: string[], named: number | undefined, unknown: string[], rows: Cell[][], read: Gs1CellReader | undefined): number | undefined {
  if (named !== undefined) return named
  const candidates = headers.map((hd, i) => ({ hd: text(hd), i })).filter(({ hd }) => unknown.includes(hd))
  if (!read) return undefined
  return candidates.find(({ i }) => {
    const filled = rows.map((r) => text(r[i])).filter(Boolean).slice(0, 20)
    return filled.length > 0 && filled.every((t) => read(t)?.gtin)
  })?.i
}

/** A line whose product column and barcode both name its product: the product's GTIN must be the barcode's. */
export interface GtinCheck {
  line: DraftLine
  row: number
  gtin: string
}

/** What one row's scan adds: its fields fill the line's empty ones; a column saying otherwise is a conflict. */
function withScan(line: DraftLine, scan: Gs1Fields, row: number, conflicts: string[], checks: GtinCheck[]): void {
  const given: Array<[keyof DraftLine & ('product' | 'lot' | 'qty' | 'expirationDate' | 'package'), string | undefined, string]> = [
    ['product', scan.gtin, 'product'],
    ['lot', scan.serial ?? scan.lot, 'lot or serial'],
    ['qty', scan.quantity ? String(scan.quantity.value) : undefined, 'quantity'],
    ['expirationDate', scan.expirationDate, 'expiration date'],
    ['package', scan.sscc, 'package'],
  ]
  for (const [key, value, said] of given) {
    if (value === undefined) continue
    // A product column may name the product by SKU or name: its GTIN is checked once resolved.
    if (key === 'product' && line.product) {
      checks.push({ line, row, gtin: value })
      continue
    }
    if (!line[key]) {
      line[key] = value
      if (key === 'expirationDate' && scan.expirationPrecision === 'month') line.expirationPrecision = 'month'
      continue
    }
    if (line[key] !== value) conflicts.push(`row ${row}: the ${said} column says ${line[key]}, the barcode ${value}`)
  }
}

/**
 * Lines from `rows` under `headers`. Needs a product column or a column of GS1 scans (read with
 * `readGs1`); rows without a product are skipped. A serial column counts as a lot column (one
 * serial per row). Returns the headers it did not use, and the rows whose barcode contradicts
 * another of their cells (numbered from 1 within the rows given), and the lines whose product
 * column's product must have the barcode's GTIN.
 */
export function linesFromRows(
  headers: string[], rows: Cell[][], readGs1?: Gs1CellReader,
): { lines: DraftLine[]; unknown: string[]; conflicts: string[]; checks: GtinCheck[]; error: string | null } {
  const { columns: c, unknown } = matchHeaders(headers)
  const barcode = barcodeColumn(headers, c.barcode ?? c.gtin, unknown, rows, readGs1)
  const unused = barcode === undefined ? unknown : unknown.filter((u) => u !== text(headers[barcode]))
  if (c.product === undefined && barcode === undefined) {
    return { lines: [], unknown, conflicts: [], checks: [], error: 'no product column (a header such as Product, SKU or Item) and no column of GS1 barcodes' }
  }
  const lotColumn = c.lot ?? c.serial
  const qtyColumn = c.qty ?? c.countedQty
  const lines: DraftLine[] = []
  const conflicts: string[] = []
  const checks: GtinCheck[] = []
  rows.forEach((r, i) => {
    const qtyCell = qtyColumn === undefined ? null : r[qtyColumn]
    const qty = typeof qtyCell === 'number' ? String(qtyCell) : (parseNumberText(text(qtyCell))?.toString() ?? text(qtyCell))
    const line: DraftLine = {
      product: c.product === undefined ? '' : text(r[c.product]),
      lot: lotColumn === undefined ? '' : text(r[lotColumn]),
      qty,
      from: c.from === undefined ? '' : text(r[c.from]),
      to: c.to === undefined ? '' : text(r[c.to]),
      package: c.package === undefined ? '' : text(r[c.package]),
      expirationDate: c.expirationDate === undefined ? '' : dateText(r[c.expirationDate]),
      location: c.location === undefined ? '' : text(r[c.location]),
    }
    const scanText = barcode === undefined ? '' : text(r[barcode])
    if (scanText) {
      const scan = readGs1?.(scanText)
      if (scan) withScan(line, scan, i + 1, conflicts, checks)
      else conflicts.push(`row ${i + 1}: the barcode ${scanText.length > 40 ? `${scanText.slice(0, 40)}…` : scanText} is not a GS1 barcode that can be read`)
    }
    if (line.product) lines.push(line)
  })
  return { lines, unknown: unused, conflicts, checks, error: lines.length ? null : 'the selected rows have no product' }
}
