import { describe, expect, it } from 'vitest'
import { newLocation, newLot, newProduct } from '../../../server/domain/state'

const AT = '2026-11-27T10:00:00.000Z'
const product = () => newProduct(0, { sku: 'MILK', name: 'Milk', uom: 'Units', tracking: 'lot', gtin: null, expiry: null }, AT, null)
let places = 0
/** A location with a number of its own, as a workspace gives. */
const place = (code: string) => newLocation(places++, { code, name: code, kind: 'internal' }, false, AT, null)

describe("a product's quants", () => {
  it('lists its rows in the order they appeared; a row freed is used again, at the end of the list', () => {
    const milk = product()
    const [stock, shelf] = [place('WH/Stock'), place('WH/Stock/A')]
    const l1 = newLot(0, milk, { name: 'L1', expirationDate: null, bestBeforeDate: null, removalDate: null, alertDate: null }, AT, null, AT, null, null)
    const rows = ['A', 'B', 'C', 'D', 'E', 'F'].map((pkg, i) => {
      const row = milk.quants.add(i % 2 === 0 ? l1 : null, i < 3 ? stock : shelf, pkg)
      milk.quants.addQty(row, (i + 1) * 1_000_000)
      return row
    })
    const listed = () => [...milk.quants].map((q) => `${q.lot?.name ?? '-'} ${q.location.code} ${q.package} ${q.qty}`)
    expect(milk.quants.size).toBe(6)
    expect(listed()).toEqual([
      'L1 WH/Stock A 1000000', '- WH/Stock B 2000000', 'L1 WH/Stock C 3000000',
      '- WH/Stock/A D 4000000', 'L1 WH/Stock/A E 5000000', '- WH/Stock/A F 6000000',
    ])
    milk.quants.remove(rows[0])
    milk.quants.remove(rows[5])
    milk.quants.remove(rows[2])
    expect([milk.quants.size, listed()]).toEqual([3, ['- WH/Stock B 2000000', '- WH/Stock/A D 4000000', 'L1 WH/Stock/A E 5000000']])
    const again = milk.quants.add(null, stock, 'G')
    expect(rows).toContain(again)
    expect(milk.quants.addQty(again, 7)).toBe(7)
    expect(listed().at(-1)).toBe('- WH/Stock G 7')
    expect([milk.quants.isAt(again, stock, 'G'), milk.quants.isAt(again, stock, null), milk.quants.qtyOf(rows[1])]).toEqual([true, false, 2_000_000])
    // A freed row that had a package, used again by a quant without one.
    const loose = milk.quants.add(null, shelf, null)
    expect(rows).toContain(loose)
    expect([milk.quants.isAt(loose, shelf, null), milk.quants.at(loose).package, listed().at(-1)]).toEqual([true, null, '- WH/Stock/A null 0'])
    const seen: string[] = []
    milk.quants.forEach((lot, location, pkg, qty) => seen.push(`${lot?.name ?? '-'} ${location.code} ${pkg} ${qty}`))
    expect(seen).toEqual(listed())
  })

  it('grows past its first rows, and a record read is a copy that later changes leave as it was', () => {
    const milk = product()
    const stock = place('WH/Stock')
    const rows = Array.from({ length: 1000 }, (_, i) => milk.quants.add(null, stock, `P${i}`))
    rows.forEach((row, i) => milk.quants.addQty(row, i))
    const before = milk.quants.at(rows[999])
    milk.quants.addQty(rows[999], 1)
    expect([before.qty, milk.quants.at(rows[999]).qty, milk.quants.size]).toEqual([999, 1000, 1000])
    expect([...milk.quants].map((q) => q.package)).toEqual(rows.map((_, i) => `P${i}`))
    expect(() => milk.quants.at(5000)).toThrow(/not in use/)
  })
})
