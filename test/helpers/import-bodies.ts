/**
 * Bodies for POST /imports, whose OpenAPI document describes no JSON body: CSV files with a kind's
 * headers (from the same definitions the import reads) and cells good and bad, random bytes under
 * workbook names, broken multipart, and the add-in's JSON sheet (SheetRows).
 */
import fc from 'fast-check'
import { IMPORT_KINDS, KINDS } from '../../shared/import/kinds'
import { hostileDate, hostileNumber, hostileString } from './hostile-values'

/** A body and the content type it goes with. */
export interface ImportBody {
  contentType?: string
  body?: string | Uint8Array
}

// Row numbers stay far below Excel's last row: work bounded by the sheet's size is another test's matter.
const ROW_MAX = 5000

/** One cell: a value from the workspace, an edge value, or empty. */
function cell(pools: Readonly<Record<string, readonly string[]>>): fc.Arbitrary<string | number | boolean | null> {
  const known = Object.values(pools).flat()
  return fc.oneof(
    { arbitrary: fc.constantFrom(...known), weight: 4 },
    { arbitrary: fc.integer({ min: 1, max: 100 }), weight: 2 },
    { arbitrary: hostileDate, weight: 2 },
    { arbitrary: hostileNumber, weight: 1 },
    { arbitrary: hostileString, weight: 1 },
    { arbitrary: fc.constantFrom(null, true, false, ''), weight: 1 },
  )
}

/** A kind's headers (now and then one left out, or an unknown one added) and rows of cells. */
function sheet(pools: Readonly<Record<string, readonly string[]>>) {
  return fc
    .record({
      kind: fc.constantFrom(...IMPORT_KINDS),
      drop: fc.nat(12),
      extra: fc.option(hostileString, { nil: undefined }),
      rows: fc.array(fc.array(cell(pools), { maxLength: 12 }), { maxLength: 6 }),
    })
    .map(({ kind, drop, extra, rows }) => {
      const headers = KINDS[kind].columns.map((c) => c.header).filter((_, i) => i !== drop)
      return { headers: extra === undefined ? headers : [...headers, extra], rows }
    })
}

const csvField = (v: unknown) => {
  const s = v === null ? '' : String(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** File names: ordinary ones, and ones that break headers and paths. */
const fileName = fc.constantFrom(
  'stock.csv', 'stock.xlsx', 'Stock.CSV', 'notes.txt', 'no-extension', '.csv', 'a"b.csv', '日本.csv', '🧪.xlsx', '\u202ecsv.xlsx',
  'nul\u0000.csv', '../../etc/passwd.csv', `${'x'.repeat(300)}.csv`,
)

/** A multipart body holding one part named `field` with `content`. */
function multipart(boundary: string, field: string, name: string, type: string, content: Uint8Array): Uint8Array {
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`
  return Buffer.concat([Buffer.from(head, 'utf8'), content, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')])
}

/** The bodies of an import request. */
export function importBody(pools: Readonly<Record<string, readonly string[]>>): fc.Arbitrary<ImportBody> {
  const boundary = 'fuzzBoundary7MA4YWxk'
  const type = `multipart/form-data; boundary=${boundary}`
  const csv = fc
    .tuple(sheet(pools), fileName, fc.constantFrom('\r\n', '\n'), fc.boolean())
    .map(([s, name, eol, broken]): ImportBody => {
      const text = [s.headers, ...s.rows].map((r) => r.map(csvField).join(',')).join(eol)
      // An unclosed quote: a CSV reader must not read to the end of the world.
      const content = broken ? `${text}${eol}"unclosed,${text}` : text
      return { contentType: type, body: multipart(boundary, 'file', name, 'text/csv', Buffer.from(content, 'utf8')) }
    })
  const bytes = fc
    .tuple(fc.uint8Array({ maxLength: 2048 }), fileName, fc.constantFrom('file', 'upload'))
    .map(([content, name, field]): ImportBody => ({ contentType: type, body: multipart(boundary, field, name, 'application/octet-stream', content) }))
  const brokenMultipart = fc.constantFrom<ImportBody>(
    { contentType: 'multipart/form-data', body: 'no boundary at all' },
    { contentType: type, body: 'garbage that never names the boundary' },
    { contentType: type, body: '' },
    { contentType: type, body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a"b.csv"\r\n\r\nSKU,Name\r\n--${boundary}--\r\n` },
    { contentType: type, body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\n\r\nSKU,Name\r\nA,B` },
    { contentType: 'multipart/form-data; boundary=', body: '--\r\n\r\n----' },
    { contentType: 'text/csv', body: 'SKU,Name\r\nA,B' },
    {},
  )
  const json = fc
    .record({
      sheet: sheet(pools),
      file: fc.oneof(fileName, hostileString),
      name: fc.oneof(fc.constantFrom('Sheet1', 'Receipts'), hostileString),
      headerRow: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, -1, 1.5, ROW_MAX)),
      firstRow: fc.integer({ min: 1, max: ROW_MAX }),
    })
    .map(({ sheet: s, file, name, headerRow, firstRow }): ImportBody => ({
      contentType: 'application/json',
      body: JSON.stringify({ file, sheet: name, headerRow, headers: s.headers, rows: s.rows.map((cells, i) => ({ row: firstRow + i, cells })) }),
    }))
  return fc.oneof({ arbitrary: csv, weight: 4 }, { arbitrary: json, weight: 3 }, { arbitrary: bytes, weight: 1 }, { arbitrary: brokenMultipart, weight: 1 })
}
