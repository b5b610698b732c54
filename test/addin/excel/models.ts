/** Sheet models for the Excel layer's tests, built with the app's own builders. */
import { movesSheet, stockSheet, traceabilitySheet, type SheetContext } from '../../../shared/sheets/builders'
import type { SheetModel } from '../../../shared/sheets/model'

export const ctx: SheetContext = { workspace: 'demo', timeZone: 'UTC', now: new Date('2026-03-01T10:00:00Z') }

type TraceInput = Parameters<typeof traceabilitySheet>[0]
type MoveInput = Parameters<typeof movesSheet>[0][number]

/** A small upstream/downstream tree: levels 0, 1, 1, 2, 0 in the Reference column. */
export function traceModel(): SheetModel {
  const row = (reference: string, product: string, lot: string | null, level: number, date: string, direction: 'upstream' | 'downstream') => ({
    direction, level, reference, product, productName: product === 'MILK' ? 'Milk 1L' : 'Cheese', date, lot, from: 'WH/Stock', to: 'Customers', qty: 5, uom: 'Units',
    operationType: 'delivery' as const, operation: `op-${reference}`, move: `op-${reference}#1`,
  })
  const trace = {
    lot: { product: 'MILK', name: 'L-001' },
    direction: 'both',
    truncated: false,
    rows: [
      row('WH/IN/0001', 'MILK', 'L-001', 0, '2026-02-01T08:30:00Z', 'upstream'),
      row('WH/MO/0002', 'CHEESE', '00123', 1, '2026-02-02T09:00:00Z', 'downstream'),
      row('WH/MO/0003', 'CHEESE', 'C-9', 1, '2026-02-03T10:15:00Z', 'downstream'),
      row('WH/OUT/0004', 'CHEESE', 'C-9', 2, '2026-02-04T11:45:00Z', 'downstream'),
      row('WH/OUT/0005', 'MILK', null, 0, '2026-02-05T12:00:00Z', 'downstream'),
    ],
  } as unknown as TraceInput
  return traceabilitySheet(trace, ctx)
}

/** Stock with expiration (column G) and alert (column H) dates. */
export function stockModel(rows = 4): SheetModel {
  const all = [
    { product: 'MILK', lot: 'L-001', location: 'WH/A', package: null, qty: 10, uom: 'Units', expirationDate: '2020-01-10', alertDate: '2020-01-05' },
    { product: 'MILK', lot: 'L-002', location: 'WH/B', package: null, qty: 3, uom: 'Units', expirationDate: '2099-01-10', alertDate: '2020-01-05' },
    { product: 'FLOUR', lot: 'F-1', location: 'WH/C', package: 'P1', qty: 2.5, uom: 'kg', expirationDate: null, alertDate: null },
    { product: 'BOLT', lot: null, location: 'WH/D', package: null, qty: 100, uom: 'Units', expirationDate: null, alertDate: null },
    { product: 'PHONE', lot: 'SN-1', location: 'WH/E', package: null, qty: 1, uom: 'Units', expirationDate: null, alertDate: null },
  ]
  return stockSheet(all.slice(0, rows), { kind: 'stock' }, ctx)
}

/** `n` moves of 11 columns, about 170 bytes of JSON each. */
export function movesModel(n: number): SheetModel {
  const moves: MoveInput[] = Array.from({ length: n }, (_, i) => ({
    id: `op-${i}#1`, operation: `op-${i}`, operationType: 'internal', reference: `WH/INT/${String(i).padStart(6, '0')}`,
    date: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(), product: `P-${i % 97}`, lot: `LOT-${i % 1013}`,
    qty: (i % 17) + 0.5, uom: 'Units', from: 'WH/Stock/Shelf 1', to: 'WH/Stock/Shelf 2', package: i % 3 ? null : `PK-${i}`, returnOf: null,
  }))
  return movesSheet(moves, { kind: 'moves' }, ctx)
}
