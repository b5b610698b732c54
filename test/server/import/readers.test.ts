import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { detectSeparator, readCsv } from '../../../server/import/read-csv'
import { readXlsx } from '../../../server/import/read-xlsx'
import { headersFit } from '../../../server/import/rows'
import { tempDirs } from '../../helpers/temp'

const FIXTURES = fileURLToPath(new URL('../../fixtures/imports/', import.meta.url))
const temp = tempDirs()
const fitsReceipts = (h: string[]) => headersFit('receipts', h)

describe('CSV', () => {
  it('reads quoted fields, escaped quotes, line breaks in quotes, a BOM, CRLF, and skips blank lines', async () => {
    const text = '\uFEFFReference,Product,Lot,Qty\r\nPO-1,MILK,"L,1",5\r\n\r\nPO-1,"MI""LK","two\nlines", 1.5 \r\n,,,\r\n'
    const t = await readCsv(text, 'r.csv', 100)
    expect(t.headers).toEqual(['Reference', 'Product', 'Lot', 'Qty'])
    expect(t.rows).toEqual([
      { row: 2, cells: ['PO-1', 'MILK', 'L,1', '5'] },
      { row: 4, cells: ['PO-1', 'MI"LK', 'two\nlines', ' 1.5 '] },
    ])
  })

  it('tells the separator from the header line and reads in chunks', async () => {
    expect(detectSeparator('a;b;c')).toBe(';')
    expect(detectSeparator('a\tb,c\td')).toBe('\t')
    expect(detectSeparator('"a;b",c')).toBe(',')
    const chunks = ['Refer', 'ence;Product;Q', 'ty\nPO-1;MI', 'LK;"1,5"\n']
    const t = await readCsv(Readable.from(chunks), 'r.csv', 100)
    expect(t.rows[0].cells).toEqual(['PO-1', 'MILK', '1,5'])
  })

  it('finds the header under a title line, and refuses more rows than the limit', async () => {
    const t = await readCsv('Receipts of May\n\nReference,Product,Lot,Qty\nPO,MILK,L,1\n', 'r.csv', 100, fitsReceipts)
    expect(t.headerRow).toBe(3)
    await expect(readCsv('Reference,Product,Qty\n' + 'PO,BOLT,1\n'.repeat(11), 'r.csv', 10)).rejects.toThrow('more than 10 rows')
  })

  it('reads a semicolon CSV saved by LibreOffice', async () => {
    const t = await readCsv(Readable.from([await readFile(join(FIXTURES, 'lots-libreoffice.csv'))]), 'lots.csv', 100)
    expect(t.headers).toEqual(['Product', 'Lot', 'Expiration date', 'Note'])
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['MILK', 'L-2001', '31/12/2026', 'from the dairy; "organic"'],
      ['MILK', 'L-2002', '2027-01-15', 'two\nlines'],
      ['FLOUR', 'F-99', null, null],
    ])
  })
})

describe('xlsx', () => {
  it('reads a workbook saved by LibreOffice: hidden sheet and a sheet without the columns passed over, title above the header, dates, formulas', async () => {
    const t = await readXlsx(await readFile(join(FIXTURES, 'receipts-libreoffice.xlsx')), 'receipts.xlsx', fitsReceipts, 1000)
    expect(t.sheet).toBe('Receipts')
    expect(t.skipped).toEqual(['Read me', 'Lists'])
    expect(t.headerRow).toBe(3)
    expect(t.headers.slice(0, 6)).toEqual(['PO Number', 'Receipt date', 'Item code', 'Batch number', 'Qty', 'Expiry date'])
    expect(t.rows.map((r) => r.row)).toEqual([4, 5, 6, 7])
    expect(t.rows[0].cells.slice(0, 6)).toEqual(['PO-7001', new Date(Date.UTC(2026, 10, 2)), 'MILK ', 'L-1102', 120, new Date(Date.UTC(2026, 10, 20))])
    expect(t.rows[1].cells[4]).toBe('1,250')
    expect(t.rows[2].cells[4]).toBe(6)
  })

  it('says which sheets it looked at when none fits', async () => {
    const path = join(await temp.make(), 'other.xlsx')
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('Prices').addRow(['Item', 'Price'])
    await wb.xlsx.writeFile(path)
    await expect(readXlsx(await readFile(path), 'other.xlsx', fitsReceipts, 10)).rejects.toThrow('no sheet of other.xlsx has the columns this import needs (looked at Prices)')
  })
})
