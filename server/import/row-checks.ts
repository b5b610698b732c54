/**
 * Checks of one row that need no planning, so that every row's own mistakes are reported, not
 * only a group's first: its product (found as the pane finds it: SKU, SKU in another case, GTIN,
 * or a name only one product has), its locations, a lot where tracking wants one or none.
 */
import type { FieldName } from '../../shared/import/headers'
import { KINDS, type ImportKind } from '../../shared/import/kinds'
import type { ImportProblem } from '../../shared/import/report'
import { productIndex, resolveProduct, type ProductIndex, type ProductMatch } from '../../shared/products/resolve'
import type { ErrorCode } from '../../shared/schemas/error'
import type { ProductRec, WorkspaceState } from '../domain/state'
import type { ReadRow } from './rows'

const LOCATION_FIELDS = ['from', 'to', 'location'] as const

/** The products of a workspace as an import finds them. */
export class ImportProducts {
  readonly #index: ProductIndex<ProductRec>

  constructor(ws: WorkspaceState) {
    this.#index = productIndex(ws.products.values())
  }

  /** The SKU `text` stands for, or `text` itself when no one product does (the ledger then names it). */
  sku(text: string): string {
    const match = resolveProduct(text, this.#index)
    return match.product ? match.product.sku : text
  }

  /** The product `text` stands for, or why there is none. */
  resolve(text: string): ProductMatch<ProductRec> {
    return resolveProduct(text, this.#index)
  }
}

/** Where a row's problems go. */
interface RowPlace {
  out: ImportProblem[]
  sheet: string
  row: number
  columns: Partial<Record<FieldName, string>>
}

/** A problem of `where`'s row on `field`'s cell. Not a closure per row: making one costs more than the checks. */
function at(where: RowPlace, field: FieldName, code: ErrorCode, message: string): void {
  where.out.push({ sheet: where.sheet, row: where.row, column: where.columns[field] ?? null, code, message })
}

/**
 * Checks row `r` of `kind` and writes the SKU of the product it names into its values; each
 * problem goes into `out` on its cell.
 */
export function checkRow(
  kind: ImportKind, r: ReadRow, ws: WorkspaceState, products: ImportProducts, sheet: string,
  columns: Partial<Record<FieldName, string>>, out: ImportProblem[],
): void {
  const where: RowPlace = { out, sheet, row: r.row, columns }
  let product: ProductRec | undefined
  const named = r.values.product
  if (kind !== 'products' && named !== undefined && named !== null) {
    const match = products.resolve(String(named))
    if (match.product) {
      product = match.product
      r.values.product = product.sku
    } else at(where, 'product', match.problem === 'ambiguous' ? 'invalid_value' : 'validation_failed', match.message)
  }
  // A barcode with a lot and a serial: a product tracked by serial takes the serial.
  if (product?.tracking === 'serial' && r.barcodeSerial) r.values.lot = r.barcodeSerial
  if (product && r.barcodeGtin && product.gtin !== r.barcodeGtin) {
    at(where, 'barcode', 'invalid_value', `the barcode's GTIN ${r.barcodeGtin} is not ${product.sku}'s (${product.gtin ? `it has ${product.gtin}` : 'it has none'})`)
  }
  for (const f of LOCATION_FIELDS) {
    const code = r.values[f]
    if (kind !== 'locations' && code !== undefined && code !== null && !ws.locations.has(String(code))) at(where, f, 'validation_failed', `unknown location ${code}`)
  }
  if (product && KINDS[kind].groupBy && kind !== 'adjustments') {
    const lot = r.values.lot
    const by = product.tracking === 'serial' ? 'serial number' : 'lot'
    if (product.tracking !== 'none' && (lot === undefined || lot === null)) at(where, 'lot', 'lot_required', `${product.sku} is tracked by ${by}: give the ${product.tracking === 'serial' ? 'serial' : 'lot'}`)
    else if (product.tracking === 'none' && lot !== undefined && lot !== null) at(where, 'lot', 'validation_failed', `${product.sku} is not tracked by lot or serial`)
  }
  if (kind === 'lots' && product && product.tracking === 'none') at(where, 'product', 'validation_failed', `${product.sku} is not tracked by lot or serial`)
}
