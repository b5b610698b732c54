/**
 * Values that break careless code, as fast-check arbitraries: edges of strings, numbers and dates,
 * and values of the wrong type. The fuzz test mixes them into otherwise valid requests.
 */
import fc from 'fast-check'

/** Strings a name, a code or a note should survive (or be refused with a 400). */
const EDGE_STRINGS = [
  '', ' ', '  padded  ', '\t', '\n', '\u0000', 'nul\u0000inside', '\u0007bell', '\u001b[31mred\u001b[0m', '\u007f', '\r\n',
  'Yogurt 日本', 'crème brûlée', '🧪🚚', 'e\u0301', '\u202eevil.exe', '\u200d', '\ufeffbom', '\ud800', 'a\udfffb',
  'NaN', 'Infinity', '-0', '1e309', 'null', 'true', '[]', '{}', '0x10',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
  '../../etc/passwd', '..\\..\\boot.ini', '%00', '%2F', '/', '//', 'WH//Stock', '/WH', 'WH/',
  '<script>alert(1)</script>', "'; DROP TABLE lots; --", '=HYPERLINK("http://x")', '+1', '@SUM(A1)', '${7*7}', '{{7*7}}',
]

/** Dates at and beyond the edges of the calendar, and strings that only look like dates. */
const EDGE_DATES = [
  '0000-01-01', '0001-01-01', '1899-12-31', '1900-01-01', '1970-01-01', '2026-02-29', '2024-02-29', '2026-06-15',
  '9999-12-31', '10000-01-01', '+002026-01-01', '-000001-01-01', '2026-13-01', '2026-00-10', '2026-1-1', '2026-06-15 ',
  '20260615', '15/06/2026',
]

/** Date-times with edge offsets and precisions. */
const EDGE_INSTANTS = [
  '2026-06-15T10:00:00Z', '2026-06-15T10:00:00+14:00', '2026-06-15T10:00:00-12:00', '2026-06-15T00:00:00.123456789Z',
  '9999-12-31T23:59:59Z', '9999-12-31T23:59:59-23:59', '0000-01-01T00:00:00Z', '1900-01-01T00:00:00+23:59',
  '1970-01-01T00:00:00Z', '2026-06-15T24:00:00Z', '2026-06-15T10:00:00', '2026-06-15T10:00Z', '2026-06-15T10:00:00+2400',
]

/** Numbers at the edges of what JSON and JavaScript hold. */
const EDGE_NUMBERS = [
  0, -0, 1, -1, 0.5, 1.5, 0.000001, 0.0000001, 0.1 + 0.2, 123.456789, 36_500, 36_501, 1e21, -1e21, 2 ** 53, 2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER, Number.MAX_VALUE, Number.MIN_VALUE, 1e308, -1e308,
]

/** Number-like strings: what a quantity field takes as text. */
const NUMBER_STRINGS = ['0', '1', '-1', '1.5', '1,5', ' 12 ', '1e3', '1e400', '0x10', 'NaN', 'Infinity', '-Infinity', '1.0000001', '00012', '.5', '5.', '']

/** A string of `length` made of one repeated piece: huge names, notes and codes. */
const long = fc
  .tuple(fc.constantFrom('a', 'é', '日', '🧪', '\u0000', ' '), fc.constantFrom(65, 101, 129, 201, 2001, 4096))
  .map(([piece, length]) => piece.repeat(length))

/** Any string a careless parser might trip on. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...EDGE_STRINGS), weight: 4 },
  { arbitrary: fc.constantFrom(...EDGE_DATES, ...EDGE_INSTANTS, ...NUMBER_STRINGS), weight: 2 },
  { arbitrary: long, weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
)

/** Days at the ends of the supported range (1900 to 9999) and leap days: valid, and where date arithmetic overflows. */
const RANGE_EDGE_DATES = ['1900-01-01', '1900-01-02', '1900-03-01', '9999-12-31', '9999-12-30', '9999-01-01', '2024-02-29', '2000-02-29']

/** Date-times at the ends of the supported range, pushed past them by their offsets. */
const RANGE_EDGE_INSTANTS = [
  '9999-12-31T23:59:59Z', '9999-12-31T23:59:59-23:59', '9999-12-31T00:00:00+14:00', '9999-12-31T12:00:00-12:00',
  '1900-01-01T00:00:00Z', '1900-01-01T00:00:00+23:59', '1900-01-01T00:30:00+01:00', '2024-02-29T23:59:59.999-00:01',
]

/** A real calendar day: one time in three at an end of the supported range or a leap day, else between 1900 and 2200. */
export const validDate: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: isoDate(), weight: 2 },
  { arbitrary: fc.constantFrom(...RANGE_EDGE_DATES), weight: 1 },
)

/** A date-time with an offset or a plain date, a third of them at an end of the supported range. */
export const validInstant: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: validDate, weight: 1 },
  {
    arbitrary: fc
      .tuple(isoDate(), fc.integer({ min: 0, max: 86_399 }), fc.constantFrom('Z', '+00:00', '+05:30', '-08:00', '+14:00', '-23:59', '+23:59'))
      .map(([day, s, zone]) => `${day}T${new Date(s * 1000).toISOString().slice(11, 19)}${zone}`),
    weight: 1,
  },
  { arbitrary: fc.constantFrom(...RANGE_EDGE_INSTANTS), weight: 1 },
)

/** A date as YYYY-MM-DD or text that looks like one: real days, days at and beyond the calendar's edges, impossible days. */
export const hostileDate: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...EDGE_DATES), weight: 2 },
  { arbitrary: validDate, weight: 1 },
)

/** A date-time or date with edge values and broken forms mixed in. */
export const hostileInstant: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...EDGE_INSTANTS), weight: 2 },
  { arbitrary: hostileDate, weight: 2 },
  { arbitrary: validInstant, weight: 1 },
)

/** A number at an edge, a random double (finite), or a number written as text. */
export const hostileNumber: fc.Arbitrary<number | string> = fc.oneof(
  fc.constantFrom(...EDGE_NUMBERS),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.constantFrom(...NUMBER_STRINGS),
)

/** A value of any JSON type, nested a little: what a field of another type receives. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, '', 'x', [], {}, [null], { '': null }, JSON.parse('{"__proto__": {"polluted": true}}') as unknown),
  fc.jsonValue({ maxDepth: 3 }),
)

/** Arrays and objects nested `depth` deep: parsers and validators that recurse. */
export const deepNesting: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 50, max: 3000 }), fc.boolean())
  .map(([depth, arrays]) => {
    let value: unknown = 'deep'
    for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value }
    return value
  })

/** `YYYY-MM-DD` between 1900 and 2200, a valid calendar day. */
function isoDate(): fc.Arbitrary<string> {
  return fc
    .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10))
}
