import { crc32, deflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { headersFit } from '../../../server/import/rows'
import { readXlsx } from '../../../server/import/read-xlsx'
import { giantCell, noise, receiptsHeader, repeatedPart, sharedStringsBomb, sheetXml, textCell, workbookParts } from '../../helpers/hostile-files'
import { zipArchive, type ZipEntry } from '../../helpers/zip'

const fits = (h: string[]) => headersFit('receipts', h)
const read = (bytes: Buffer, file = 'w.xlsx') => readXlsx(bytes, file, fits, 1000)
const refused = (message: string) => ({ code: 'unreadable_file', message })
const row = (r: number, ...texts: string[]) => `<row r="${r}">${texts.map((t, i) => textCell(`${'ABCD'[i]}${r}`, t)).join('')}</row>`
const withSheet = (sheet: string | ZipEntry, strings?: string | ZipEntry) => zipArchive(workbookParts(sheet, strings))

describe('xlsx parts read', () => {
  it('reads a workbook without shared strings (inline text only)', async () => {
    const t = await read(withSheet(sheetXml(`${receiptsHeader(1)}${row(2, 'PO-1', 'MILK', 'L1', '5')}${row(4, 'PO-2', 'BOLT')}`)))
    expect(t.rows).toEqual([{ row: 2, cells: ['PO-1', 'MILK', 'L1', '5'] }, { row: 4, cells: ['PO-2', 'BOLT'] }])
  })

  it('keeps of a row below the header only the columns the header has', async () => {
    const t = await read(withSheet(sheetXml(`${receiptsHeader(1)}<row r="2">${textCell('A2', 'PO-1')}${textCell('XFD2', 'far right')}</row>`)))
    expect(t.rows).toEqual([{ row: 2, cells: ['PO-1', null, null, null] }])
  })

  it('refuses rows out of order, past Excel\'s last row, and a cell longer than Excel allows', async () => {
    await expect(read(withSheet(sheetXml(`${receiptsHeader(5)}${row(3, 'PO-1')}`)), 'order.xlsx')).rejects.toMatchObject(
      refused('order.xlsx cannot be read: sheet "Receipts" lists row 3 after row 5: the file was not written by Excel, or is damaged'),
    )
    await expect(read(withSheet(sheetXml(`${receiptsHeader(1)}${row(1_048_577, 'PO-1')}`)), 'tall.xlsx')).rejects.toMatchObject(
      refused('tall.xlsx cannot be read: sheet "Receipts" has a row 1,048,577, past Excel\'s last row 1,048,576: the file was not written by Excel, or is damaged'),
    )
    await expect(read(giantCell(32_768), 'cell.xlsx')).rejects.toMatchObject(
      refused('cell.xlsx cannot be read: sheet "Receipts", cell A2, holds 33,000 characters, more than the 32,767 Excel allows in a cell'),
    )
  })
})

describe('xlsx archives checked before they are read', () => {
  it('refuses parts declared larger than the limits, or inflating far more than workbooks do, before inflating them', async () => {
    await expect(read(sharedStringsBomb(300_000_000), 'bomb.xlsx')).rejects.toMatchObject(
      refused('bomb.xlsx cannot be read: its shared strings part (xl/sharedStrings.xml) would inflate to 300 MB, more than the 64 MB an import reads: split the rows into several files'),
    )
    const spaces = repeatedPart(sheetXml(receiptsHeader(1)).replace('</sheetData></worksheet>', ''), ' '.repeat(10_000), 500, '</sheetData></worksheet>')
    await expect(read(withSheet({ name: '', deflated: spaces }), 'spaces.xlsx')).rejects.toMatchObject({
      code: 'unreadable_file', message: expect.stringMatching(/^spaces\.xlsx cannot be read: its worksheet xl\/worksheets\/sheet1\.xml would inflate \d+ times its \d+ kB, more than the 100 times a workbook's parts do: it looks like a zip bomb$/),
    })
  })

  it('refuses parts that together would inflate past the limit', async () => {
    // Noise barely compresses: each part claims 100 times what it stores, as much as the ratio allows.
    const stored = deflateRawSync(noise(1_000_000))
    const claim = (name: string): ZipEntry => ({ name, deflated: { bytes: stored, size: 1_000_000, crc: 0 }, claimedSize: stored.length * 100 })
    const parts = [...workbookParts(sheetXml(receiptsHeader(1))), claim('xl/worksheets/sheet2.xml'), claim('xl/worksheets/sheet3.xml'), claim('xl/worksheets/sheet4.xml')]
    await expect(read(zipArchive(parts), 'wide.xlsx')).rejects.toMatchObject({ code: 'unreadable_file', message: expect.stringMatching(/^wide\.xlsx cannot be read: its parts would inflate to \d+ MB together, more than the 256 MB an import reads/) })
  })

  it('counts what parts really inflate to: past what they declare, short of it, or not to their CRC', async () => {
    await expect(read(sharedStringsBomb(300_000_000, { claimedSize: 1_000_000 }), 'liar.xlsx')).rejects.toMatchObject(
      refused('liar.xlsx cannot be read: its shared strings part (xl/sharedStrings.xml) inflates past the 1 MB its header declares: the file is damaged or forged'),
    )
    const sheet = Buffer.from(sheetXml(receiptsHeader(1)))
    const deflated = deflateRawSync(sheet)
    await expect(read(withSheet({ name: '', deflated: { bytes: deflated, size: sheet.length, crc: crc32(sheet) ^ 1 } }), 'crc.xlsx')).rejects.toMatchObject(
      refused('crc.xlsx cannot be read: its worksheet xl/worksheets/sheet1.xml does not match its checksum: the file is damaged'),
    )
    await expect(read(withSheet({ name: '', deflated: { bytes: deflated, size: sheet.length, crc: crc32(sheet) }, claimedSize: sheet.length + 10 }), 'short.xlsx')).rejects.toMatchObject(
      refused('short.xlsx cannot be read: its worksheet xl/worksheets/sheet1.xml does not match its checksum: the file is damaged'),
    )
  })

  it('refuses a run of text no cell holds as the part inflates, before the parser would make it one string', async () => {
    await expect(read(giantCell(1_100_000), 'cell.xlsx')).rejects.toMatchObject(
      refused('cell.xlsx cannot be read: its worksheet xl/worksheets/sheet1.xml holds over 1 MB of text in one piece, more than a cell holds (32,767 characters): no spreadsheet program wrote it'),
    )
    // Cut by comments, the same text passes that check and meets the cell's.
    await expect(read(giantCell(1_100_000, { split: true }), 'split.xlsx')).rejects.toMatchObject(
      refused('split.xlsx cannot be read: sheet "Receipts", cell A2, holds 1,100,000 characters, more than the 32,767 Excel allows in a cell'),
    )
  })

  it('says what a file is when it is not a workbook', async () => {
    const compound = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), noise(500)])
    await expect(read(compound, 'old.xlsx')).rejects.toMatchObject(
      refused('old.xlsx cannot be read: it is an Excel 97-2003 workbook (.xls), or one saved with a password: open it in Excel and save it as an Excel workbook (.xlsx) without a password'),
    )
    await expect(read(zipArchive([{ name: 'notes.txt', data: 'hello' }]), 'notes.xlsx')).rejects.toMatchObject(
      refused('notes.xlsx cannot be read: it is a zip archive but holds no Excel workbook (no xl/workbook.xml and its relationships)'),
    )
    const twice = zipArchive([...workbookParts(sheetXml(receiptsHeader(1))), { name: 'xl/worksheets/sheet1.xml', data: sheetXml('') }])
    await expect(read(twice, 'twice.xlsx')).rejects.toMatchObject(refused('twice.xlsx cannot be read: it lists xl/worksheets/sheet1.xml twice: the file is damaged or forged'))
  })
})
