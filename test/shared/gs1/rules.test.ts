/**
 * GS1's syntax rules on single values and between AIs: check digits, lengths, character sets,
 * dates (century window, day 00, leap years), companions and exclusions, and quantities.
 */
import { describe, expect, it } from 'vitest'
import { parseGs1, separatorProblem } from '../../../shared/gs1/scan'

const messages = (data: string, today = '2026-06-15') => {
  const r = parseGs1(data, { today })
  return r.ok ? [] : r.problems.map((p) => p.message)
}
const fields = (data: string, today = '2026-06-15') => {
  const r = parseGs1(data, { today })
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '))
  return r
}
const G = '(01)09501101530003'

describe('check digits, lengths and characters', () => {
  it('checks the check digits of (01), (00) and (02)', () => {
    expect(messages('(01)09501101530004')).toEqual(['AI (01) 09501101530004: check digit should be 3'])
    expect(messages('(00)106141412345678900')).toEqual(['AI (00) 106141412345678900: check digit should be 8'])
    expect(fields('(00)106141412345678908').sscc).toBe('106141412345678908')
    expect(messages('(02)09501101530004(37)5')).toEqual(['AI (02) 09501101530004: check digit should be 3'])
  })

  it('holds fixed and maximum lengths, and GS1\'s 82 characters in lots and serials', () => {
    expect(messages(`${G}(10)ABCDEFGHIJ0123456789`)).toEqual([])
    expect(messages(`${G}(10)ABCDEFGHIJ01234567890`)).toEqual(['AI (10) ABCDEFGHIJ01234567890: is too long: at most 20 characters'])
    expect(messages(`${G}(21)SN 1`)).toEqual(['AI (21) SN 1: " " is not allowed here: GS1\'s 82 characters (letters, digits and !"%&\'()*+,-./:;<=>?_)'])
    expect(messages(`${G}(10)Lot-é`)).toHaveLength(1)
    // In the bracketed form an opening bracket inside a value is written \(.
    expect(fields(`${G}(10)A!"%&'\\()*+,-./:(21);<=>?_z`)).toMatchObject({ lot: 'A!"%&\'()*+,-./:', serial: ';<=>?_z' })
    expect(messages(`${G}(3103)12345`)).toEqual(['AI (3103) 12345: has 5 digits; it needs 6'])
    // A value of optional parts: (7007) is a date, or a range of two.
    expect(messages(`${G}(7007)211225211231`)).toEqual([])
    expect(messages(`${G}(7007)21122521`)).toEqual(['AI (7007) 21122521: has 8 characters, which do not fit its format N6 [N6]'])
  })
})

describe('dates', () => {
  it('refuses dates that do not exist, naming the AI', () => {
    expect(messages(`${G}(17)261331`)).toEqual(['AI (17) 261331: month 13 does not exist'])
    expect(messages(`${G}(17)260230`)).toEqual(['AI (17) 260230: day 30 does not exist in February 2026'])
    expect(messages(`${G}(15)250229`)).toEqual(['AI (15) 250229: day 29 does not exist in February 2025'])
    expect(fields(`${G}(15)240229`).bestBeforeDate).toBe('2024-02-29')
  })

  it('reads day 00 as the last day of the month in (11), (12), (13), (15), (16) and (17) only', () => {
    // The examples of GS1's rule: leap years included.
    expect(fields(`${G}(17)130200`)).toMatchObject({ expirationDate: '2013-02-28', expirationPrecision: 'month' })
    expect(fields(`${G}(17)160200`)).toMatchObject({ expirationDate: '2016-02-29', expirationPrecision: 'month' })
    expect(fields(`${G}(17)261100`)).toMatchObject({ expirationDate: '2026-11-30', expirationPrecision: 'month' })
    expect(fields(`${G}(11)260100(15)260400`)).toMatchObject({ productionDate: '2026-01-31', bestBeforeDate: '2026-04-30' })
    expect(messages(`${G}(13)260000`)).toEqual(['AI (13) 260000: month 00 does not exist'])
    for (const ai of ['7006', '7007']) {
      expect(messages(`${G}(${ai})260200`)).toEqual([`AI (${ai}) 260200: day 00 (the last day of the month) is allowed only in AIs (11), (12), (13), (15), (16) and (17)`])
    }
    expect(messages(`${G}(7003)2602001230`)).toHaveLength(1)
    expect(messages(`${G}(7003)2602281260`)).toEqual(['AI (7003) 2602281260: 12:60 is no time of day'])
  })

  it('places two-digit years by GS1\'s century window, counted from today', () => {
    // In 2026: 49 years back to 50 ahead.
    expect(fields(`${G}(17)761231`).expirationDate).toBe('2076-12-31')
    expect(fields(`${G}(17)770101`).expirationDate).toBe('1977-01-01')
    expect(fields(`${G}(11)000101`).productionDate).toBe('2000-01-01')
    // In 2051, 00 is 2100, which is no leap year; in 2060, 10 is 2110.
    expect(messages(`${G}(17)000229`, '2051-03-01')).toEqual(['AI (17) 000229: day 29 does not exist in February 2100'])
    expect(fields(`${G}(17)000200`, '2051-03-01').expirationDate).toBe('2100-02-28')
    expect(fields(`${G}(17)100101`, '2060-01-01').expirationDate).toBe('2110-01-01')
    expect(fields(`${G}(17)100101`, '2059-12-31').expirationDate).toBe('2010-01-01')
  })
})

describe('AIs together', () => {
  it('asks a lot, a serial, an expiry or a count for the product they belong to', () => {
    expect(messages('(10)ABC')).toEqual(['AI (10) needs (01), (02), (03), (8006) or (8026) in the same scan'])
    expect(messages('(17)261231(10)ABC')).toEqual([
      'AI (17) needs (01), (02), (03), (255), (8006) or (8026) in the same scan',
      'AI (10) needs (01), (02), (03), (8006) or (8026) in the same scan',
    ])
    expect(messages('(21)S1')).toEqual(['AI (21) needs (01), (03) or (8006) in the same scan'])
    expect(messages('(3103)000195')).toEqual(['AI (3103) needs (01) or (02) in the same scan'])
    expect(messages('(02)09501101530003(10)L1')).toEqual(['AI (02) needs (37) in the same scan'])
  })

  it('refuses AIs that may not stand together, and one AI with two values', () => {
    expect(messages(`${G}(37)5`)).toEqual(['AI (37) needs (02) or (8026) in the same scan', 'AI (01) and AI (37) may not stand together'])
    expect(messages(`${G}(02)09501101530003(37)5`)).toEqual(['AI (01) and AI (37) may not stand together', 'AI (01) and AI (02) may not stand together'])
    expect(messages(`${G}(3103)000195(3102)001950`)).toEqual(['AI (3103) and AI (3102) may not stand together'])
    expect(messages(`${G}(10)A(10)B`)).toEqual(['AI (10) is given twice with different values (A and B)'])
    expect(messages(`${G}(10)A(10)A`)).toEqual([])
  })
})

describe('quantities', () => {
  it('reads (310n) as kilograms with n decimals, and (30) and (37) as counts', () => {
    expect(fields(`${G}(3103)000195`)).toMatchObject({ netWeightKg: 0.195, quantity: { value: 0.195, unit: 'kg', ai: '3103' } })
    expect(fields(`${G}(3100)000012`).netWeightKg).toBe(12)
    expect(fields(`${G}(3105)123456`).netWeightKg).toBe(1.23456)
    expect(fields(`${G}(30)12`).quantity).toEqual({ value: 12, unit: 'units', ai: '30' })
    expect(fields('(02)09501101530003(37)25(10)ABC123')).toMatchObject({ gtin: '09501101530003', lot: 'ABC123', quantity: { value: 25, unit: 'units', ai: '37' } })
    // A count wins as the quantity; the weight stays said.
    expect(fields(`${G}(30)4(3102)001250`)).toMatchObject({ quantity: { value: 4, unit: 'units' }, netWeightKg: 12.5 })
  })
})

describe('separator stand-ins of the user\'s own', () => {
  it('takes characters GS1 data never holds, and refuses the others', () => {
    expect(separatorProblem('|')).toBeNull()
    expect(separatorProblem('~~')).toBeNull()
    expect(separatorProblem('A')).toBe('"A" cannot stand for GS: GS1 data may hold it (use a character such as | ~ # ^)')
    expect(separatorProblem(' ')).not.toBeNull()
    expect(separatorProblem('')).not.toBeNull()
  })
})
