import { beforeEach, describe, expect, it } from 'vitest'
import { opId } from '../../helpers/fixtures'
import type { Client } from '../../helpers/server'
import { seededServerPerTest } from '../../helpers/seeded-server'

let api: Client

seededServerPerTest((s) => (api = s.admin))
beforeEach(async () => {
  // An expired lot, one serial in stock, and a little of a fresh lot.
  const stocked = await api.post('/operations', {
    id: opId(), type: 'receipt', reference: 'PO-0', date: '2026-11-01',
    lines: [{ product: 'MILK', lot: 'OLD', qty: 5 }, { product: 'MILK', lot: 'NEW', qty: 2, expirationDate: '2027-01-31' }, { product: 'PHONE', lot: 'SN-1' }],
  })
  expect(stocked.status, JSON.stringify(stocked.body)).toBe(201)
})

describe('an operation with several lines at fault', () => {
  it('is refused as its first problem, its details naming every line at fault in line order', async () => {
    const r = await api.post('/operations', {
      id: opId(), type: 'delivery', reference: 'SO-1',
      lines: [
        { product: 'MILK', qty: 1 },
        { product: 'MILK', lot: 'NEW', qty: 9 },
        { product: 'NOPE', qty: 1 },
        { product: 'BOLT', qty: 1, from: 'Nowhere' },
        { product: 'MILK', lot: 'OLD', qty: 1 },
      ],
    })
    expect(r.status).toBe(400)
    // The code and message are those of the first line's refusal, as when it was the only one named.
    expect(r.body.error).toMatchObject({ code: 'lot_required', message: 'lines[0]: product MILK is tracked by lot: name the lot' })
    expect(r.body.error.details).toEqual([
      { path: 'lines[0].lot', message: 'product MILK is tracked by lot: name the lot' },
      { path: 'lines[1]', message: 'not enough MILK lot NEW at WH/Stock: 2 Units available, 9 needed' },
      { path: 'lines[2].product', message: 'unknown product NOPE' },
      { path: 'lines[3].from', message: 'unknown location Nowhere' },
      { path: 'lines[4].lot', message: 'lot OLD of MILK expired on 2026-11-11' },
    ])
    expect((await api.get('/operations?reference=SO-1')).body.operations).toEqual([])
  })

  it('names a serial already in stock beside the lines refused, and a count\'s lines each', async () => {
    const receipt = await api.post('/operations', {
      id: opId(), type: 'receipt', reference: 'PO-2', lines: [{ product: 'PHONE', lot: 'SN-1' }, { product: 'BOLT', qty: 0 }],
    })
    expect(receipt.body.error.code).toBe('validation_failed')
    const again = await api.post('/operations', {
      id: opId(), type: 'receipt', reference: 'PO-2', lines: [{ product: 'PHONE', lot: 'SN-1' }, { product: 'FLOUR', qty: 3 }],
    })
    expect(again.status).toBe(400)
    expect(again.body.error.details).toEqual([
      { path: 'lines[1].lot', message: 'product FLOUR is tracked by lot: name the lot' },
      { path: 'serial SN-1', message: 'serial SN-1 of PHONE is already in stock at WH/Stock' },
    ])
    const count = await api.post('/operations', {
      id: opId(), type: 'adjustment', reference: 'C-1',
      lines: [{ product: 'MILK', location: 'WH/Stock', countedQty: 1 }, { product: 'BOLT', location: 'Nowhere', countedQty: 1 }, { product: 'MILK', location: 'WH/Stock', lot: 'NEW', countedQty: 1 }],
    })
    expect(count.body.error.details.map((d: { path: string }) => d.path)).toEqual(['lines[0].lot', 'lines[1].location'])
  })
})
