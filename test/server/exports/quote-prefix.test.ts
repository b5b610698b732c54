import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { enableQuotePrefix, quoted, quoteIfFormula } from '../../../server/exports/quote-prefix'
import { looksLikeFormula } from '../../../shared/formula-text'
import { zipEntryText } from '../../helpers/zip'

/** The xf records of the workbook's cell styles, as written. */
function cellXfs(xlsx: Uint8Array): string[] {
  const styles = zipEntryText(xlsx, 'xl/styles.xml')!
  return [.../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1].matchAll(/<xf\b[^>]*>/g)].map((m) => m[0])
}

/** Each cell's style index in the first sheet. */
function styleIndexes(xlsx: Uint8Array): Record<string, number> {
  const sheet = zipEntryText(xlsx, 'xl/worksheets/sheet1.xml')!
  return Object.fromEntries([...sheet.matchAll(/<c r="([A-Z]+\d+)"([^>]*)>/g)].map((m) => [m[1], Number(/s="(\d+)"/.exec(m[2])?.[1] ?? 0)]))
}

describe('looksLikeFormula', () => {
  it('is text beginning with = + - @, TAB or CR, as OWASP lists them', () => {
    for (const text of ['=1+1', '+32 2 555', '-20C', '@SUM(A1)', '\t=1', '\r=1', '=']) expect(looksLikeFormula(text), JSON.stringify(text)).toBe(true)
    for (const value of ['1+1', ' =1', 'a=b', '', '＝1', 'L-1', -1, 5, null, undefined]) expect(looksLikeFormula(value), JSON.stringify(value)).toBe(false)
  })
})

describe('exceljs with the quote prefix', () => {
  enableQuotePrefix(ExcelJS)
  // Enabling twice changes nothing: the attribute is written once.
  enableQuotePrefix(ExcelJS)

  it('writes quotePrefix="1" in the xf of quoted cells only, keeping their other styles, one xf per style', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('s')
    const base = { font: { bold: true } }
    ws.getCell('A1').value = '=1+1'
    ws.getCell('A1').style = quoted(base)
    ws.getCell('A2').value = '-5 kg'
    ws.getCell('A2').style = quoted(base)
    ws.getCell('A3').value = 'plain'
    ws.getCell('A3').style = base
    ws.getCell('A4').value = '@x'
    quoteIfFormula(ws.getCell('A4'))
    ws.getCell('A5').value = 'x@'
    quoteIfFormula(ws.getCell('A5'))
    const xlsx = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)
    const xfs = cellXfs(xlsx)
    const at = styleIndexes(xlsx)
    expect(xfs[at.A1]).toMatch(/ quotePrefix="1"/)
    expect(xfs[at.A1].match(/quotePrefix/g)).toHaveLength(1)
    expect(xfs[at.A1]).toMatch(/applyFont="1"/)
    expect(at.A2).toBe(at.A1)
    expect(xfs[at.A3]).not.toMatch(/quotePrefix/)
    expect(xfs[at.A3]).toMatch(/applyFont="1"/)
    expect(xfs[at.A4]).toMatch(/ quotePrefix="1"/)
    expect(xfs[at.A5]).not.toMatch(/quotePrefix/)
    expect(xfs.filter((x) => x.includes('quotePrefix'))).toHaveLength(2)
  })

  it('writes it from the streaming writer too', async () => {
    const out = new PassThrough()
    const chunks: Buffer[] = []
    out.on('data', (c: Buffer) => chunks.push(c))
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
    const ws = wb.addWorksheet('s')
    const row = ws.getRow(1)
    row.values = ['+1', 'one']
    row.getCell(1).style = quoted({ numFmt: '@' })
    row.commit()
    ws.commit()
    await wb.commit()
    const xlsx = new Uint8Array(Buffer.concat(chunks))
    const at = styleIndexes(xlsx)
    expect(cellXfs(xlsx)[at.A1]).toMatch(/numFmtId="49"[^>]* quotePrefix="1"/)
    expect(cellXfs(xlsx)[at.B1]).not.toMatch(/quotePrefix/)
  })
})
