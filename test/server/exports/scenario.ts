/**
 * A dairy's month, for looking at reports as a person prints them: long product names, partners
 * with accents and ampersands, lots received and made, deliveries of lots and serials, a return,
 * a transfer, scrap and a count. Workspace zone Europe/Brussels; the clock at 2026-06-30 09:00
 * there.
 */
import { expect } from 'vitest'
import type { Client } from '../../helpers/server'
import { record } from './helpers'

/** When the scenario's reports are made (11:00 in Brussels' summer time is 09:00 UTC). */
export const SCENARIO_NOW = '2026-06-30T09:00:00Z'

/** The delivery whose note the scenario prints. */
export const SCENARIO_DELIVERY = 'WH/OUT/00012'

/** Who sends the scenario's delivery slips. */
export const SCENARIO_SENDER = 'Ardenne Dairy SA\nRue de la Laiterie 14, 6900 Marche-en-Famenne, Belgium\nVAT BE 0123.456.789 · +32 84 00 00 00'

/** Products and what the reports should name them. */
export const SCENARIO_PRODUCTS = {
  'MILK-1L': 'Whole milk 1 L bottle',
  'YOG-STR-4': 'Strawberry yoghurt 4 × 125 g',
  'GOUDA-48': 'Aged Gouda wheel 4.8 kg',
  'CULT-M': 'Mesophilic starter culture',
  'SCAN-X2': 'Handheld barcode scanner X2',
  'CRATE-12': 'Returnable crate, 12 bottles',
} as const

async function put(admin: Client, path: string, body: unknown): Promise<void> {
  const r = await admin.put(path, body)
  expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300)
}

/** Seeds the month into the workspace of `admin` (an empty one). */
export async function seedDairy(admin: Client): Promise<void> {
  const settings = await admin.patch('/settings', {
    timeZone: 'Europe/Brussels', showExpirationOnDeliverySlips: true,
    documents: { sender: SCENARIO_SENDER, deliverySlipFooter: 'Please check the goods on delivery: report any damage or shortfall within 48 hours to orders@ardenne-dairy.example.' },
  })
  expect(settings.status, JSON.stringify(settings.body)).toBe(200)
  const P = SCENARIO_PRODUCTS
  await put(admin, '/products/MILK-1L', { name: P['MILK-1L'], uom: 'Units', tracking: 'lot', expiry: { expirationDays: 12, bestBeforeDays: 10, removalDays: 11, alertDays: 4 } })
  await put(admin, '/products/YOG-STR-4', { name: P['YOG-STR-4'], uom: 'Units', tracking: 'lot', expiry: { expirationDays: 28, alertDays: 7 } })
  await put(admin, '/products/GOUDA-48', { name: P['GOUDA-48'], uom: 'kg', tracking: 'lot', expiry: { expirationDays: 240, alertDays: 30 } })
  await put(admin, '/products/CULT-M', { name: P['CULT-M'], uom: 'Units', tracking: 'lot', expiry: { expirationDays: 365 } })
  await put(admin, '/products/SCAN-X2', { name: P['SCAN-X2'], uom: 'Units', tracking: 'serial' })
  await put(admin, '/products/CRATE-12', { name: P['CRATE-12'], uom: 'Units', tracking: 'none' })
  await put(admin, `/locations/${encodeURIComponent('WH/Stock/Cold room 2')}`, { name: 'Cold room 2', kind: 'internal' })
  await put(admin, `/locations/${encodeURIComponent('WH/Stock/Dry store')}`, { name: 'Dry store', kind: 'internal' })

  await record(admin, {
    id: 'in-3', type: 'receipt', reference: 'WH/IN/00003', partner: 'Ferme des Trois Chênes', date: '2026-06-02',
    lines: [
      { product: 'MILK-1L', qty: 480, lot: 'L2026-0602-A', to: 'WH/Stock/Cold room 2', productionDate: '2026-06-01' },
      { product: 'MILK-1L', qty: 240, lot: 'L2026-0602-B', to: 'WH/Stock/Cold room 2', expirationDate: '2026-06-12' },
      { product: 'CULT-M', qty: 20, lot: 'CM-26-114', to: 'WH/Stock/Dry store' },
      { product: 'CRATE-12', qty: 60, to: 'WH/Stock/Dry store' },
    ],
  })
  await record(admin, {
    id: 'in-4', type: 'receipt', reference: 'WH/IN/00004', partner: 'Scan & Track Benelux BV', date: '2026-06-03T07:45:00Z',
    lines: [{ product: 'SCAN-X2', serials: ['X2-000481', 'X2-000482', 'X2-000483', 'X2-000484'], to: 'WH/Stock/Dry store' }],
  })
  await record(admin, {
    id: 'mo-7', type: 'production', reference: 'MO/00007', date: '2026-06-04T06:30:00Z', from: 'WH/Stock/Cold room 2', to: 'WH/Stock/Cold room 2',
    consume: [{ product: 'MILK-1L', qty: 300, lot: 'L2026-0602-A' }, { product: 'CULT-M', qty: 2, lot: 'CM-26-114', from: 'WH/Stock/Dry store' }],
    produce: [
      { product: 'YOG-STR-4', qty: 600, lot: 'Y2026-0604' },
      { product: 'GOUDA-48', qty: 28.8, lot: 'G2026-0604-01', inputs: [{ product: 'MILK-1L', lot: 'L2026-0602-A' }, { product: 'CULT-M', lot: 'CM-26-114' }] },
    ],
  })
  await record(admin, {
    id: 'int-2', type: 'internal', reference: 'WH/INT/00002', date: '2026-06-05T12:10:00Z', from: 'WH/Stock/Cold room 2', to: 'WH/Stock',
    lines: [{ product: 'YOG-STR-4', qty: 200, lot: 'Y2026-0604' }],
  })
  await record(admin, {
    id: 'out-12', type: 'delivery', reference: SCENARIO_DELIVERY, partner: 'Delhaize Bruxelles-Louise', date: '2026-06-08',
    note: 'Deliver to the goods entrance, rue Jean Stas 7',
    lines: [
      { product: 'MILK-1L', qty: 96, lot: 'L2026-0602-A', from: 'WH/Stock/Cold room 2' },
      { product: 'MILK-1L', qty: 48, lot: 'L2026-0602-B', from: 'WH/Stock/Cold room 2' },
      { product: 'YOG-STR-4', qty: 120, lot: 'Y2026-0604' },
      { product: 'GOUDA-48', qty: 9.6, lot: 'G2026-0604-01', from: 'WH/Stock/Cold room 2' },
      { product: 'SCAN-X2', serials: ['X2-000481', 'X2-000482'], from: 'WH/Stock/Dry store' },
      { product: 'CRATE-12', qty: 12, from: 'WH/Stock/Dry store' },
    ],
  })
  await record(admin, {
    id: 'out-13', type: 'delivery', reference: 'WH/OUT/00013', partner: 'Café Zoë & Fils', date: '2026-06-09T14:20:00Z',
    lines: [
      { product: 'YOG-STR-4', qty: 48, lot: 'Y2026-0604' },
      { product: 'GOUDA-48', qty: 4.8, lot: 'G2026-0604-01', from: 'WH/Stock/Cold room 2' },
    ],
  })
  await record(admin, { id: 'ret-1', type: 'return', reference: 'WH/RET/00001', correctionOf: 'out-13', date: '2026-06-10T08:00:00Z', lines: [{ product: 'YOG-STR-4', qty: 12, lot: 'Y2026-0604' }] })
  await record(admin, {
    id: 'scrap-3', type: 'scrap', reference: 'WH/SCRAP/00003', date: '2026-06-13', from: 'WH/Stock/Cold room 2',
    lines: [{ product: 'MILK-1L', qty: 36, lot: 'L2026-0602-B' }],
  })
  await record(admin, {
    id: 'in-5', type: 'receipt', reference: 'WH/IN/00005', partner: 'Ferme des Trois Chênes', date: '2026-06-24',
    lines: [{ product: 'MILK-1L', qty: 360, lot: 'L2026-0624-A', to: 'WH/Stock/Cold room 2' }],
  })
  await record(admin, {
    id: 'adj-1', type: 'adjustment', reference: 'INV/2026/06', date: '2026-06-29T16:00:00Z',
    lines: [{ product: 'CRATE-12', location: 'WH/Stock/Dry store', countedQty: 45 }],
  })
}
