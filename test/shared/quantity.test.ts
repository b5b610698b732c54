import { describe, expect, it } from 'vitest'
import { addQty, formatQty, parseQty, qtyToNumber, unitsToQty } from '../../shared/quantity'

describe('quantities are exact decimals', () => {
  it('adds 0.1 and 0.2 to exactly 0.3', () => {
    const sum = addQty(unitsToQty(0.1), unitsToQty(0.2))
    expect(sum).toBe(unitsToQty(0.3))
    expect(qtyToNumber(sum)).toBe(0.3)
    expect(formatQty(sum)).toBe('0.3')
  })

  it('reads numbers and decimal strings', () => {
    expect(parseQty(12)).toBe(12_000_000)
    expect(parseQty('12.5')).toBe(12_500_000)
    expect(parseQty(' 0.000001 ')).toBe(1)
    expect(parseQty(1e-6)).toBe(1)
    expect(parseQty(0.30000000000000004)).toBe(300_000)
    expect(parseQty('-2')).toBe(-2_000_000)
  })

  it('refuses what it cannot hold exactly', () => {
    expect(parseQty('0.0000001')).toEqual({ error: 'has more than 6 decimals' })
    expect(parseQty(0.1234567)).toEqual({ error: 'has more than 6 decimals' })
    expect(parseQty('1e400')).toEqual({ error: 'must be a finite number' })
    expect(parseQty(Number.NaN)).toEqual({ error: 'must be a finite number' })
    expect(parseQty('abc')).toEqual({ error: '"abc" is not a decimal number' })
    expect(parseQty(2_000_000_000)).toEqual({ error: 'exceeds 1000000000' })
    expect(parseQty(true)).toEqual({ error: 'must be a number' })
  })

  it('sums a thousand tenths to exactly one hundred', () => {
    let total = 0
    for (let i = 0; i < 1000; i++) total = addQty(total, unitsToQty(0.1))
    expect(formatQty(total)).toBe('100')
  })

  it('formats negatives and fractions', () => {
    expect(formatQty(-1)).toBe('-0.000001')
    expect(formatQty(1_500_000)).toBe('1.5')
  })

  it('refuses a sum that would lose precision', () => {
    expect(() => addQty(Number.MAX_SAFE_INTEGER, 1)).toThrow(RangeError)
  })
})
