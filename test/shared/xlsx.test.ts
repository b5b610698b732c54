import { describe, expect, it } from 'vitest'
import { columnLetter, MAX_COLUMNS } from '../../shared/xlsx'

describe('columnLetter', () => {
  it('spells 1-based columns as Excel does, up to its last column', () => {
    expect([1, 25, 26, 27, 52, 53, 702, 703, MAX_COLUMNS].map(columnLetter)).toEqual(['A', 'Y', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD'])
  })

  it('refuses what is not a column number', () => {
    for (const n of [0, -1, 1.5, Number.NaN]) expect(() => columnLetter(n)).toThrow(RangeError)
  })
})
