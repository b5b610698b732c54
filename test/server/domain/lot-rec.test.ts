import { describe, expect, it } from 'vitest'
import { newLocation, newLot, newProduct } from '../../../server/domain/state'

const AT = '2026-11-27T10:00:00.000Z'
const milk = newProduct(0, { sku: 'MILK', name: 'Milk', uom: 'Units', tracking: 'lot', gtin: null, expiry: null }, AT, null)
const lot = () => newLot(0, milk, { name: 'L1', expirationDate: null, bestBeforeDate: null, removalDate: null, alertDate: null }, AT, null, AT, null, null)
let places = 0
/** A location with a number of its own, as a workspace gives. */
const place = (code: string) => newLocation(places++, { code, name: code, kind: 'internal' }, false, AT, null)

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
    const quant = (location: typeof stock, pkg: string | null) => {
      const row = milk.quants.add(l, location, pkg)
      milk.quants.addQty(row, 1)
      return row
    }
    const where = () => l.quants.map((q) => [q.location.code, q.package, q.qty])
    const [a, b, c] = [quant(stock, null), quant(shelf, null), quant(stock, 'PAL-1')]
    expect(l.quantRowAt(stock, null)).toBe(-1)
    l.addQuant(a)
    expect([where(), l.quantRowAt(stock, null), l.quantRowAt(stock, 'PAL-1')]).toEqual([[['WH/Stock', null, 1]], a, -1])
    l.addQuant(b)
    l.addQuant(c)
    expect(where()).toEqual([['WH/Stock', null, 1], ['WH/Stock/A', null, 1], ['WH/Stock', 'PAL-1', 1]])
    expect([l.quantRowAt(shelf, null), l.quantRowAt(stock, 'PAL-1'), l.onHand]).toEqual([b, c, 3])
    l.removeQuant(b)
    expect(where()).toEqual([['WH/Stock', null, 1], ['WH/Stock', 'PAL-1', 1]])
    l.removeQuant(a)
    expect([where(), l.quantRowAt(stock, 'PAL-1'), l.quantRowAt(stock, null)]).toEqual([[['WH/Stock', 'PAL-1', 1]], c, -1])
    l.removeQuant(c)
    expect([where(), l.onHand]).toEqual([[], 0])
  })
})

describe('what lots say besides their names', () => {
  it('is two records shared by lots that say the same, and a change to one lot leaves the others as they were', () => {
    const [a, b] = [lot(), lot()]
    expect([a.dateSet, a.stamps]).toEqual([b.dateSet, b.stamps])
    expect(a.dateSet).toBe(b.dateSet)
    expect(a.stamps).toBe(b.stamps)
    a.update({ note: 'damaged box', firstIn: '2026-11-27' })
    expect([a.note, a.firstIn, b.note, b.firstIn]).toEqual(['damaged box', '2026-11-27', null, null])
    expect(a.stamps).not.toBe(b.stamps)
    expect(a.dateSet).toBe(b.dateSet)
    b.update({ note: 'damaged box', firstIn: '2026-11-27' })
    expect(b.stamps).toBe(a.stamps)
  })

  it('shares the dates of lots whose stamps differ between them (the lines of a receipt of several products)', () => {
    const dated = (name: string, expirationDate: string, createdAt: string) =>
      newLot(0, milk, { name, expirationDate, bestBeforeDate: null, removalDate: null, alertDate: null }, createdAt, null, createdAt, null, null)
    const lots = [dated('A', '2027-01-01', AT), dated('B', '2027-02-01', AT), dated('C', '2027-01-01', AT), dated('D', '2027-02-01', '2026-11-28T08:00:00.000Z')]
    expect(lots[0].stamps).toBe(lots[1].stamps)
    expect(lots[0].stamps).toBe(lots[2].stamps)
    expect(lots[0].dateSet).toBe(lots[2].dateSet)
    expect(lots[1].dateSet).toBe(lots[3].dateSet)
    expect(lots[0].dateSet).not.toBe(lots[1].dateSet)
    expect(lots.map((l) => [l.expirationDate, l.createdAt])).toEqual([
      ['2027-01-01', AT], ['2027-02-01', AT], ['2027-01-01', AT], ['2027-02-01', '2026-11-28T08:00:00.000Z'],
    ])
    expect(lots[3].info).toMatchObject({ expirationDate: '2027-02-01', expirationPrecision: 'day', createdAt: '2026-11-28T08:00:00.000Z', ref: null })
  })
})

describe('a change to what a lot says', () => {
  it('sets the fields it gives, null included, and keeps every other', () => {
    const l = newLot(0, milk, { name: 'U', ref: 'MFR-1', note: 'n', expirationDate: '2027-01-01', bestBeforeDate: '2026-12-01', removalDate: null, alertDate: null }, AT, null, AT, null, null)
    const [before, dates] = [l.info, l.dateSet]
    l.update({ firstIn: '2026-11-27' })
    expect(l.info).toEqual({ ...before, firstIn: '2026-11-27' })
    // A change of stamps alone keeps the lot's shared dates.
    expect(l.dateSet).toBe(dates)
    l.update({ firstIn: null, ref: null, expirationPrecision: 'month' })
    expect(l.info).toEqual({ ...before, ref: null, expirationPrecision: 'month' })
    expect(l.dateSet).not.toBe(dates)
    l.update({ expirationDate: null, bestBeforeDate: '2026-12-02', updatedAt: '2026-11-28T00:00:00.000Z', updatedBy: { token: 't', name: 'N' } })
    expect(l.info).toEqual({
      ...before, ref: null, expirationPrecision: 'month', expirationDate: null, bestBeforeDate: '2026-12-02',
      updatedAt: '2026-11-28T00:00:00.000Z', updatedBy: { token: 't', name: 'N' },
    })
  })
})
