/**
 * A Barcode column: each cell a scanned GS1 barcode (element string, raw scan, Digital Link or
 * plain GTIN), read with the shared parser. Its fields fill the row's cells that are empty; a
 * cell that says otherwise than its barcode is a problem on that cell, as the pane says it.
 */
import type { FieldName } from '../../shared/import/headers'
import { parseGs1 } from '../../shared/gs1/scan'

/** What a barcode gives a row, by field; the GTIN is kept apart, as the product column may name it by SKU or name. */
export interface ScannedRow {
  gtin: string | undefined
  /** (21) when the scan has a lot (10) too: the lot column then takes the lot, unless the product is tracked by serial. */
  serial: string | undefined
  values: Partial<Record<FieldName, string | number>>
}

/**
 * Reads `text` as of `today` (GS1's century window): its fields, or the problems in words naming
 * each AI. A count ((30), (37)) is a quantity; a weight is not taken as one, as the row's product
 * may not be counted by weight.
 */
export function readBarcode(text: string, today: string): ScannedRow | { problems: string[] } {
  const scan = parseGs1(text, { today })
  if (!scan.ok) return { problems: scan.problems.map((p) => p.message) }
  const values: ScannedRow['values'] = {}
  if (scan.gtin) values.product = scan.gtin
  const lot = scan.lot ?? scan.serial
  if (lot) values.lot = lot
  if (scan.quantity?.unit === 'units') values.qty = scan.quantity.value
  // A month-only expiry (YYMM00) as the month, as an Expiration cell may write it: the lot keeps it.
  if (scan.expirationDate) values.expirationDate = scan.expirationPrecision === 'month' ? scan.expirationDate.slice(0, 7) : scan.expirationDate
  if (scan.bestBeforeDate) values.bestBeforeDate = scan.bestBeforeDate
  if (scan.productionDate) values.productionDate = scan.productionDate
  if (scan.sscc) values.package = scan.sscc
  return { gtin: scan.gtin, serial: scan.lot ? scan.serial : undefined, values }
}
