/**
 * Text that would turn into a formula when its cell is edited (`=`, `+`, `-`, `@` first) is
 * written as quoted text in every file the server makes: each report and the import templates,
 * downloaded from a real server and read back as the file holds it (the xf record's quotePrefix
 * in styles.xml), on exactly those cells.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type TestServer } from '../../helpers/server'
import { textCells, type TextCell } from '../../helpers/xlsx-quoted'
import { download, record } from './helpers'

let server: TestServer
const enc = encodeURIComponent

const PRODUCT = '-20C'
const NAME = '=HYPERLINK("https://example.com","Click")'
const LOT = '-L1'
const SHELF = '@Dock'
const SUPPLIER = '+32 2 555 01 23'
const CUSTOMER = '=cmd|\' /C calc\'!A0'
const RECEIPT = '=1+1'
const DELIVERY = '@SO-1'

beforeAll(async () => {
  server = await startServer()
  const api = server.admin
  expect((await api.put(`/products/${enc(PRODUCT)}`, { name: NAME, tracking: 'lot', expiry: { expirationDays: 10 } })).status).toBe(201)
  expect((await api.put('/products/PLAIN', { name: 'Plain bolt' })).status).toBe(201)
  expect((await api.put(`/locations/${enc(SHELF)}`, { name: '-1 floor', kind: 'internal' })).status).toBe(201)
  await record(api, { type: 'receipt', reference: RECEIPT, partner: SUPPLIER, lines: [{ product: PRODUCT, qty: 5, lot: LOT, to: SHELF }, { product: 'PLAIN', qty: 3 }] })
  await record(api, { type: 'delivery', reference: DELIVERY, partner: CUSTOMER, lines: [{ product: PRODUCT, qty: 1, lot: LOT, from: SHELF }] })
})
afterAll(async () => server?.close())

/** The text cells of a file the server answered with. */
async function cellsOf(path: string): Promise<TextCell[]> {
  const res = path.startsWith('templates/')
    ? await fetch(`${server.url}/api/v1/${path}`, { headers: { authorization: `Bearer ${server.admin.token}` } }).then(async (r) => ({ status: r.status, bytes: Buffer.from(await r.arrayBuffer()) }))
    : await download(server.url, server.admin, path)
  expect(res.status, path).toBe(200)
  return textCells(res.bytes)
}

/** Quoted exactly where the text would become a formula; `expected` among those. */
function expectQuotedWhereNeeded(cells: TextCell[], expected: string[]): void {
  const formulaLike = (t: string) => /^[=+\-@\t\r]/.test(t)
  for (const text of expected) expect(cells.filter((c) => c.text === text).length, text).toBeGreaterThan(0)
  for (const c of cells) expect(c.quoted, `${c.sheet} ${c.ref} ${JSON.stringify(c.text)}`).toBe(formulaLike(c.text))
  // Plain text is there too, unquoted: the check above is not about an empty file.
  expect(cells.some((c) => !c.quoted)).toBe(true)
}

describe('text that would become a formula is quoted text in every file the server writes', () => {
  it('the moves report', async () => {
    expectQuotedWhereNeeded(await cellsOf('moves.xlsx'), [PRODUCT, LOT, SHELF, RECEIPT, DELIVERY])
  })

  it('the stock, lots and expiring reports', async () => {
    expectQuotedWhereNeeded(await cellsOf('stock.xlsx'), [PRODUCT, LOT, SHELF])
    expectQuotedWhereNeeded(await cellsOf('lots.xlsx'), [PRODUCT, LOT])
    await cellsOf('expiring.xlsx').then((cells) => expectQuotedWhereNeeded(cells, []))
  })

  it('the traceability and recall reports, indented levels included', async () => {
    expectQuotedWhereNeeded(await cellsOf(`trace.xlsx?product=${enc(PRODUCT)}&lot=${enc(LOT)}`), [RECEIPT, DELIVERY, PRODUCT, LOT])
    expectQuotedWhereNeeded(await cellsOf(`recall.xlsx?product=${enc(PRODUCT)}&lot=${enc(LOT)}`), [PRODUCT, LOT])
  })

  it('the delivery slip, its header lines (reference, partner) included', async () => {
    expectQuotedWhereNeeded(await cellsOf(`delivery-slip.xlsx?reference=${enc(DELIVERY)}`), [DELIVERY, CUSTOMER, NAME])
  })

  it('the audit report', async () => {
    await cellsOf('audit.xlsx').then((cells) => expectQuotedWhereNeeded(cells, []))
  })

  it('the import templates, whose lists hold the workspace\'s product and location codes', async () => {
    expectQuotedWhereNeeded(await cellsOf('templates/receipts.xlsx'), [PRODUCT, SHELF])
  })
})
