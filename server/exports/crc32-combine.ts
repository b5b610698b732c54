/**
 * The CRC-32 of two pieces of data one after the other, from the CRC of each and the length of
 * the second: the pieces of a sheet are written and checked by different workers, and the zip
 * names one CRC for the whole. CRC-32 (as zip and zlib use it) is the remainder of a division
 * of polynomials over GF(2), bits reflected: appending n bytes multiplies the first CRC by
 * x^(8n) modulo the polynomial, and the second piece's CRC is added (xor) to that.
 */

/** The CRC-32 polynomial, reflected. */
const POLY = 0xedb88320
/** x^0, reflected: the top bit. */
const ONE = 0x80000000

/** a · b modulo the polynomial (both reflected). */
function multiply(a: number, b: number): number {
  let product = 0
  for (let bit = ONE; bit !== 0; bit >>>= 1) {
    if (a & bit) product ^= b
    // b · x: a shift towards the low bits, reduced when x^32 falls out.
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1
  }
  return product >>> 0
}

/** x^(2^k) modulo the polynomial, for k = 0..63: powers are multiplied from these. */
const X_POW_2K: number[] = [ONE >>> 1]
for (let k = 1; k < 64; k++) X_POW_2K.push(multiply(X_POW_2K[k - 1], X_POW_2K[k - 1]))

/** x^(8 · bytes) modulo the polynomial. */
function shiftOf(bytes: number): number {
  let power = ONE
  // 8 · bytes = 2^3 · bytes: its bits pick the squares from the fourth on.
  for (let k = 3, n = bytes; n > 0; k++, n = Math.floor(n / 2)) {
    if (n % 2) power = multiply(X_POW_2K[k % 64], power)
  }
  return power
}

/** The CRC-32 of A followed by B, from `crcA`, `crcB` and B's length in bytes. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  if (lengthB === 0) return crcA >>> 0
  return (multiply(shiftOf(lengthB), crcA) ^ crcB) >>> 0
}
