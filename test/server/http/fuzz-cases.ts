/**
 * Requests that answered 5xx once, found by the fuzz test or reported against it: replayed on
 * every run before the random ones, so a fix that comes undone fails at once, whatever the seed.
 * They name the fuzz workspace's things (MILK is lot-tracked with 10 days of shelf life, Vendors
 * is built in). The token is added by the test.
 */
import type { WireRequest } from '../../helpers/wire'

type Case = Omit<WireRequest, 'headers'> & { contentType?: string }

const json = (value: unknown) => ({ contentType: 'application/json', body: JSON.stringify(value) })
const boundary = 'caseBoundary'
/** A multipart body of one file part; `name` goes into the part header as it is. */
const upload = (name: string, content: string | Uint8Array) => ({
  contentType: `multipart/form-data; boundary=${boundary}`,
  body: Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`, 'utf8'),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
  ]),
})

/** A receipt of MILK with `fields` changed, under its own id. */
const receipt = (id: string, fields: Record<string, unknown>): Case => ({
  method: 'POST', path: '/operations',
  ...json({ type: 'receipt', id, reference: 'CASE', lines: [{ product: 'MILK', lot: 'CASE', qty: 1 }], ...fields }),
})

/** Known cases by route (`POST /operations`). */
export const FUZZ_CASES: Record<string, Case[]> = {
  'POST /operations': [
    // Dates past the calendar's ends: RangeError: not an ISO date.
    { method: 'POST', path: '/operations', ...json({ type: 'adjustment', id: 'case-adjust-9999', reference: '!', date: '9999-12-31T23:59:59Z', lines: [{ product: 'MILK', location: 'Vendors', countedQty: 0.5 }] }) },
    receipt('case-last-day', { date: '9999-12-31' }),
    receipt('case-last-second-west', { date: '9999-12-31T23:59:59-23:59' }),
    receipt('case-year-zero', { date: '0000-01-01T00:00:00Z' }),
    // An expiration date computed past 9999.
    receipt('case-produced-last-day', { lines: [{ product: 'MILK', lot: 'CASE-PROD', qty: 1, productionDate: '9999-12-31' }] }),
  ],
  'POST /imports': [
    // Multipart that is not: "Failed to parse body as FormData".
    { method: 'POST', path: '/imports?kind=products', contentType: 'multipart/form-data', body: 'no boundary at all' },
    { method: 'POST', path: '/imports?kind=lots', contentType: `multipart/form-data; boundary=${boundary}`, body: '' },
    { method: 'POST', path: '/imports?kind=lots', contentType: `multipart/form-data; boundary=${boundary}`, body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a"b.csv"\r\n\r\nSKU,Name\r\n--${boundary}--\r\n` },
    // Workbooks that are not: exceljs's and unzipper's errors ("invalid signature").
    { method: 'POST', path: '/imports?kind=products&dryRun=true', ...upload('stock.xlsx', new Uint8Array([0xca, 0xa7, 0x1b, 0x4d, 0x26, 0x06, 0x23])) },
    { method: 'POST', path: '/imports?kind=products', ...upload('stock.xlsx', '') },
    { method: 'POST', path: '/imports?kind=products', ...upload('stock.xlsx', 'SKU,Name\r\nA,B\r\n') },
    // The file's name in the annotated workbook's Content-Disposition: a lone surrogate (URIError), a NUL.
    { method: 'POST', path: '/imports?kind=receipts&dryRun=true&format=xlsx', ...json({ file: '\ud800', sheet: 'Receipts', headerRow: 1, headers: ['Reference', 'Product', 'Quantity'], rows: [] }) },
    { method: 'POST', path: '/imports?kind=receipts&dryRun=true&format=xlsx', ...upload('nul\u0000.csv', 'Reference,Product,Quantity\r\n') },
    // An empty CSV asked for annotated: the answer broke off midway.
    { method: 'POST', path: '/imports?kind=receipts&dryRun=true&format=xlsx', ...upload('empty.csv', '') },
  ],
}

/** `c` as the request the test sends, with `token`. */
export function caseRequest(c: Case, token: string): WireRequest {
  const { contentType, ...rest } = c
  return { ...rest, headers: { authorization: `Bearer ${token}`, ...(contentType === undefined ? {} : { 'content-type': contentType }) } }
}
