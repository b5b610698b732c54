/**
 * Broken and hostile uploads to POST /api/v1/imports, made in memory on demand (nothing of the
 * sort is kept in the repository): malformed multipart bodies, workbooks no spreadsheet program
 * would write, zip bombs, rows past Excel's last row and CSV lines of many megabytes. The tests
 * send small ones and assert each answer; the benchmark (bench/hostile.ts) sends them full size
 * to a real server and measures what each costs it.
 */
import { crc32, deflateRawSync, constants as zlib } from 'node:zlib'
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { XLSX_MAX_TEXT_RUN_BYTES } from '../../server/import/limits'
import { IMPORT_ROWS_MAX } from '../../shared/import/kinds'
import type { ErrorCode } from '../../shared/schemas/error'
import { zipArchive, type ZipEntry } from './zip'

/** One request as it goes on the wire, and the answer it must get. */
export interface HostileRequest {
  /** A short name, for test titles and the benchmark's table. */
  name: string
  /** What it is, in a few words. */
  what: string
  /** The query string of POST /api/v1/imports. */
  query: string
  contentType: string
  body: Buffer
  expected: {
    status: number
    /** The error's code; null for a success. */
    code: ErrorCode | null
    /** Texts the answer's message holds (the file, the row, the cell...). */
    mentions: string[]
  }
}

const BOUNDARY = 'lotledger-hostile-boundary'

/** A multipart body with one file part, its Content-Disposition header written as given. */
export function multipartBody(disposition: string, content: Buffer | string, boundary = BOUNDARY): Buffer {
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: application/octet-stream\r\n\r\n`),
    typeof content === 'string' ? Buffer.from(content) : content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
}

/** An upload of `content` as field "file" named `name`, as a browser sends it. */
export function fileUpload(name: string, content: Buffer | string): { contentType: string; body: Buffer } {
  return { contentType: `multipart/form-data; boundary=${BOUNDARY}`, body: multipartBody(`form-data; name="file"; filename="${name}"`, content) }
}

/** Bytes of a fixed pseudo-random sequence (xorshift), the same on every run. */
export function noise(length: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(length)
  let x = seed >>> 0
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships'

/** The XML of an inline-string cell. */
export function textCell(ref: string, text: string): string {
  return `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`
}

/** A worksheet part whose sheetData is `rows` (row elements, written as given). */
export function sheetXml(rows: string, prolog = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${prolog}<worksheet xmlns="${NS}"><sheetData>${rows}</sheetData></worksheet>`
}

/** A receipts header row (Reference, Product, Lot, Qty) at row `r`. */
export function receiptsHeader(r: number): string {
  return `<row r="${r}">${['Reference', 'Product', 'Lot', 'Qty'].map((h, i) => textCell(`${'ABCD'[i]}${r}`, h)).join('')}</row>`
}

/**
 * The parts of a one-sheet workbook (sheet "Receipts") around `sheet`, in the order Excel writes
 * them. `sharedStrings`: a shared strings part, as text or deflated already.
 */
export function workbookParts(sheet: string | ZipEntry, sharedStrings?: string | ZipEntry): ZipEntry[] {
  const part = (name: string, p: string | ZipEntry): ZipEntry => (typeof p === 'string' ? { name, data: p } : { ...p, name })
  return [
    { name: '[Content_Types].xml', data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>` },
    { name: '_rels/.rels', data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets><sheet name="Receipts" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>${sharedStrings ? `<Relationship Id="rId2" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>` },
    ...(sharedStrings ? [part('xl/sharedStrings.xml', sharedStrings)] : []),
    part('xl/worksheets/sheet1.xml', sheet),
  ]
}

/**
 * A deflated part of `head`, then `body` `times` over, then `tail`, made without deflating the
 * whole: each piece is deflated once up to a full flush (which forgets everything before it), so
 * copies of the body's deflated bytes make a valid deflate stream. A gigabyte costs megabytes.
 */
export function repeatedPart(head: string, body: string, times: number, tail: string): { bytes: Buffer; size: number; crc: number } {
  const flushed = (text: string) => deflateRawSync(text, { finishFlush: zlib.Z_FULL_FLUSH, level: 9 })
  const unit = Buffer.from(body)
  let crc = crc32(head)
  for (let i = 0; i < times; i++) crc = crc32(unit, crc)
  crc = crc32(tail, crc)
  const middle = flushed(body)
  return {
    bytes: Buffer.concat([flushed(head), ...Array<Buffer>(times).fill(middle), deflateRawSync(tail)]),
    size: Buffer.byteLength(head) + unit.length * times + Buffer.byteLength(tail),
    crc,
  }
}

/** A workbook whose shared strings inflate to about `inflated` bytes (from a small fraction of it). */
export function sharedStringsBomb(inflated: number, options: { claimedSize?: number } = {}): Buffer {
  const si = `<si><t>${'lotledger '.repeat(100)}</t></si>`.repeat(100)
  const strings = repeatedPart(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}"><si><t>Reference</t></si>`, si, Math.ceil(inflated / si.length), '</sst>')
  const sheet = sheetXml(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`)
  return zipArchive(workbookParts(sheet, { name: '', deflated: strings, claimedSize: options.claimedSize }))
}

/**
 * A workbook of one cell (A2) holding `chars` characters, more than Excel allows in a cell.
 * `split`: its text cut by empty XML comments every 1,000 characters (the parser joins the pieces).
 */
export function giantCell(chars: number, options: { split?: boolean } = {}): Buffer {
  const head = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${receiptsHeader(1)}<row r="2"><c r="A2" t="inlineStr"><is><t>`
  const text = repeatedPart(head, `${'x'.repeat(1000)}${options.split ? '<!---->' : ''}`, Math.ceil(chars / 1000), '</t></is></c></row></sheetData></worksheet>')
  return zipArchive(workbookParts({ name: '', deflated: text }))
}

/**
 * A workbook of receipts of `product` as exceljs writes it: the sheet before the shared strings,
 * which is what made exceljs buffer the sheet in a temporary file.
 */
export async function receiptsWorkbook(rows: number, product = 'MILK'): Promise<Buffer> {
  const chunks: Buffer[] = []
  const out = new PassThrough()
  out.on('data', (c: Buffer) => chunks.push(c))
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: true })
  const ws = wb.addWorksheet('Receipts')
  ws.addRow(['Reference', 'Product', 'Lot', 'Qty']).commit()
  for (let i = 0; i < rows; i++) ws.addRow([`PO-${Math.floor(i / 100)}`, product, `L${i}`, 1 + (i % 9)]).commit()
  ws.commit()
  await wb.commit()
  return Buffer.concat(chunks)
}

/** Sizes of the hostile files: small for the tests, as reported in the issue for the benchmark. */
export interface HostileSizes {
  /** Bytes of the one-line CSV. */
  csvLine: number
  /** Bytes the shared strings of the zip bomb inflate to. */
  bomb: number
  /** Rows of the refused workbook whose sheet comes before its shared strings. */
  refusedRows: number
  /** Characters of the giant cell. */
  giantCell: number
}

/** Big enough to cross every limit, small enough for a quick test. */
export const TEST_SIZES: HostileSizes = { csvLine: 1_200_000, bomb: 300_000_000, refusedRows: 20, giantCell: 40_000 }
/** The sizes of the issue's report. */
export const FULL_SIZES: HostileSizes = { csvLine: 56_000_000, bomb: 1_490_000_000, refusedRows: 300_000, giantCell: 120_000_000 }

/** Every hostile request, in the order of the issue. */
export async function hostileRequests(sizes: HostileSizes): Promise<HostileRequest[]> {
  const out: HostileRequest[] = []
  const add = (name: string, what: string, query: string, wire: { contentType: string; body: Buffer }, expected: HostileRequest['expected']) =>
    out.push({ name, what, query, ...wire, expected })
  const raw = (contentType: string, body: Buffer | string) => ({ contentType, body: Buffer.from(body) })
  const multipartType = `multipart/form-data; boundary=${BOUNDARY}`
  const receipts = 'kind=receipts'
  const refused = (status: number, code: ErrorCode, ...mentions: string[]) => ({ status, code, mentions })

  // Multipart bodies that cannot be read.
  add('multipart-garbage', 'a boundary, then a body that is not multipart', receipts, raw(multipartType, 'this is not a multipart body'), refused(400, 'invalid_multipart', 'multipart'))
  add('multipart-no-boundary', 'multipart/form-data without a boundary', receipts, raw('multipart/form-data', multipartBody('form-data; name="file"; filename="r.csv"', 'Reference\n')), refused(400, 'invalid_multipart', 'boundary'))
  add('multipart-empty', 'an empty body', receipts, raw(multipartType, ''), refused(400, 'invalid_multipart', 'empty'))
  add('multipart-quote-in-name', 'a part header filename="a"b.csv"', receipts, raw(multipartType, multipartBody('form-data; name="file"; filename="a"b.csv"', 'Reference,Product,Lot,Qty\n')), refused(400, 'invalid_multipart', 'multipart'))

  // Workbooks that cannot be read.
  const good = await receiptsWorkbook(3)
  add('random-bytes', '4 kB of random bytes named .xlsx', receipts, fileUpload('random.xlsx', noise(4096)), refused(422, 'unreadable_file', 'random.xlsx', 'not an Excel workbook'))
  add('csv-named-xlsx', 'a CSV named .xlsx', receipts, fileUpload('receipts.xlsx', 'Reference,Product,Lot,Qty\nPO-1,MILK,L1,1\n'), refused(422, 'unreadable_file', 'receipts.xlsx', 'not an Excel workbook'))
  add('empty-xlsx', 'an empty .xlsx', receipts, fileUpload('empty.xlsx', ''), refused(422, 'unreadable_file', 'empty.xlsx', 'empty'))
  add('truncated-xlsx', 'a workbook cut in half', receipts, fileUpload('cut.xlsx', good.subarray(0, good.length >> 1)), refused(422, 'unreadable_file', 'cut.xlsx', 'damaged'))
  const entities = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
  add('doctype-entity', 'a sheet declaring entities in a DOCTYPE', receipts, fileUpload('entities.xlsx', zipArchive(workbookParts(sheetXml(`${receiptsHeader(1)}<row r="2">${textCell('A2', '&lol3;')}</row>`, entities)))), refused(422, 'unreadable_file', 'entities.xlsx', 'Receipts', 'DOCTYPE'))
  add('cell-ZZZZZ2', 'a cell r="ZZZZZ2"', receipts, fileUpload('columns.xlsx', zipArchive(workbookParts(sheetXml(`${receiptsHeader(1)}<row r="2">${textCell('ZZZZZ2', 'far right')}</row>`)))), refused(422, 'unreadable_file', 'columns.xlsx', 'ZZZZZ2'))

  // Work claimed, not sent.
  add('row-400000000', 'a 2 kB workbook whose one row is row 400,000,000 (annotated answer)', `${receipts}&format=xlsx`, fileUpload('far.xlsx', zipArchive(workbookParts(sheetXml(receiptsHeader(400_000_000))))), refused(422, 'unreadable_file', 'far.xlsx', 'row 400,000,000'))
  const sheetRows = (headerRow: number) => JSON.stringify({ file: 'Book1.xlsx', sheet: 'Receipts', headerRow, headers: ['Reference', 'Product', 'Lot', 'Qty'], rows: [{ row: headerRow + 1, cells: ['PO-1', 'MILK', 'L1', 1] }] })
  add('json-header-row-400000000', "the add-in's JSON with headerRow 400,000,000 (annotated answer)", `${receipts}&format=xlsx`, raw('application/json', sheetRows(400_000_000)), refused(400, 'validation_failed', 'headerRow'))
  add('csv-one-line', `a one-line CSV of ${Math.round(sizes.csvLine / 1e6)} MB`, receipts, fileUpload('line.csv', 'Reference,'.repeat(Math.ceil(sizes.csvLine / 10))), refused(422, 'unreadable_file', 'line.csv', 'line 1'))
  add('csv-long-field', 'a CSV field of 40,000 characters', receipts, fileUpload('field.csv', `Reference,Product,Lot,Qty\nPO-1,MILK,${'L'.repeat(40_000)},1\n`), refused(422, 'unreadable_file', 'field.csv', 'line 2'))
  add('zip-bomb', `shared strings inflating to ${(sizes.bomb / 1e9).toFixed(2)} GB`, receipts, fileUpload('bomb.xlsx', sharedStringsBomb(sizes.bomb)), refused(422, 'unreadable_file', 'bomb.xlsx', 'xl/sharedStrings.xml'))
  add('zip-bomb-lying', 'the same bomb, its headers claiming 1 MB', receipts, fileUpload('liar.xlsx', sharedStringsBomb(sizes.bomb, { claimedSize: 1_000_000 })), refused(422, 'unreadable_file', 'liar.xlsx', 'xl/sharedStrings.xml'))
  // Past a megabyte the text is refused as the part inflates; the split one reaches the parser and its cell check.
  add('giant-cell', `one cell of ${sizes.giantCell.toLocaleString('en-US')} characters`, receipts, fileUpload('cell.xlsx', giantCell(sizes.giantCell)), refused(422, 'unreadable_file', 'cell.xlsx', sizes.giantCell > XLSX_MAX_TEXT_RUN_BYTES ? 'in one piece' : 'cell A2'))
  add('giant-cell-split', 'the same cell, its text cut by XML comments', receipts, fileUpload('split.xlsx', giantCell(sizes.giantCell, { split: true })), refused(422, 'unreadable_file', 'split.xlsx', 'cell A2'))
  add('rows-over-limit', `${sizes.refusedRows.toLocaleString('en-US')} rows, the sheet before its shared strings, refused`, receipts, { contentType: multipartType, body: multipartBody('form-data; name="file"; filename="many.xlsx"', await receiptsWorkbook(sizes.refusedRows, 'NOPE')) }, sizes.refusedRows > IMPORT_ROWS_MAX ? refused(400, 'validation_failed', 'many.xlsx', 'more than 200,000 rows') : refused(422, 'import_refused', 'problem'))
  return out
}
