import { describe, expect, it } from 'vitest'
import { expiringSheet, lotsSheet, movesSheet, recallSheet, stockSheet, traceabilitySheet } from '../../../shared/sheets/builders'

const ctx = { workspace: 'acme', timeZone: 'Europe/Brussels', now: new Date('2026-06-15T10:00:00Z') }
const lot = {
  product: 'MILK', name: 'L1', ref: null, note: null, expirationDate: '2026-06-20', bestBeforeDate: '2026-06-19', removalDate: '2026-06-18',
  alertDate: '2026-06-17', receivedAt: '2026-05-31T22:30:00Z', createdAt: '2026-06-01T08:00:00Z', createdBy: null, updatedAt: '2026-06-01T08:00:00Z', updatedBy: null,
  flags: { expired: false, alert: false, bestBeforePassed: false, removal: false }, onHand: 7, quants: [{ location: 'WH/Stock', package: null, qty: 7 }],
}

describe('sheet models', () => {
  it('traceability: the report columns, times on the workspace clock, levels as indentation', () => {
    const m = traceabilitySheet({
      lot, direction: 'both', truncated: false,
      rows: [
        { direction: 'downstream', level: 0, reference: 'PO-1', product: 'MILK', productName: 'Milk 1L', date: '2026-06-01T22:30:00.000Z', lot: 'L1', from: 'Vendors', to: 'WH/Stock', qty: 10, uom: 'Units', operationType: 'receipt', operation: 'po-1', move: 'po-1#1' },
        { direction: 'upstream', level: 1, reference: 'MO-1', product: 'FLOUR', productName: 'Wheat flour', date: '2026-06-02T08:00:00.000Z', lot: 'F1', from: 'WH/Stock', to: 'Production', qty: 2, uom: 'kg', operationType: 'production', operation: 'mo-1', move: 'mo-1#2' },
      ],
    }, ctx)
    expect(m.columns.map((c) => c.header)).toEqual([
      'Reference', 'Product', 'Product name', 'Date', 'Lot/Serial', 'From', 'To', 'Quantity', 'Unit', 'Level', 'Direction', 'Operation',
    ])
    // 22:30 UTC on the 1st is 00:30 on the 2nd in Brussels (summer time). Directions and
    // operation types in words, never their codes.
    expect(m.rows[0]).toEqual(['PO-1', 'MILK', 'Milk 1L', '2026-06-02T00:30', 'L1', 'Vendors', 'WH/Stock', 10, 'Units', 0, 'Downstream', 'Receipt'])
    expect(m.rows[1]).toEqual(['MO-1', 'FLOUR', 'Wheat flour', '2026-06-02T10:00', 'F1', 'WH/Stock', 'Production', 2, 'kg', 1, 'Upstream', 'Production'])
    expect(m.indent).toEqual({ column: 0, levels: [0, 1] })
    expect(m.title).toBe('Traceability of MILK (Milk 1L) lot L1')
    expect(m.subtitle).toBe('Workspace acme · where it came from (upstream) and where it went (downstream) · 2 rows · made 2026-06-15 12:00 (Europe/Brussels)')
    // Widths fit the cells: the deeper reference is indented, the date-times are whole.
    expect(m.columns[0].width).toBe(11)
    expect(m.columns[3].width).toBe(17)
    expect(m.source).toEqual({ kind: 'trace', product: 'MILK', lot: 'L1', direction: 'both' })
  })

  it('stock, expiring and moves: flags on the date columns, filters in the subtitle', () => {
    const s = stockSheet([{ product: 'MILK', lot: 'L1', location: 'WH/Stock', package: null, qty: 7, uom: 'Units', expirationDate: '2026-06-20', alertDate: '2026-06-17' }], { kind: 'stock', location: 'WH/Stock' }, ctx)
    expect(s.rows).toEqual([['WH/Stock', 'MILK', 'L1', null, 7, 'Units', '2026-06-20', '2026-06-17']])
    expect(s.columns[s.flags!.expired!].header).toBe('Expiration')
    expect(s.columns[s.flags!.alert!].header).toBe('Alert')
    expect(s.subtitle).toContain('location WH/Stock')
    const e = expiringSheet([lot], ctx, '2026-06-15')
    expect(e.rows).toEqual([['MILK', 'L1', '2026-06-20', '2026-06-17', 5, 7, 'WH/Stock']])
    const mv = movesSheet([], { kind: 'moves' }, ctx)
    expect(mv.subtitle).toContain('everything · 0 rows')
  })

  it('recall: deliveries and what is on hand in one table, with a title that counts them', () => {
    const r = recallSheet({
      lots: [{ product: 'MILK', productName: 'Milk 1L', name: 'L1', onHand: 3, uom: 'Units', expirationDate: null, bestBeforeDate: null, removalDate: null, alertDate: null }],
      deliveries: [{ partner: 'Shop', reference: 'SO-1', operation: 'so-1', date: '2026-06-03T10:00:00.000Z', product: 'MILK', productName: 'Milk 1L', lot: 'L1', qty: 2, returned: 1, uom: 'Units', to: 'Customers' }],
      onHand: [{ product: 'MILK', productName: 'Milk 1L', lot: 'L1', location: 'WH/Stock', package: 'P1', qty: 3, uom: 'Units' }],
      truncated: false,
    }, { kind: 'recall', product: 'MILK', lot: 'L1' }, ctx)
    expect(r.title).toBe('Recall of MILK (Milk 1L) lot L1: 1 lot, 1 delivery to 1 customer')
    expect(r.rows).toEqual([
      ['Delivered', 'MILK', 'Milk 1L', 'L1', 'Shop', 'SO-1', '2026-06-03T12:00', 2, 1, 'Units'],
      ['On hand', 'MILK', 'Milk 1L', 'L1', 'WH/Stock (P1)', null, null, 3, null, 'Units'],
    ])
  })

  it('lots: Received is the day of the first incoming operation on the workspace calendar, Registered when the ledger heard of it', () => {
    const m = lotsSheet([lot, { ...lot, name: 'L9', receivedAt: null }], { kind: 'lots' }, ctx)
    expect(m.columns.map((c) => c.header)).toEqual([
      'Product', 'Lot/Serial', 'Reference', 'Received', 'Expiration', 'Best before', 'Removal', 'Alert', 'On hand', 'Locations', 'Registered',
    ])
    // 22:30 UTC on 05-31 is 00:30 on 06-01 in Brussels.
    expect(m.rows[0]).toEqual(['MILK', 'L1', null, '2026-06-01', '2026-06-20', '2026-06-19', '2026-06-18', '2026-06-17', 7, 'WH/Stock', '2026-06-01T10:00'])
    expect(m.rows[1][3]).toBeNull()
    expect(m.columns[m.flags!.expired!].header).toBe('Expiration')
    expect(m.columns[m.flags!.alert!].header).toBe('Alert')
  })

  it('a month-only expiry is the month in the Lots, Stock and Expiring sheets; the other dates stay days', () => {
    const month = { ...lot, name: 'M1', expirationDate: '2026-06-30', expirationPrecision: 'month' as const, alertDate: '2026-06-27' }
    expect(lotsSheet([month], { kind: 'lots' }, ctx).rows[0].slice(4, 8)).toEqual(['2026-06', '2026-06-19', '2026-06-18', '2026-06-27'])
    // Days left count to the month's last day.
    expect(expiringSheet([month], ctx, '2026-06-15').rows[0].slice(2, 5)).toEqual(['2026-06', '2026-06-27', 15])
    const quant = { product: 'MILK', lot: 'M1', location: 'WH/Stock', package: null, qty: 7, uom: 'Units', expirationDate: '2026-06-30', expirationPrecision: 'month' as const, alertDate: '2026-06-27' }
    expect(stockSheet([quant], { kind: 'stock' }, ctx).rows[0].slice(6)).toEqual(['2026-06', '2026-06-27'])
  })
})
