/** A receipt's FSMA 204 KDEs in the Record form's draft: to the API's `kdes`, checked, and back from a queued body. */
import { describe, expect, it } from 'vitest'
import type { Product } from '../../../../addin/src/api/types'
import { draftToBody } from '../../../../addin/src/forms/draft-body'
import { emptyLine } from '../../../../addin/src/forms/lines-from-rows'
import { bodyToDraft, newDraft } from '../../../../addin/src/forms/operation-draft'
import { emptyKdes } from '../../../../addin/src/forms/receipt-kdes'
import { productIndex } from '../../../../shared/products/resolve'

const products = productIndex<Product>([{ sku: 'LETTUCE', name: 'Romaine', uom: 'kg', tracking: 'lot', gtin: null, expiry: null, updatedAt: '', updatedBy: null }])

function receipt(kdes: Partial<ReturnType<typeof emptyKdes>>) {
  const d = newDraft('receipt')
  Object.assign(d, { reference: 'PO-7', lines: [{ ...emptyLine(), product: 'LETTUCE', lot: 'LET-1', qty: '100' }], kdes: { ...emptyKdes(), ...kdes } })
  return d
}

describe('a receipt draft\'s KDEs', () => {
  it('become the body\'s kdes, only the events typed, trimmed; and come back from it to edit a queued write', () => {
    const d = receipt({ harvestFarm: ' Green Acres Farm ', harvestDate: '2026-11-01', packingLocation: 'Valley packhouse', packingDate: '2026-11-02' })
    const { body, problems } = draftToBody(d, products)
    expect(problems).toEqual([])
    expect(body).toMatchObject({ kdes: { harvest: { farm: 'Green Acres Farm', date: '2026-11-01' }, initialPacking: { location: 'Valley packhouse', date: '2026-11-02' } } })
    expect(bodyToDraft(body!).kdes).toEqual({ ...emptyKdes(), harvestFarm: 'Green Acres Farm', harvestDate: '2026-11-01', packingLocation: 'Valley packhouse', packingDate: '2026-11-02' })
  })

  it('are left out when none is typed, also from a draft kept before the form had them', () => {
    expect(draftToBody(receipt({}), products).body).not.toHaveProperty('kdes')
    const { kdes: _kdes, ...older } = receipt({})
    expect(draftToBody(older, products).body).not.toHaveProperty('kdes')
  })

  it('refuse a place without its date, a date without its place, and what the server\'s schema refuses, each on its field', () => {
    const { body, problems } = draftToBody(receipt({ harvestField: 'Block 7', coolingDate: '2026-11-01', packingLocation: 'x'.repeat(201), packingDate: '2026-11-02' }), products)
    expect(body).toBeNull()
    expect(problems).toEqual([
      { path: 'kdes.harvest.farm', message: 'give the farm too, or clear the field or container' },
      { path: 'kdes.harvest.date', message: 'give the harvest date too, or clear the field or container' },
      { path: 'kdes.cooling.location', message: 'give the cooling location too, or clear the cooling date' },
      { path: 'kdes.initialPacking.location', message: expect.stringMatching(/too long/) },
    ])
  })
})
