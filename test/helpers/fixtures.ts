/** A small catalogue most operation tests start from. */
import type { Client } from './server'

export async function seedCatalogue(admin: Client): Promise<void> {
  const puts: Array<[string, unknown]> = [
    ['/products/MILK', { name: 'Milk 1L', uom: 'Units', tracking: 'lot', expiry: { expirationDays: 10, bestBeforeDays: 1, removalDays: 2, alertDays: 3 } }],
    ['/products/CHEESE', { name: 'Cheese', uom: 'kg', tracking: 'lot', expiry: { expirationDays: 60 } }],
    ['/products/PHONE', { name: 'Phone', tracking: 'serial' }],
    ['/products/BOLT', { name: 'Bolt M6', uom: 'Units', tracking: 'none' }],
    ['/products/FLOUR', { name: 'Flour', uom: 'kg', tracking: 'lot' }],
    [`/locations/${encodeURIComponent('WH/Stock/Shelf 1')}`, { name: 'Shelf 1', kind: 'internal' }],
    [`/locations/${encodeURIComponent('WH/Stock/Shelf 2')}`, { name: 'Shelf 2', kind: 'internal' }],
    ['/locations/Truck', { name: 'Truck', kind: 'transit' }],
  ]
  for (const [path, body] of puts) {
    const r = await admin.put(path, body)
    if (r.status !== 201) throw new Error(`seeding ${path}: ${r.status} ${JSON.stringify(r.body)}`)
  }
}

let counter = 0
/** A fresh client id for an operation. */
export function opId(prefix = 'op'): string {
  counter += 1
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 8)}`
}
