/**
 * GTIN (GS1 Global Trade Item Number) check digits. GTIN-8, -12 and -13 are carried as
 * GTIN-14 by left-padding with zeros, as GS1 does in element strings.
 */

/** The GS1 mod-10 check digit for the digits before it. */
export function gs1CheckDigit(body: string): number {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48
    sum += digit * (i % 2 === 0 ? 3 : 1)
  }
  return (10 - (sum % 10)) % 10
}

/**
 * Normalizes a GTIN-8/12/13/14 to 14 digits, or returns an error message naming what is wrong.
 */
export function normalizeGtin(value: string): string | { error: string } {
  const digits = value.trim()
  if (!/^\d+$/.test(digits)) return { error: 'a GTIN has digits only' }
  if (![8, 12, 13, 14].includes(digits.length)) return { error: 'a GTIN has 8, 12, 13 or 14 digits' }
  const gtin = digits.padStart(14, '0')
  const expected = gs1CheckDigit(gtin.slice(0, 13))
  if (Number(gtin[13]) !== expected) return { error: `check digit should be ${expected}` }
  return gtin
}
