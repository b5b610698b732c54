/** The CRC-32 of two pieces from theirs is the CRC-32 zlib gives the pieces one after the other. */
import { randomBytes } from 'node:crypto'
import { crc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { crc32Combine } from '../../../server/exports/crc32-combine'

describe('crc32Combine', () => {
  it('is the CRC-32 of the two pieces together, for empty, short and long pieces', () => {
    for (const [a, b] of [[0, 0], [0, 5], [5, 0], [1, 1], [100, 3], [1000, 70_000], [3, (1 << 20) + 7]]) {
      const first = randomBytes(a)
      const second = randomBytes(b)
      expect(crc32Combine(crc32(first), crc32(second), b), `${a} + ${b} bytes`).toBe(crc32(Buffer.concat([first, second])))
    }
  })

  it('chains: three pieces combined in turn', () => {
    const pieces = [randomBytes(10), randomBytes(20_000), randomBytes(7)]
    const combined = pieces.reduce((crc, p) => crc32Combine(crc, crc32(p), p.length), 0)
    expect(combined).toBe(crc32(Buffer.concat(pieces)))
  })
})
