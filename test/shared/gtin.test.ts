import { describe, expect, it } from 'vitest'
import { gs1CheckDigit, normalizeGtin } from '../../shared/gtin'

describe('gs1CheckDigit', () => {
  it('computes the GS1 mod-10 check digit of published examples', () => {
    expect(gs1CheckDigit('400638133393')).toBe(1) // EAN-13 4006381333931
    expect(gs1CheckDigit('978030640615')).toBe(7) // ISBN-13 9780306406157
    expect(gs1CheckDigit('03600029145')).toBe(2) // UPC-A 036000291452
    expect(gs1CheckDigit('9638507')).toBe(4) // EAN-8 96385074
    expect(gs1CheckDigit('0950110153000')).toBe(3) // GTIN-14 09501101530003
    expect(gs1CheckDigit('0000000000000')).toBe(0)
  })
})

describe('normalizeGtin', () => {
  it('keeps a valid GTIN-14 as it is', () => {
    expect(normalizeGtin('09501101530003')).toBe('09501101530003')
    expect(normalizeGtin('10614141000415')).toBe('10614141000415')
  })

  it('left-pads valid GTIN-13, GTIN-12 and GTIN-8 to 14 digits', () => {
    expect(normalizeGtin('4006381333931')).toBe('04006381333931')
    expect(normalizeGtin('9780306406157')).toBe('09780306406157')
    expect(normalizeGtin('036000291452')).toBe('00036000291452')
    expect(normalizeGtin('96385074')).toBe('00000096385074')
  })

  it('ignores surrounding spaces', () => {
    expect(normalizeGtin(' 4006381333931 ')).toBe('04006381333931')
  })

  it('refuses a wrong check digit and names the expected one', () => {
    expect(normalizeGtin('4006381333932')).toEqual({ error: 'check digit should be 1' })
    expect(normalizeGtin('09501101530004')).toEqual({ error: 'check digit should be 3' })
    expect(normalizeGtin('036000291450')).toEqual({ error: 'check digit should be 2' })
    expect(normalizeGtin('96385070')).toEqual({ error: 'check digit should be 4' })
    expect(normalizeGtin('9780306406150')).toEqual({ error: 'check digit should be 7' })
  })

  it('refuses letters and other characters', () => {
    expect(normalizeGtin('400638133393A')).toEqual({ error: 'a GTIN has digits only' })
    expect(normalizeGtin('ABCDEFGH')).toEqual({ error: 'a GTIN has digits only' })
    expect(normalizeGtin('4006-381333931')).toEqual({ error: 'a GTIN has digits only' })
    expect(normalizeGtin('4006381 333931')).toEqual({ error: 'a GTIN has digits only' })
    expect(normalizeGtin('')).toEqual({ error: 'a GTIN has digits only' })
    expect(normalizeGtin('+4006381333931')).toEqual({ error: 'a GTIN has digits only' })
  })

  it('refuses lengths other than 8, 12, 13 and 14', () => {
    for (const s of ['1234567', '123456789', '1234567890', '12345678901', '123456789012345', '000000000000000000']) {
      expect(normalizeGtin(s), s).toEqual({ error: 'a GTIN has 8, 12, 13 or 14 digits' })
    }
  })
})
