import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { matchHeaders } from '../../../shared/import/headers'
import { IMPORT_KINDS, KINDS, type ImportKind } from '../../../shared/import/kinds'
import { HEADER_FILL, LISTS_SHEET, TEMPLATE_FORMATS } from '../../../shared/import/templates'
import { columnLetter, XLSX_MIME } from '../../../shared/xlsx'
import { seedCatalogue } from '../../helpers/fixtures'
import { startServer, type Client, type TestServer } from '../../helpers/server'
import { zipEntryText } from '../../helpers/zip'

let server: TestServer
let admin: Client
let viewer: Client

beforeAll(async () => {
  server = await startServer()
  admin = server.admin
  await seedCatalogue(admin)
  await admin.put('/products/00123', { name: 'Leading zeros', tracking: 'serial' })
  await admin.patch('/settings', { timeZone: 'America/New_York', dateFormat: 'MDY' })
  viewer = await server.clientFor('viewer')
})
afterAll(async () => server?.close())

interface Fetched {
  status: number
  headers: Headers
  bytes: Uint8Array
}

async function fetchTemplate(path: string, token: string | null): Promise<Fetched> {
  const res = await fetch(`${server.url}/api/v1${path}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } })
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) }
}

async function workbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer)
  return wb
}

type Validations = Record<string, ExcelJS.DataValidation | undefined>
const validationsOf = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: { model: Validations } }).dataValidations.model

/** Case-insensitive order, as the templates sort their lists. */
const sorted = (values: string[]) => [...values].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : a < b ? -1 : 1))

const cache = new Map<ImportKind, Promise<Fetched>>()
const template = (kind: ImportKind) => {
  if (!cache.has(kind)) cache.set(kind, fetchTemplate(`/templates/${kind}.xlsx`, viewer.token))
  return cache.get(kind)!
}

const books = new Map<ImportKind, Promise<ExcelJS.Workbook>>()
const book = (kind: ImportKind) => {
  if (!books.has(kind)) books.set(kind, template(kind).then((res) => workbook(res.bytes)))
  return books.get(kind)!
}

describe('GET /templates/{kind}.xlsx', () => {
  it.each(IMPORT_KINDS)('%s: an .xlsx named by Content-Disposition, data sheet first, then Instructions, then the hidden lists', async (kind) => {
    const res = await template(kind)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe(XLSX_MIME)
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="lotledger ${kind} template.xlsx"; filename*=UTF-8''${encodeURIComponent(`lotledger ${kind} template.xlsx`)}`,
    )
    const wb = await book(kind)
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([[KINDS[kind].sheet, 'visible'], ['Instructions', 'visible'], [LISTS_SHEET, 'hidden']])
  })

  it.each(IMPORT_KINDS)('%s: the KINDS headers in order, mapping back to their fields; required ones bold on amber; widths; frozen header', async (kind) => {
    const ws = (await book(kind)).worksheets[0]
    const spec = KINDS[kind].columns
    const headers = spec.map((_, i) => ws.getCell(1, i + 1).value)
    expect(headers).toEqual(spec.map((c) => c.header))
    expect(ws.getCell(1, spec.length + 1).value).toBeNull()
    const read = matchHeaders(headers.map(String), spec.map((c) => c.field)).columns
    spec.forEach((c, i) => {
      expect(read[c.field], c.header).toBe(i)
      const cell = ws.getCell(1, i + 1)
      expect(Boolean(cell.font?.bold), c.header).toBe(c.required)
      expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${(c.required ? HEADER_FILL.required : HEADER_FILL.optional).slice(1)}`)
      expect(ws.getColumn(i + 1).width).toBe(Math.max(c.width, c.header.length + 3))
    })
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
  })

  it.each(IMPORT_KINDS)('%s: number formats by value kind on rows 2 to 5001 only', async (kind) => {
    const ws = (await book(kind)).worksheets[0]
    KINDS[kind].columns.forEach((c, i) => {
      for (const row of [2, 1234, 5001]) expect(ws.getCell(row, i + 1).numFmt, `${c.header} row ${row}`).toBe(TEMPLATE_FORMATS[c.value])
      expect(ws.getCell(5002, i + 1).numFmt).toBeUndefined()
    })
    const dates = KINDS[kind].columns.filter((c) => c.value === 'date')
    for (const c of dates) expect(TEMPLATE_FORMATS[c.value]).toBe('yyyy-mm-dd')
  })

  it.each(IMPORT_KINDS)('%s: one range-level list validation per listed column, rows 2 to 5001, on the defined names', async (kind) => {
    const res = await template(kind)
    const ws = (await book(kind)).worksheets[0]
    const model = validationsOf(ws)
    const expected: string[] = []
    KINDS[kind].columns.forEach((c, i) => {
      const letter = columnLetter(i + 1)
      if (!c.list) {
        expect(model[`${letter}2`], c.header).toBeUndefined()
        return
      }
      const name = { products: 'lotledger_products', locations: 'lotledger_locations', tracking: 'lotledger_tracking', locationKinds: 'lotledger_location_kinds', roles: 'lotledger_roles', partnerKinds: 'lotledger_partner_kinds' }[c.list]
      for (const row of [2, 3000, 5001]) {
        expect(model[`${letter}${row}`], `${c.header} row ${row}`).toMatchObject({
          type: 'list', allowBlank: true, formulae: [name], showErrorMessage: true, errorStyle: c.list === 'products' || c.list === 'locations' ? 'warning' : 'stop',
        })
      }
      expect(model[`${letter}5002`]).toBeUndefined()
      expect(model[`${letter}1`]).toBeUndefined()
      expected.push(`${letter}2:${letter}5001`)
    })
    const xml = zipEntryText(res.bytes, 'xl/worksheets/sheet1.xml')!
    expect([...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1])).toEqual(expected)
  })

  it('fills the lists sheet with the workspace\'s products and locations, under defined names', async () => {
    const wb = await book('receipts')
    const lists = wb.getWorksheet(LISTS_SHEET)!
    const column = (n: number) => {
      const out: unknown[] = []
      lists.getColumn(n).eachCell((cell) => void (cell.value !== null && out.push(cell.value)))
      return out
    }
    const skus = ((await admin.get('/products')).body.products as Array<{ sku: string }>).map((p) => p.sku)
    const codes = ((await admin.get('/locations')).body.locations as Array<{ code: string }>).map((l) => l.code)
    expect(column(1)).toEqual(['Products (SKU)', ...sorted(skus)])
    expect(column(1)).toContain('00123')
    expect(lists.getCell('A2').value).toBe('00123')
    expect(column(2)).toEqual(['Locations (code)', ...sorted(codes)])
    expect(column(3)).toEqual(['Tracking', 'none', 'lot', 'serial'])
    expect(column(4)).toEqual(['Location kinds', 'internal', 'transit', 'supplier', 'customer', 'production', 'adjustment', 'scrap'])
    expect(column(5)).toEqual(['Consume/Produce', 'consume', 'produce'])
    expect(column(6)).toEqual(['Partner kinds', 'supplier', 'farm', 'exempt_supplier', 'customer'])
    const names = Object.fromEntries(wb.definedNames.model.map((n) => [n.name, n.ranges]))
    expect(names).toEqual({
      lotledger_products: [`'${LISTS_SHEET}'!$A$2:$A$${skus.length + 1}`],
      lotledger_locations: [`'${LISTS_SHEET}'!$B$2:$B$${codes.length + 1}`],
      lotledger_tracking: [`'${LISTS_SHEET}'!$C$2:$C$4`],
      lotledger_location_kinds: [`'${LISTS_SHEET}'!$D$2:$D$8`],
      lotledger_roles: [`'${LISTS_SHEET}'!$E$2:$E$3`],
      lotledger_partner_kinds: [`'${LISTS_SHEET}'!$F$2:$F$5`],
    })
  })

  it('writes the instructions: title, purpose, the kind\'s instructions, the columns table, the rules, workspace and time', async () => {
    const wb = await book('receipts')
    const ws = wb.getWorksheet('Instructions')!
    const rows: string[][] = []
    ws.eachRow({ includeEmpty: true }, (row) => void rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))))
    const first = rows.map((r) => r[0] ?? '')
    expect(first[0]).toBe('Receipts: import template')
    expect(ws.getCell('A1').font?.bold).toBe(true)
    expect(first[1]).toMatch(/^Workspace default · generated \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(America\/New_York\)$/)
    expect(first).toContain('What it is for')
    for (const line of KINDS.receipts.instructions) expect(first).toContain(line)
    const header = rows.findIndex((r) => r[0] === 'Column')
    expect(rows[header]).toEqual(['Column', 'Required', 'Format', 'What goes in it'])
    const table = rows.slice(header + 1, header + 1 + KINDS.receipts.columns.length)
    expect(table.map((r) => r[0])).toEqual(KINDS.receipts.columns.map((c) => c.header))
    expect(table.map((r) => r[1])).toEqual(KINDS.receipts.columns.map((c) => (c.required ? 'yes' : 'no')))
    expect(table.map((r) => r[3])).toEqual(KINDS.receipts.columns.map((c) => c.help))
    expect(table.find((r) => r[0] === 'Date')![2]).toBe('Date (yyyy-mm-dd)')
    expect(first.find((s) => s.startsWith('Date columns'))).toContain('month first (12/31/2026)')
    expect(first.some((s) => s.startsWith('Quantities:'))).toBe(true)
    // Wrapped text gets room: rows are as tall as their text needs.
    const purpose = first.indexOf('What it is for') + 2
    expect(ws.getRow(purpose).height).toBeGreaterThanOrEqual(15)
  })

  it('answers a viewer, not a caller without a valid token', async () => {
    expect((await template('products')).status).toBe(200)
    const none = await fetchTemplate('/templates/products.xlsx', null)
    expect(none.status).toBe(401)
    expect(JSON.parse(Buffer.from(none.bytes).toString()).error.code).toBe('unauthorized')
    expect((await fetchTemplate('/templates/products.xlsx', 'll_nope')).status).toBe(401)
  })

  it('answers 404 for a kind it does not know', async () => {
    for (const path of ['/templates/stock.xlsx', '/templates/receipts', '/templates/receipts.csv', '/templates/RECEIPTS.xlsx']) {
      const res = await fetchTemplate(path, viewer.token)
      expect(res.status, path).toBe(404)
      const body = JSON.parse(Buffer.from(res.bytes).toString())
      expect(body.error.code).toBe('not_found')
    }
  })

  it('is documented in the OpenAPI document with its kinds', async () => {
    const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json()
    const op = doc.paths['/api/v1/templates/{kind}.xlsx'].get
    expect(op.parameters).toEqual([expect.objectContaining({ name: 'kind', in: 'path', schema: expect.objectContaining({ enum: [...IMPORT_KINDS] }) })])
    expect(Object.keys(op.responses['200'].content)).toEqual([XLSX_MIME])
    expect(op.security).toEqual([{ bearer: [] }])
  })
})
