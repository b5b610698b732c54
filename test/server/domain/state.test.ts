import { describe, expect, it } from 'vitest'
import { addLot, findLot, newLot, newProduct, newWorkspace } from '../../../server/domain/state'
import { DEFAULT_SETTINGS } from '../../../shared/schemas/settings'

const AT = '2026-11-27T10:00:00.000Z'

describe('findLot', () => {
  it('finds a lot by product and name, and only on its own product', () => {
    const ws = newWorkspace('w', 'W', AT, { ...DEFAULT_SETTINGS })
    const [milk, bolt] = (['lot', 'none'] as const).map((tracking, no) => {
      const p = newProduct(no, { sku: no ? 'BOLT' : 'MILK', name: 'x', uom: 'Units', tracking, gtin: null, expiry: null }, AT, null)
      ws.products.set(p.sku, p)
      return p
    })
    const l1 = newLot(0, milk, { name: 'L1', expirationDate: null, bestBeforeDate: null, removalDate: null, alertDate: null }, AT, null, AT, null, null)
    addLot(ws, l1)
    expect(findLot(ws, 'MILK', 'L1')).toBe(l1)
    expect(findLot(ws, 'BOLT', 'L1')).toBeUndefined()
    expect(findLot(ws, 'NOPE', 'L1')).toBeUndefined()
    expect(bolt.lots.size).toBe(0)
    expect(ws.lotList).toEqual([l1])
  })
})
