/**
 * Master data of a synthetic ledger: a food-and-devices warehouse with lot-tracked goods (most
 * with expiry offsets), serial-tracked devices, untracked consumables and a few dozen shelves.
 */
import { putLocation, putProduct } from '../../server/domain/commands/products'
import type { Ledger } from '../../server/domain/ledger'
import type { WorkspaceState } from '../../server/domain/state'
import { LocationInput } from '../../shared/schemas/location'
import { ProductInput } from '../../shared/schemas/product'

export interface Catalog {
  /** Lot-tracked raw materials (receipts, production inputs). */
  raw: string[]
  /** Lot-tracked finished goods (production outputs, deliveries). */
  finished: string[]
  /** Serial-tracked products. */
  serial: string[]
  /** Untracked products. */
  untracked: string[]
  /** Internal sub-locations of WH/Stock (shelves). */
  shelves: string[]
}

/** Products the generator leaves alone: the traced lot's and the write benchmarks'. */
export const TRACED_PRODUCT = 'RAW-TRACE'
export const TRACED_OUTPUT_PRODUCT = 'FG-TRACE'
export const TRACED_AUX_PRODUCT = 'RAW-TRACE-AUX'
export const WRITE_PRODUCT = 'BENCH-LOT'

const pad = (n: number, width = 3) => String(n).padStart(width, '0')

/** Creates the products and locations; returns the names the workload draws from. */
export function setupCatalog(ledger: Ledger, ws: WorkspaceState): Catalog {
  const catalog: Catalog = { raw: [], finished: [], serial: [], untracked: [], shelves: [] }
  const product = (sku: string, input: Record<string, unknown>) => putProduct(ledger, ws, null, sku, ProductInput.parse(input))
  const withExpiry = (days: number) => ({ expirationDays: days, bestBeforeDays: 30, removalDays: 14, alertDays: 60 })

  for (let i = 1; i <= 40; i++) {
    const sku = `RAW-${pad(i)}`
    // Every fourth raw material has no expiry: lot-tracked packaging and the like.
    product(sku, { name: `Raw material ${i}`, uom: i % 3 ? 'kg' : 'L', tracking: 'lot', expiry: i % 4 ? withExpiry(365 + 30 * (i % 12)) : null })
    catalog.raw.push(sku)
  }
  for (let i = 1; i <= 20; i++) {
    const sku = `FG-${pad(i)}`
    product(sku, { name: `Finished good ${i}`, uom: 'Units', tracking: 'lot', expiry: withExpiry(540) })
    catalog.finished.push(sku)
  }
  for (let i = 1; i <= 10; i++) {
    const sku = `DEV-${pad(i)}`
    product(sku, { name: `Device ${i}`, uom: 'Units', tracking: 'serial' })
    catalog.serial.push(sku)
  }
  for (let i = 1; i <= 20; i++) {
    const sku = `CONS-${pad(i)}`
    product(sku, { name: `Consumable ${i}`, uom: 'Units', tracking: 'none' })
    catalog.untracked.push(sku)
  }
  product(TRACED_PRODUCT, { name: 'Traced raw material', uom: 'kg', tracking: 'lot', expiry: withExpiry(1000) })
  product(TRACED_AUX_PRODUCT, { name: 'Traced auxiliary', uom: 'kg', tracking: 'lot', expiry: withExpiry(1000) })
  product(TRACED_OUTPUT_PRODUCT, { name: 'Traced finished good', uom: 'Units', tracking: 'lot', expiry: withExpiry(1000) })
  product(WRITE_PRODUCT, { name: 'Benchmark receipts', uom: 'Units', tracking: 'lot', expiry: withExpiry(365) })

  for (const zone of ['A', 'B', 'C', 'D']) {
    putLocation(ledger, ws, null, `WH/Stock/${zone}`, LocationInput.parse({ name: `Zone ${zone}` }))
    for (let s = 1; s <= 6; s++) {
      const code = `WH/Stock/${zone}/${pad(s, 2)}`
      putLocation(ledger, ws, null, code, LocationInput.parse({ name: `Zone ${zone} shelf ${s}` }))
      catalog.shelves.push(code)
    }
  }
  return catalog
}
