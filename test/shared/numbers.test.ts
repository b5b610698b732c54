import { describe, expect, it } from 'vitest'
import { parseNumberText } from '../../shared/numbers'

describe('numbers typed as text', () => {
  it('reads plain numbers, thousands separators and decimal commas', () => {
    expect(parseNumberText('12')).toBe(12)
    expect(parseNumberText(' 12.5 ')).toBe(12.5)
    expect(parseNumberText('1,500')).toBe(1500)
    expect(parseNumberText('1,234,567.25')).toBe(1234567.25)
    expect(parseNumberText('1.234.567,25')).toBe(1234567.25)
    expect(parseNumberText('1 500,5')).toBe(1500.5)
    expect(parseNumberText('1\u00a0500')).toBe(1500)
    expect(parseNumberText('12,5')).toBe(12.5)
    expect(parseNumberText('12,50')).toBe(12.5)
    expect(parseNumberText('-3')).toBe(-3)
  })

  it('reads a lone dot as a decimal point', () => {
    expect(parseNumberText('1.500')).toBe(1.5)
  })

  it('refuses what is not a number', () => {
    for (const t of ['', ' ', 'abc', '1,2,3', '1.2.3', '12,5.3', '1e5', '--1', '1,50,0']) expect(parseNumberText(t)).toBeNull()
  })
})
