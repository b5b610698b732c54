import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { fingerprint } from '../../../../server/domain/operations/fingerprint'

/** The definition: JSON with keys sorted and undefined members left out, built as strings. */
function reference(v: unknown): string | undefined {
  if (v === null || typeof v !== 'object') return JSON.stringify(v)
  if (Array.isArray(v)) return `[${v.map((x) => reference(x) ?? '').join(',')}]`
  const o = v as Record<string, unknown>
  const members = Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${reference(o[k])}`)
  return `{${members.join(',')}}`
}
const sha = (text: string) => createHash('sha256').update(text).digest('hex')

/** A deterministic pseudo-random generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32)
}
const TEXTS = ['', 'MILK', 'Crème brûlée', '日本', 'emoji 📦', 'quote " backslash \\', 'tab\tnew\nline', '\u0001', 'lone \ud800 surrogate', 'WH/Stock/Shelf 1']
function value(r: () => number, depth: number): unknown {
  const pick = Math.floor(r() * (depth > 3 ? 6 : 9))
  switch (pick) {
    case 0: return TEXTS[Math.floor(r() * TEXTS.length)]
    case 1: return [0, -0, 1.5, -12.000001, 1e21, 123456789, NaN, Infinity][Math.floor(r() * 8)]
    case 2: return r() < 0.5
    case 3: return null
    case 4: return undefined
    case 5: return `L${Math.floor(r() * 1e6)}`
    case 6:
    case 7: {
      const o: Record<string, unknown> = {}
      const keys = ['product', 'qty', 'lot', 'b', 'a', 'Zed', 'é', 'lines', 'to', '10', '2']
      for (let i = Math.floor(r() * 6); i > 0; i--) o[keys[Math.floor(r() * keys.length)]] = value(r, depth + 1)
      return o
    }
    default: return Array.from({ length: Math.floor(r() * 5) }, () => value(r, depth + 1))
  }
}

describe('fingerprint', () => {
  it('hashes the same JSON as the definition, over many shapes and texts', () => {
    const r = random(20261127)
    for (let i = 0; i < 3000; i++) {
      const v = { id: `op-${i}`, body: value(r, 0), lines: [value(r, 1), value(r, 1)] }
      expect(fingerprint(v), JSON.stringify(v)).toBe(sha(reference(v)!))
    }
  })

  it('ignores key order and undefined members, and tells different content apart', () => {
    const a = { type: 'receipt', id: 'R1', lines: [{ product: 'MILK', qty: 5, lot: 'L1' }], note: undefined }
    const b = { lines: [{ lot: 'L1', qty: 5, product: 'MILK' }], id: 'R1', type: 'receipt' }
    expect(fingerprint(a)).toBe(fingerprint(b))
    expect(fingerprint({ ...b, lines: [{ lot: 'L1', qty: 6, product: 'MILK' }] })).not.toBe(fingerprint(b))
  })

  it('handles an operation bigger than its buffer, and the small one after it', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => ({ product: 'MILK', lot: `L${i}-日本`, qty: i + 0.5, to: 'WH/Stock/Shelf 1' }))
    const big = { id: 'big', type: 'receipt', reference: 'PO-1', lines }
    expect(fingerprint(big)).toBe(sha(reference(big)!))
    const small = { id: 's', type: 'receipt', reference: 'PO-2', lines: [{ product: 'MILK', qty: 1 }] }
    expect(fingerprint(small)).toBe(sha(reference(small)!))
  })
})
