import { describe, expect, it } from 'vitest'
import { LotIndex } from '../../../server/domain/lot-index'
import { newLot, newProduct, type LotRec } from '../../../server/domain/state'

const AT = '2026-11-27T10:00:00.000Z'
const milk = newProduct(0, { sku: 'MILK', name: 'Milk', uom: 'Units', tracking: 'lot', gtin: null, expiry: null }, AT, null)
const lot = (no: number, name: string): LotRec =>
  newLot(no, milk, { name, expirationDate: null, bestBeforeDate: null, removalDate: null, alertDate: null }, AT, null, AT, null, null)

describe('a product\'s lots by name', () => {
  it('finds each of many lots by its name, and nothing by a name it does not have', () => {
    const index = new LotIndex()
    const lots = Array.from({ length: 5000 }, (_, i) => lot(i, `L-${i}`))
    for (const l of lots) index.set(l.name, l)
    expect(index.size).toBe(5000)
    for (const l of lots) expect(index.get(l.name)).toBe(l)
    expect([index.get('L-5000'), index.has('L-5000'), index.has('L-4999'), index.get('l-1')]).toEqual([undefined, false, true, undefined])
  })

  it('drops and renames lots, finds the others past the dropped ones, and lists names in the order lots were registered', () => {
    const index = new LotIndex()
    const lots = Array.from({ length: 300 }, (_, i) => lot(i, `L-${i}`))
    for (const l of lots) index.set(l.name, l)
    for (let i = 0; i < 300; i += 2) expect(index.delete(`L-${i}`)).toBe(true)
    expect([index.delete('L-0'), index.size]).toEqual([false, 150])
    for (let i = 1; i < 300; i += 2) expect(index.get(`L-${i}`)).toBe(lots[i])
    // A rename: the entry goes while the lot bears its old name, the lot is indexed under the new one, then renamed.
    const renamed = lots[7]
    index.delete('L-7')
    index.set('SEVEN', renamed)
    renamed.name = 'SEVEN'
    expect([index.get('SEVEN'), index.get('L-7')]).toEqual([renamed, undefined])
    // Deleted entries are reused and cleaned away as the table fills again.
    for (let i = 0; i < 300; i += 2) index.set(`L-${i}`, lots[i])
    for (let i = 300; i < 2000; i++) index.set(`L-${i}`, lot(i, `L-${i}`))
    expect(index.size).toBe(2000)
    expect([...index.keys()].slice(0, 9)).toEqual(['L-0', 'L-1', 'L-2', 'L-3', 'L-4', 'L-5', 'L-6', 'SEVEN', 'L-8'])
    for (let i = 0; i < 2000; i++) if (i !== 7) expect(index.get(`L-${i}`)?.no).toBe(i)
  })

  it('replaces the lot a name indexes', () => {
    const index = new LotIndex()
    const [a, b] = [lot(0, 'X'), lot(1, 'X')]
    index.set('X', a).set('X', b)
    expect([index.get('X'), index.size]).toEqual([b, 1])
  })

  it('replaces a name found past a deleted entry on its probe, rather than indexing it twice', () => {
    // Two names the first table (8 slots) puts in one slot: the second probes past the first.
    const slotOf = (name: string) => {
      let h = 0x811c9dc5
      for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193)
      return h & 7
    }
    const names = Array.from({ length: 64 }, (_, i) => `N-${i}`)
    const first = names[0]
    const second = names.find((n) => n !== first && slotOf(n) === slotOf(first))!
    const index = new LotIndex()
    const [a, b, b2] = [lot(0, first), lot(1, second), lot(2, second)]
    index.set(first, a).set(second, b)
    index.delete(first)
    index.set(second, b2)
    expect([index.get(second), index.size, [...index.keys()]]).toEqual([b2, 1, [second]])
    expect(index.delete(second)).toBe(true)
    expect([index.get(second), index.size]).toEqual([undefined, 0])
  })
})
