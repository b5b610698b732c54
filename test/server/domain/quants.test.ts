import { describe, expect, it } from 'vitest'
import { addToQuant, allQuants, quantCount } from '../../../server/domain/quants'
import {
  addLot, newLocation, newLot, newProduct, newWorkspace, type LocationRec, type ProductRec, type WorkspaceState,
} from '../../../server/domain/state'
import { DEFAULT_SETTINGS } from '../../../shared/schemas/settings'

const AT = '2026-11-27T10:00:00.000Z'

function workspace(): { ws: WorkspaceState; bolt: ProductRec; milk: ProductRec; stock: LocationRec; shelf: LocationRec; vendors: LocationRec } {
  const ws = newWorkspace('w', 'W', AT, { ...DEFAULT_SETTINGS })
  const product = (sku: string, tracking: 'none' | 'lot') => {
    const p = newProduct(ws.products.size, { sku, name: sku, uom: 'Units', tracking, gtin: null, expiry: null }, AT, null)
    ws.products.set(sku, p)
    return p
  }
  const location = (code: string, kind: 'internal' | 'supplier') => {
    const l = newLocation(ws.locations.size, { code, name: code, kind }, false, AT, null)
    ws.locations.set(code, l)
    return l
  }
  return { ws, bolt: product('BOLT', 'none'), milk: product('MILK', 'lot'), stock: location('WH/Stock', 'internal'), shelf: location('WH/Stock/A', 'internal'), vendors: location('Vendors', 'supplier') }
}

const lotOf = (ws: WorkspaceState, product: ProductRec, name: string) => {
  const lot = newLot(ws.lotList.length, product, { name, expirationDate: null, bestBeforeDate: null, removalDate: null, alertDate: null }, AT, null, AT, null, null)
  addLot(ws, lot)
  return lot
}

const places = (ws: WorkspaceState) => [...allQuants(ws)].map((q) => [q.product.sku, q.lot?.name ?? null, q.location.code, q.package, q.qty])

describe('quants', () => {
  it('keeps one quant per product, lot, location and package, in stock locations only', () => {
    const { ws, bolt, milk, stock, shelf, vendors } = workspace()
    const l1 = lotOf(ws, milk, 'L1')
    addToQuant(bolt, null, stock, null, 5)
    addToQuant(bolt, null, stock, 'PAL-1', 2)
    addToQuant(bolt, null, stock, null, 1)
    addToQuant(bolt, null, vendors, null, -8)
    addToQuant(milk, l1, stock, null, 3)
    addToQuant(milk, l1, shelf, null, 4)
    addToQuant(milk, l1, stock, 'PAL-1', 1)
    addToQuant(milk, l1, stock, null, 2)
    expect(places(ws)).toEqual([
      ['BOLT', null, 'WH/Stock', null, 6], ['BOLT', null, 'WH/Stock', 'PAL-1', 2],
      ['MILK', 'L1', 'WH/Stock', null, 5], ['MILK', 'L1', 'WH/Stock/A', null, 4], ['MILK', 'L1', 'WH/Stock', 'PAL-1', 1],
    ])
    expect(quantCount(ws)).toBe(5)
    expect(l1.onHand).toBe(10)
    expect([...l1.quants].map((q) => [q.location.code, q.package])).toEqual([['WH/Stock', null], ['WH/Stock/A', null], ['WH/Stock', 'PAL-1']])
    expect([...bolt.looseQuants.keys()]).toEqual(['WH/Stock', 'WH/Stock\u0000PAL-1'])
  })

  it('drops a quant at zero from every index and starts a new one when stock comes back', () => {
    const { ws, bolt, milk, stock, shelf } = workspace()
    const l1 = lotOf(ws, milk, 'L1')
    addToQuant(bolt, null, stock, 'PAL-1', 2)
    addToQuant(milk, l1, shelf, null, 4)
    addToQuant(milk, l1, stock, null, 1)
    addToQuant(bolt, null, stock, 'PAL-1', -2)
    addToQuant(milk, l1, shelf, null, -4)
    expect(places(ws)).toEqual([['MILK', 'L1', 'WH/Stock', null, 1]])
    expect(bolt.looseQuants.size).toBe(0)
    expect(bolt.quants.size).toBe(0)
    expect(l1.quants.length).toBe(1)
    expect(l1.onHand).toBe(1)
    addToQuant(milk, l1, shelf, null, 7)
    addToQuant(bolt, null, stock, 'PAL-1', 3)
    expect(places(ws)).toEqual([['BOLT', null, 'WH/Stock', 'PAL-1', 3], ['MILK', 'L1', 'WH/Stock', null, 1], ['MILK', 'L1', 'WH/Stock/A', null, 7]])
  })
})
