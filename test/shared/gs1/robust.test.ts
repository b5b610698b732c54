/** Whatever is typed or scanned, the parser answers: AIs, or problems naming what is wrong; it never throws. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseGs1 } from '../../../shared/gs1/scan'

const pieces = fc.constantFrom('(01)', '(10)', '(17)', '(21)', '(3103)', ']C1', ']Q1', ']d2', '\u001d', '<GS>', '01', '10', '17', '21', '09501101530003',
  '260331', '261300', 'ABC', 'https://id.gs1.org', '/01/', '/10/', '?17=', '&', '%2F', '%', '(', ')', '\\(', ' ', '00', '99')

describe('the GS1 parser on anything', () => {
  it('answers every input with AIs or problems, never an exception', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.array(pieces, { maxLength: 12 }).map((a) => a.join(''))), (data) => {
      const r = parseGs1(data, { today: '2026-06-15', separator: '|' })
      if (r.ok) expect(r.ais.length).toBeGreaterThan(0)
      else {
        expect(r.problems.length).toBeGreaterThan(0)
        for (const p of r.problems) expect(p.message).not.toMatch(/undefined|NaN|\[object/)
      }
    }), { seed: 20261205, numRuns: 3000 })
  })
})
