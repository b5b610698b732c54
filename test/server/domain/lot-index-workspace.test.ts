import { describe, expect, it } from 'vitest'
import { addLot, newLot, newProduct, newWorkspace, type LotRec } from '../../../server/domain/state'
import { DEFAULT_SETTINGS } from '../../../shared/schemas/settings'

const AT = '2026-11-27T10:00:00.000Z'

describe('a product\'s lots by name, found by number in the workspace\'s lot list', () => {
  const setUp = () => {
    const ws = newWorkspace('w', 'W', AT, { ...DEFAULT_SETTINGS })
    const [milk, bolt] = ['MILK', 'BOLT'].map((sku, no) => {
      const p = newProduct(no, { sku, name: sku, uom: 'Units', tracking: 'lot', gtin: null, expiry: null }, AT, null, ws.lotList)
      ws.products.set(sku, p)
      return p
    })
    const register = (product: typeof milk, name: string): LotRec => {
      const lot = newLot(ws.lotList.length, product, { name, expirationDate: null, bestBeforeDate: null, removalDate: null, alertDate: null }, AT, null, AT, null, null)
      addLot(ws, lot)
      return lot
    }
    return { ws, milk, bolt, register }
  }

  it('finds each product\'s lots among the workspace\'s, through growth of the table', () => {
    const { ws, milk, bolt, register } = setUp()
    const lots = Array.from({ length: 3000 }, (_, i) => register(i % 3 ? milk : bolt, `L-${i}`))
    expect([milk.lots.size, bolt.lots.size, ws.lotList.length]).toEqual([2000, 1000, 3000])
    for (const l of lots) {
      expect(l.product.lots.get(l.name)).toBe(l)
      expect((l.product === milk ? bolt : milk).lots.has(l.name)).toBe(false)
    }
    expect([...bolt.lots.keys()].slice(0, 3)).toEqual(['L-0', 'L-3', 'L-6'])
  })

  it('gives a name back when the newest lot is taken back (an undone creation), and the next lot takes its number', () => {
    const { ws, milk, register } = setUp()
    register(milk, 'A')
    const undone = register(milk, 'B')
    milk.lots.delete(undone.name)
    ws.lotList.pop()
    expect([milk.lots.get('B'), milk.lots.size]).toEqual([undefined, 1])
    const next = register(milk, 'C')
    expect(next.no).toBe(1)
    expect([milk.lots.get('C'), milk.lots.get('B')]).toEqual([next, undefined])
    expect([...milk.lots.keys()]).toEqual(['A', 'C'])
  })

  it('follows a rename: the new name finds the lot, the old one nothing', () => {
    const { milk, register } = setUp()
    const a = register(milk, 'A')
    milk.lots.delete('A')
    milk.lots.set('A2', a)
    a.name = 'A2'
    expect([milk.lots.get('A2'), milk.lots.get('A'), [...milk.lots.keys()]]).toEqual([a, undefined, ['A2']])
  })
})
