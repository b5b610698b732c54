/**
 * Exact quantities. A quantity is a decimal with at most 6 fractional digits, held as a safe
 * integer count of millionths so that sums never drift (0.1 + 0.2 is exactly 0.3).
 */

/** Number of fractional digits a quantity may carry. */
export const QTY_DECIMALS = 6
/** Millionths in one unit. */
export const QTY_SCALE = 1_000_000
/** Largest quantity accepted on one line, in units. */
export const QTY_MAX_UNITS = 1_000_000_000

/** A quantity in millionths of the product's unit. */
export type Qty = number

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/

/**
 * Parses a JSON number or a decimal string into millionths.
 * Returns an error message instead when the value is not a finite decimal with at most
 * 6 fractional digits within the accepted range.
 */
export function parseQty(value: unknown): Qty | { error: string } {
  // Whole units, most quantities there are, need no text: (+ 0 turns -0 into 0).
  if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= QTY_MAX_UNITS) return value * QTY_SCALE + 0
  let text: string
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { error: 'must be a finite number' }
    // 15 significant digits is what a double holds exactly; this strips binary noise such as
    // 0.30000000000000004 without hiding a genuine 7th decimal.
    text = Math.abs(value) >= 1e21 ? String(value) : trimZeros(value.toPrecision(15))
  } else if (typeof value === 'string') {
    text = value.trim()
  } else {
    return { error: 'must be a number' }
  }
  if (/e/i.test(text)) {
    const n = Number(text)
    if (!Number.isFinite(n)) return { error: 'must be a finite number' }
    text = trimZeros(n.toFixed(12))
  }
  const m = DECIMAL.exec(text)
  if (!m) return { error: `"${text}" is not a decimal number` }
  const [, sign, whole, frac = ''] = m
  const fraction = frac.replace(/0+$/, '')
  if (fraction.length > QTY_DECIMALS) return { error: `has more than ${QTY_DECIMALS} decimals` }
  const units = Number(whole)
  if (units > QTY_MAX_UNITS) return { error: `exceeds ${QTY_MAX_UNITS}` }
  const scaled = units * QTY_SCALE + Number(fraction.padEnd(QTY_DECIMALS, '0') || '0')
  return sign === '-' ? -scaled : scaled
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s
}

/** Converts millionths to a JSON number (the nearest double, which prints as the decimal). */
export function qtyToNumber(q: Qty): number {
  return q / QTY_SCALE
}

/** Converts a whole or decimal number of units (already validated) into millionths. */
export function unitsToQty(units: number): Qty {
  // Fast path for what the ledger itself wrote: whole units.
  if (Number.isInteger(units) && Math.abs(units) <= QTY_MAX_UNITS) return units * QTY_SCALE
  const q = parseQty(units)
  if (typeof q !== 'number') throw new RangeError(`invalid quantity ${units}: ${q.error}`)
  return q
}

/** Exact sum; throws when the result would leave the safe-integer range. */
export function addQty(a: Qty, b: Qty): Qty {
  const r = a + b
  if (!Number.isSafeInteger(r)) throw new RangeError('quantity overflow')
  return r
}

/** Formats millionths as a plain decimal string ("12.5", "-0.000001"). */
export function formatQty(q: Qty): string {
  const sign = q < 0 ? '-' : ''
  const abs = Math.abs(q)
  const whole = Math.floor(abs / QTY_SCALE)
  const frac = String(abs % QTY_SCALE).padStart(QTY_DECIMALS, '0').replace(/0+$/, '')
  return frac ? `${sign}${whole}.${frac}` : `${sign}${whole}`
}
