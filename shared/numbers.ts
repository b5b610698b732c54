/** Numbers typed as text, as spreadsheets and pasted lists carry them. */

const PLAIN = /^[+-]?\d+(\.\d+)?$/
const COMMA_THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/
const DOT_THOUSANDS = /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/

/**
 * Reads `12`, `12.5`, `1,500.25` and `1 500,25` (thousands separators), `12,5` (decimal comma).
 * A dot is a decimal point unless the number also has a decimal comma (`1.500,25`); `1,500` is
 * read as fifteen hundred. Returns null when the text is not a number.
 */
export function parseNumberText(text: string): number | null {
  const t = text.trim().replace(/[\s\u00a0\u202f']/g, '')
  if (t === '') return null
  if (PLAIN.test(t)) return Number(t)
  if (COMMA_THOUSANDS.test(t)) return Number(t.replace(/,/g, ''))
  if (DOT_THOUSANDS.test(t) && t.includes(',')) return Number(t.replace(/\./g, '').replace(',', '.'))
  if (DECIMAL_COMMA.test(t)) return Number(t.replace(',', '.'))
  return null
}
