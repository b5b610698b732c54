import { describe, expect, it } from 'vitest'
import { reportFileName } from '../../../server/exports/file-name'

describe('report file names', () => {
  it('joins the parts, leaves out the missing ones, and replaces what file systems refuse', () => {
    expect(reportFileName(['Traceability', 'MILK', 'L1', null, '2026-11-27'])).toBe('Traceability MILK L1 2026-11-27.xlsx')
    expect(reportFileName(['Delivery slip', 'WH/OUT/00012', undefined, '2026-11-27'])).toBe('Delivery slip WH-OUT-00012 2026-11-27.xlsx')
    expect(reportFileName(['Lots', 'A:B*C?"D"<E>|F\\G', '2026-11-27'])).toBe('Lots A-B-C-D-E-F-G 2026-11-27.xlsx')
    expect(reportFileName(['Stock', 'x\u0001y', ''])).toBe('Stock x-y.xlsx')
    expect(reportFileName(['Lots', 'x'.repeat(300)])).toHaveLength(150 + '.xlsx'.length)
    expect(reportFileName([])).toBe('report.xlsx')
  })
})
