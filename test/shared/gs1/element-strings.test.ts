/**
 * Element strings as people write them and scanners send them, against GS1's published examples
 * (General Specifications, the GS1 Barcode Syntax Engine's test vectors).
 */
import { describe, expect, it } from 'vitest'
import { parseGs1, type Gs1Result } from '../../../shared/gs1/scan'

const today = '2026-06-15'
const GS = '\u001d'
const read = (data: string, options: { separator?: string } = {}) => parseGs1(data, { today, ...options })
const pairs = (r: Gs1Result) => (r.ok ? r.ais.map((e) => `(${e.ai})${e.value}`).join('') : r.problems.map((p) => p.message))

describe('bracketed element strings', () => {
  it('reads the General Specifications example with expiry and lot', () => {
    const r = read('(01)09501101530003(17)260331(10)ABC123')
    expect(r).toMatchObject({
      ok: true, form: 'bracketed', gtin: '09501101530003', lot: 'ABC123', expirationDate: '2026-03-31', expirationPrecision: 'day',
      digitalLink: 'https://id.gs1.org/01/09501101530003/10/ABC123?17=260331',
    })
  })

  it('reads the syntax engine\'s bracketed vectors', () => {
    expect(pairs(read('(01)12345678901231(10)12345'))).toBe('(01)12345678901231(10)12345')
    expect(pairs(read('(01)12345678901231(3100)123456(10)12345'))).toBe('(01)12345678901231(3100)123456(10)12345')
    // An escaped bracket belongs to the value.
    expect(pairs(read('(01)12345678901231(10)12345\\(11)991225'))).toBe('(01)12345678901231(10)12345(11)991225')
    expect(pairs(read('(01)12345678901231(235)XYZ(10)BATCH'))).toBe('(01)12345678901231(235)XYZ(10)BATCH')
  })

  it('refuses what the syntax engine refuses, naming the AI', () => {
    expect(pairs(read('(01)12345678901231(10)(11)98765'))).toEqual(['AI (10): the value is empty', 'AI (11) 98765: has 5 digits; it needs 6'])
    expect(pairs(read('(1A)12345'))).toEqual(['expected an AI in brackets at "(1A)12345"'])
    expect(pairs(read('(89)12345'))).toEqual(['(89) is not a GS1 application identifier'])
    expect(pairs(read('(01)123456789012312(10)12345'))).toEqual(['AI (01) 123456789012312: has 15 digits; it needs 14'])
    expect(pairs(read('(01)12345678901231(17)9(90)217'))).toEqual(['AI (17) 9: has 1 digit; it needs 6'])
    expect(pairs(read('(01)12345678901231(235)ABCDEFGHIJKLMNOPQRSTUVWXYZ123'))).toEqual(['AI (235) ABCDEFGHIJKLMNOPQRSTUVWXYZ123: is too long: at most 28 characters'])
  })
})

describe('raw scans', () => {
  const expected = '(01)09501101530003(17)260331(10)ABC123(21)S1'
  it('reads every GS1 symbology identifier, GS after a variable-length value that is not last', () => {
    for (const id of [']C1', ']e0', ']d2', ']Q3', ']J1']) {
      expect(pairs(read(`${id}01095011015300031726033110ABC123${GS}21S1`)), id).toBe(expected)
    }
    // From the syntax engine: a separator in first position, and one after a predefined length, are harmless.
    expect(pairs(read(`]C1${GS}0112345678901231${GS}991234`))).toBe('(01)12345678901231(99)1234')
    expect(pairs(read(']e0011231231231233310ABC123\u001d99TESTING\u001d98XYZ'))).toBe('(01)12312312312333(10)ABC123(99)TESTING(98)XYZ')
    expect(pairs(read(']C10112312312312333235XYZ\u001d10ABC'))).toBe('(01)12312312312333(235)XYZ(10)ABC')
  })

  it('reads the stand-ins keyboard-wedge scanners type for GS, and a separator of the user\'s own', () => {
    for (const gs of ['<GS>', '{GS}', '[GS]', '^]', '\\u001d', '\\x1D', '\u241d']) {
      expect(pairs(read(`]d201095011015300031726033110ABC123${gs}21S1`)), gs).toBe(expected)
    }
    expect(pairs(read(']d201095011015300031726033110ABC123|21S1', { separator: '|' }))).toBe(expected)
    // Without it, the | is a character GS1 data never holds.
    expect(pairs(read(']d201095011015300031726033110ABC123|21S1'))).toEqual(['AI (10) ABC123|21S1: "|" is not allowed here: GS1\'s 82 characters (letters, digits and !"%&\'()*+,-./:;<=>?_)'])
  })

  it('reads a scan without its symbology identifier, and plain EAN/UPC codes as the GTIN', () => {
    expect(pairs(read(`01095011015300031726033110ABC123${GS}21S1`))).toBe(expected)
    expect(read(']E04006381333931')).toMatchObject({ ok: true, form: 'gtin', gtin: '04006381333931' })
    expect(read(']E496385074')).toMatchObject({ ok: true, gtin: '00000096385074' })
    expect(read('036000291452')).toMatchObject({ ok: true, form: 'gtin', gtin: '00036000291452' })
    expect(pairs(read(']E02112345678901'))).toEqual(['"]E02112345678901" is no EAN barcode: check digit should be 0'])
  })

  it('refuses data that is not GS1\'s', () => {
    expect(pairs(read(''))).toEqual(['the scan is empty'])
    expect(pairs(read(']C0ABC'))).toEqual([']C0 is not a GS1 barcode\'s symbology identifier (]C1, ]e0, ]d2, ]Q3, ]J1 carry GS1 element strings)'])
    expect(pairs(read(']Q1TESTING'))).toEqual([']Q1 is a barcode without GS1 data, and "TESTING" is no GS1 Digital Link'])
    expect(pairs(read(']C1891234'))).toEqual(['no GS1 application identifier starts at "891234"'])
    // A predefined-length value cut short by a separator, or running past its length.
    expect(pairs(read(`]C1011234567890123${GS}`))).toEqual(['AI (01) 1234567890123: has 13 digits; it needs 14'])
    expect(pairs(read(']C101123456789012312'))).toEqual(['no GS1 application identifier starts at "2"'])
  })
})
