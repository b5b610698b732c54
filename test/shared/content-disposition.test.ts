import { describe, expect, it } from 'vitest'
import { contentDisposition, fileNameFromDisposition } from '../../shared/content-disposition'

describe('Content-Disposition', () => {
  it('carries an ASCII name and the UTF-8 one, which reads back', () => {
    const header = contentDisposition('Delivery slip Café Zoë 2026-11-27.xlsx')
    expect(header).toBe('attachment; filename="Delivery slip Cafe Zoe 2026-11-27.xlsx"; filename*=UTF-8\'\'Delivery%20slip%20Caf%C3%A9%20Zo%C3%AB%202026-11-27.xlsx')
    expect(fileNameFromDisposition(header)).toBe('Delivery slip Café Zoë 2026-11-27.xlsx')
    expect(contentDisposition('Lots (1) 2026.xlsx')).toContain("filename*=UTF-8''Lots%20%281%29%202026.xlsx")
  })

  it('keeps names outside Latin-1 in the UTF-8 form and leaves control and direction marks out', () => {
    for (const name of ['📦 stock.xlsx', 'מלאי.xlsx', 'a\u202egpj.xlsx', 'nul\u0000 and bell\u0007.xlsx', 'quote " back \\ slash.xlsx']) {
      const header = contentDisposition(name)
      expect(header).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~!-]*$/)
      expect(header).not.toMatch(/[\u0000-\u001f\u007f]/)
      expect(fileNameFromDisposition(header)).toBe(name.replace(/[\u0000-\u001f\u202e]/g, ''))
    }
  })

  it('reads filename* first, then filename, else null', () => {
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''caf%C3%A9.xlsx`)).toBe('café.xlsx')
    expect(fileNameFromDisposition('attachment; filename="Stock 2026-11-27.xlsx"')).toBe('Stock 2026-11-27.xlsx')
    expect(fileNameFromDisposition('attachment; filename=plain.xlsx')).toBe('plain.xlsx')
    expect(fileNameFromDisposition(`attachment; filename="ok.xlsx"; filename*=UTF-8''%E0%A4%A.xlsx`)).toBe('ok.xlsx')
    expect(fileNameFromDisposition('attachment')).toBeNull()
    expect(fileNameFromDisposition(null)).toBeNull()
  })
})
