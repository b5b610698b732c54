import { describe, expect, it } from 'vitest'
import { newLocation, newLot, newProduct, type QuantRec } from '../../../server/domain/state'

const AT = '2026-11-27T10:00:00.000Z'
const milk = newProduct(0, { sku: 'MILK', name: 'Milk', uom: 'Units', tracking: 'lot', gtin: null, expiry: null }, AT, null)
const lot = () => newLot(0, milk, { name: 'L1', expirationDate: null, bestBeforeDate: null, removalDate: null, alertDate: null }, AT, null, AT, null, null)
const place = (code: string) => newLocation(0, { code, name: code, kind: 'internal' }, false, AT, null)

describe('a lot record', () => {
  it('lists its moves in order as they come and go, from none to many and back', () => {
    const l = lot()
    expect(l.moves).toEqual([])
    const added: number[] = []
    for (let i = 0; i < 12; i++) {
      l.addMove(i * 3)
      added.push(i * 3)
      expect([l.moves, l.moveCount]).toEqual([added, added.length])
    }
    for (let i = 12; i > 0; i--) {
      l.popMove()
      added.pop()
      expect([l.moves, l.moveCount]).toEqual([added, added.length])
    }
  })

  it('finds, adds and drops its quants by place and package', () => {
    const l = lot()
    const [stock, shelf] = [place('WH/Stock'), place('WH/Stock/A')]
    const quant = (location: typeof stock, pkg: string | null): QuantRec => ({ product: milk, lot: l, location, package: pkg, qty: 1 })
    const a = quant(stock, null)
    const b = quant(shelf, null)
    const c = quant(stock, 'PAL-1')
    expect(l.quantAt(stock, null)).toBeUndefined()
    l.addQuant(a)
    expect([l.quants, l.quantAt(stock, null), l.quantAt(stock, 'PAL-1')]).toEqual([[a], a, undefined])
    l.addQuant(b)
    l.addQuant(c)
    expect(l.quants).toEqual([a, b, c])
    expect([l.quantAt(shelf, null), l.quantAt(stock, 'PAL-1')]).toEqual([b, c])
    l.removeQuant(b)
    expect(l.quants).toEqual([a, c])
    l.removeQuant(a)
    expect([l.quants, l.quantAt(stock, 'PAL-1'), l.quantAt(stock, null)]).toEqual([[c], c, undefined])
    l.removeQuant(c)
    expect(l.quants).toEqual([])
  })
})

describe('what lots say besides their names', () => {
  it('is one record for lots that say the same, and a change to one lot leaves the others as they were', () => {
    const [a, b] = [lot(), lot()]
    expect(a.info).toBe(b.info)
    a.update({ note: 'damaged box', firstIn: '2026-11-27' })
    expect([a.note, a.firstIn, b.note, b.firstIn]).toEqual(['damaged box', '2026-11-27', null, null])
    expect(a.info).not.toBe(b.info)
    b.update({ note: 'damaged box', firstIn: '2026-11-27' })
    expect(b.info).toBe(a.info)
  })
})
