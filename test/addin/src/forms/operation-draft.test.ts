import { describe, expect, it } from 'vitest'
import type { Product } from '../../../../addin/src/api/types'
import { emptyLine } from '../../../../addin/src/forms/lines-from-rows'
import { draftToBody, splitSerials } from '../../../../addin/src/forms/draft-body'
import { bodyToDraft, describeBody, inputKey, isEmptyDraft, newDraft } from '../../../../addin/src/forms/operation-draft'
import { productIndex } from '../../../../shared/products/resolve'
import { OperationInput } from '../../../../shared/schemas/operation'

const product = (sku: string, tracking: Product['tracking']): Product => ({
  sku, name: sku, uom: 'Units', tracking, gtin: null, expiry: null, updatedAt: '', updatedBy: null,
})
const products = productIndex([product('MILK', 'lot'), product('PHONE', 'serial'), product('BOLT', 'none'), { ...product('FLOUR', 'lot'), name: 'Wheat flour', gtin: '04006381333931' }])

describe('an operation draft', () => {
  it('becomes an API body the server schema accepts, skipping empty lines', () => {
    const d = newDraft('receipt')
    Object.assign(d, { reference: ' PO-9 ', partner: 'Dairy', date: '2026-06-10', to: 'WH/Stock' })
    d.lines = [
      { ...emptyLine(), product: 'MILK', lot: 'L1', qty: '1,5', expirationDate: '2026-07-01', package: 'P1' },
      emptyLine(),
      { ...emptyLine(), product: 'PHONE', lot: 'SN-1\nSN-2, SN-3' },
      { ...emptyLine(), product: 'BOLT', qty: '10' },
    ]
    const { body, problems, rows } = draftToBody(d, products)
    expect(problems).toEqual([])
    expect(rows.lines).toEqual([0, 2, 3])
    expect(body).toEqual({
      id: d.id, type: 'receipt', reference: 'PO-9', partner: 'Dairy', date: '2026-06-10', to: 'WH/Stock',
      lines: [
        { product: 'MILK', lot: 'L1', qty: 1.5, package: 'P1', expirationDate: '2026-07-01' },
        { product: 'PHONE', serials: ['SN-1', 'SN-2', 'SN-3'] },
        { product: 'BOLT', qty: 10 },
      ],
    })
    expect(OperationInput.safeParse(body).success).toBe(true)
    expect(describeBody(body!)).toBe('Receipt PO-9, 3 lines')
  })

  it('names what is missing or wrong, with the paths the server uses, in the form\'s words', () => {
    const d = newDraft('delivery')
    d.lines = [{ ...emptyLine(), product: 'NOPE', qty: 'x' }, { ...emptyLine(), product: 'MILK' }, { ...emptyLine(), product: 'BOLT', qty: '0' }]
    const { body, problems } = draftToBody(d, products)
    expect(body).toBeNull()
    expect(problems).toEqual([
      { path: 'reference', message: 'a reference is required (e.g. the PO or order number)' },
      { path: 'lines[0].product', message: 'no product "NOPE" (not a SKU, GTIN or product name)' },
      { path: 'lines[0].qty', message: '"x" is not a number' },
      { path: 'lines[1].lot', message: 'MILK is tracked by lot: name the lot' },
      { path: 'lines[1].qty', message: 'quantity is required' },
      // Found by the server's schema, which the pane holds the body to before sending it.
      { path: 'lines[2].qty', message: 'quantity must be greater than 0' },
    ])
  })

  it('resolves a product typed by name, GTIN or in another case to its SKU', () => {
    const d = newDraft('receipt')
    d.reference = 'PO-1'
    d.lines = [{ ...emptyLine(), product: 'wheat FLOUR', lot: 'F1', qty: '2' }, { ...emptyLine(), product: '4006381333931', lot: 'F2', qty: '1' }, { ...emptyLine(), product: 'bolt', qty: '1' }]
    expect(draftToBody(d, products).body).toMatchObject({ lines: [{ product: 'FLOUR' }, { product: 'FLOUR' }, { product: 'BOLT' }] })
  })

  it('carries counts, the no-lot bucket, production genealogy and returns', () => {
    const adj = newDraft('adjustment')
    adj.reference = 'COUNT'
    adj.lines = [{ ...emptyLine(), product: 'MILK', qty: '3', noLot: true, location: 'WH/Stock/A' }, { ...emptyLine(), product: 'BOLT', qty: '0' }]
    expect(draftToBody(adj, products).body).toMatchObject({
      lines: [{ product: 'MILK', location: 'WH/Stock/A', countedQty: 3, noLot: true }, { product: 'BOLT', location: 'WH/Stock', countedQty: 0 }],
    })
    const mo = newDraft('production')
    mo.reference = 'MO-1'
    mo.consume = [{ ...emptyLine(), product: 'MILK', lot: 'M1', qty: '4' }]
    mo.produce = [{ ...emptyLine(), product: 'MILK', lot: 'C1', qty: '1', inputs: [inputKey('MILK', 'M1')] }]
    const { body } = draftToBody(mo, products)
    expect(body).toMatchObject({ consume: [{ product: 'MILK', lot: 'M1', qty: 4 }], produce: [{ product: 'MILK', lot: 'C1', qty: 1, inputs: [{ product: 'MILK', lot: 'M1' }] }] })
    expect(OperationInput.safeParse(body).success).toBe(true)
    const ret = newDraft('return')
    ret.reference = 'RMA'
    expect(draftToBody(ret, products).problems).toEqual([{ path: 'correctionOf', message: 'find the delivery (or receipt) this returns by its reference' }])
    ret.correctionOf = 'so-1'
    expect(draftToBody(ret, products).body).toEqual({ id: ret.id, type: 'return', reference: 'RMA', correctionOf: 'so-1' })
  })

  it('sends a month-only expiry from a scan as its last day with precision month, and keeps it in a queued body', () => {
    const d = newDraft('receipt')
    d.reference = 'PO-M'
    d.lines = [
      { ...emptyLine(), product: 'MILK', lot: 'L1', qty: '2', expirationDate: '2027-02-28', expirationPrecision: 'month' },
      // A precision left without a date is not sent.
      { ...emptyLine(), product: 'MILK', lot: 'L2', qty: '1', expirationPrecision: 'month' },
    ]
    const { body, problems } = draftToBody(d, products)
    expect(problems).toEqual([])
    expect(body).toEqual(expect.objectContaining({ lines: [
      { product: 'MILK', lot: 'L1', qty: 2, expirationDate: '2027-02-28', expirationPrecision: 'month' },
      { product: 'MILK', lot: 'L2', qty: 1 },
    ] }))
    expect(OperationInput.safeParse(body).success).toBe(true)
    expect(bodyToDraft(body!).lines[0]).toMatchObject({ expirationDate: '2027-02-28', expirationPrecision: 'month' })
  })

  it('comes back from a queued body unchanged, id included', () => {
    const d = newDraft('production')
    Object.assign(d, { reference: 'MO', overrideReason: '' })
    d.consume = [{ ...emptyLine(), product: 'MILK', lot: 'M1', qty: '4' }]
    d.produce = [{ ...emptyLine(), product: 'PHONE', lot: 'S1\nS2', inputs: [inputKey('MILK', 'M1')] }]
    const { body } = draftToBody(d, products)
    const again = draftToBody(bodyToDraft(body!), products).body
    expect(again).toEqual(body)
  })

  it('is empty until something is typed', () => {
    const d = newDraft('delivery')
    expect(isEmptyDraft(d)).toBe(true)
    d.lines[0].qty = '3'
    expect(isEmptyDraft(d)).toBe(false)
  })

  it('splits typed serials on new lines, commas and semicolons', () => {
    expect(splitSerials(' A\n\nB, C;D ')).toEqual(['A', 'B', 'C', 'D'])
  })
})
