/** The sheets of recalls built from answers alone: the recall's workbook, and the hold on a lot's Recall sheet. */
import { describe, expect, it } from 'vitest'
import type { RecallAnswer } from '../../../shared/schemas/queries'
import type { Recall } from '../../../shared/schemas/recall'
import { recallSheet } from '../../../shared/sheets/builders'
import { recallCaseSheet } from '../../../shared/sheets/recall-case'
import type { z } from 'zod'

const ctx = { workspace: 'default', timeZone: 'Europe/Brussels', now: new Date('2026-06-15T10:00:00Z') }
const dates = { expirationDate: null, bestBeforeDate: null, removalDate: null, alertDate: null }
const lot = { product: 'FLOUR', productName: 'Flour', name: 'F1', uom: 'kg', ...dates }

const closed: Recall = {
  id: 'rc-1', product: 'FLOUR', lot: 'F1', reason: 'Mould', status: 'closed',
  openedAt: '2026-06-14T08:00:00.000Z', openedBy: { token: 't1', name: 'Quality' },
  closedAt: '2026-06-15T09:30:00.000Z', closedBy: null, closeReason: 'Destroyed',
  lots: [{ ...lot, onHand: 2, delivered: 5, returned: 1, scrapped: 3 }],
  deliveries: [{ partner: null, reference: 'SO-1', operation: 'so-1', date: '2026-06-13T00:00:00.000Z', product: 'FLOUR', productName: 'Flour', lot: 'F1', qty: 5, returned: 1, uom: 'kg', to: 'Customers' }],
  onHand: [{ product: 'FLOUR', productName: 'Flour', lot: 'F1', location: 'WH/Quarantine', package: 'PAL-1', qty: 2, uom: 'kg' }],
  truncated: true,
}

describe('the recall workbook sheet', () => {
  it('of a closed, truncated recall says who closed it, why, and that the genealogy was cut', () => {
    const model = recallCaseSheet(closed, ctx)
    expect(model.document!.above.map((l) => [l.label, l.value])).toEqual([
      ['Recall', 'rc-1'], ['Lot recalled', 'FLOUR (Flour) lot F1'], ['Reason', 'Mould'],
      ['Status', 'Closed: its lots are no longer held by it'], ['Opened', '2026-06-14 10:00 by Quality'],
      ['Closed', '2026-06-15 11:30 by (system)'], ['Why closed', 'Destroyed'],
      ['TRUNCATED', 'the genealogy was larger than a recall follows: recall the lots made from it too'],
    ])
    // A delivery without partner names its customer location; stock in a package names it.
    expect(model.rows.map((r) => r.slice(0, 2))).toEqual([['Notify', 'Customers'], ['Quarantine', 'WH/Quarantine (PAL-1)'], ['Progress', null]])
    expect(model.rows[2].slice(8, 11)).toEqual([2, 1, 3])
    expect(model.columns[0].width).toBeGreaterThanOrEqual('Lot recalled'.length + 3)
  })
})

describe('the Recall sheet of a lot', () => {
  const answer: z.infer<typeof RecallAnswer> = {
    lots: [{ ...lot, onHand: 2 }], deliveries: [], truncated: false,
    onHand: [{ product: 'FLOUR', productName: 'Flour', lot: 'F1', location: 'WH/Stock', package: null, qty: 2, uom: 'kg' }],
  }
  const source = { kind: 'recall' as const, product: 'FLOUR', lot: 'F1' }

  it('from a server without holds reads as before', () => {
    const model = recallSheet(answer, source, ctx)
    expect(model.subtitle).not.toContain('HOLD')
    expect(model.rows[0][0]).toBe('On hand')
  })

  it('names every recall holding its lots and marks their stock Held', () => {
    const held = {
      ...answer,
      lots: [{ ...lot, onHand: 2, heldBy: ['rc-1', 'rc-2'] }],
      holds: [
        { id: 'rc-1', product: 'FLOUR', lot: 'F1', reason: 'Mould', openedAt: '2026-06-14T08:00:00.000Z' },
        { id: 'rc-2', product: 'WHEAT', lot: 'W1', reason: 'Pesticide', openedAt: '2026-06-14T09:00:00.000Z' },
      ],
    }
    const model = recallSheet(held, source, ctx)
    expect(model.subtitle).toContain(' · ON HOLD under recalls rc-1 (Mould), rc-2 (Pesticide) · ')
    expect(model.rows[0][0]).toBe('Held')
  })
})
