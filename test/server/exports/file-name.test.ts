import { describe, expect, it } from 'vitest'
import { contentDisposition, fileNameFromDisposition, reportFileName } from '../../../server/exports/file-name'

describe('report file names', () => {
  it('joins the parts, leaves out the missing ones, and replaces what file systems refuse', () => {
    expect(reportFileName(['Traceability', 'MILK', 'L1', null, '2026-11-27'])).toBe('Traceability MILK L1 2026-11-27.xlsx')
    expect(reportFileName(['Delivery slip', 'WH/OUT/00012', undefined, '2026-11-27'])).toBe('Delivery slip WH-OUT-00012 2026-11-27.xlsx')
    expect(reportFileName(['Lots', 'A:B*C?"D"<E>|F\\G', '2026-11-27'])).toBe('Lots A-B-C-D-E-F-G 2026-11-27.xlsx')
    expect(reportFileName(['Stock', 'x\u0001y', ''])).toBe('Stock x-y.xlsx')
    expect(reportFileName(['Lots', 'x'.repeat(300)])).toHaveLength(150 + '.xlsx'.length)
    expect(reportFileName([])).toBe('report.xlsx')
  })

  it('Content-Disposition carries an ASCII name and the UTF-8 one, and reads back', () => {
    const header = contentDisposition('Delivery slip Café Zoë 2026-11-27.xlsx')
    expect(header).toBe('attachment; filename="Delivery slip Cafe Zoe 2026-11-27.xlsx"; filename*=UTF-8\'\'Delivery%20slip%20Caf%C3%A9%20Zo%C3%AB%202026-11-27.xlsx')
    expect(fileNameFromDisposition(header)).toBe('Delivery slip Café Zoë 2026-11-27.xlsx')
    expect(fileNameFromDisposition('attachment; filename="Stock 2026-11-27.xlsx"')).toBe('Stock 2026-11-27.xlsx')
    expect(fileNameFromDisposition('attachment; filename=plain.xlsx')).toBe('plain.xlsx')
    expect(fileNameFromDisposition('attachment')).toBeNull()
    expect(fileNameFromDisposition(null)).toBeNull()
    expect(contentDisposition('Lots (1) 2026.xlsx')).toContain("filename*=UTF-8''Lots%20%281%29%202026.xlsx")
  })
})
