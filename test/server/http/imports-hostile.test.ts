import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ErrorBody } from '../../../shared/schemas/error'
import { TestClock } from '../../helpers/clock'
import { seedCatalogue } from '../../helpers/fixtures'
import { fileUpload, hostileRequests, receiptsWorkbook, TEST_SIZES, type HostileRequest } from '../../helpers/hostile-files'
import { startServer, type TestServer } from '../../helpers/server'
import { zipEntryText } from '../../helpers/zip'

const HOSTILE = await hostileRequests(TEST_SIZES)

let server: TestServer
let temp: string
let tmpBefore: string | undefined

// exceljs buffers sheets in temporary files under os.tmpdir(): each test gets a folder of its own to watch.
beforeEach(async () => {
  server = await startServer({ clock: new TestClock('2026-11-27T10:00:00Z') })
  await seedCatalogue(server.admin)
  tmpBefore = process.env.TMPDIR
  temp = await mkdtemp(join(tmpdir(), 'lotledger-import-tmp-'))
  process.env.TMPDIR = temp
})
afterEach(async () => {
  if (tmpBefore === undefined) delete process.env.TMPDIR
  else process.env.TMPDIR = tmpBefore
  await rm(temp, { recursive: true, force: true })
  await server.close()
})

async function send(h: Pick<HostileRequest, 'query' | 'contentType' | 'body'>) {
  const res = await fetch(`${server.url}/api/v1/imports?${h.query}`, {
    method: 'POST', headers: { authorization: `Bearer ${server.admin.token}`, 'content-type': h.contentType }, body: new Uint8Array(h.body),
  })
  const bytes = Buffer.from(await res.arrayBuffer())
  const text = bytes.toString((res.headers.get('content-type') ?? '').includes('json') ? 'utf8' : 'latin1')
  return { status: res.status, headers: res.headers, text, body: (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : null }
}

describe('broken and hostile uploads', () => {
  it.each(HOSTILE.map((h) => [h.name, h] as const))('%s: answered as expected, naming what is wrong, nothing applied, no temporary file left', async (_, h) => {
    const r = await send(h)
    expect({ status: r.status, code: r.body?.error?.code }).toEqual({ status: h.expected.status, code: h.expected.code })
    expect(ErrorBody.parse(r.body)).toMatchObject({ error: { code: h.expected.code } })
    for (const text of h.expected.mentions) expect(r.body.error.message).toContain(text)
    // A refusal of the whole file quotes at most a short excerpt of what was sent, however large.
    if (h.expected.code !== 'import_refused') expect(r.text.length).toBeLessThan(1000)
    expect((await server.admin.get('/operations')).body.operations).toEqual([])
    expect(await readdir(temp)).toEqual([])
  })

  it('a refused file that is not a workbook says so in a sentence naming the file', async () => {
    const r = await send({ query: 'kind=receipts', ...fileUpload('Stock 2026.xlsx', 'Reference,Product,Lot,Qty\nPO-1,MILK,L1,1\n') })
    expect(r.body.error).toEqual({
      code: 'unreadable_file',
      message: 'Stock 2026.xlsx cannot be read: it is not an Excel workbook (.xlsx) but text: a CSV file is read as one when its name ends in .csv',
      details: [{ path: 'file', message: 'it is not an Excel workbook (.xlsx) but text: a CSV file is read as one when its name ends in .csv' }],
    })
  })

  it('a workbook whose sheet comes before its shared strings, as exceljs writes it, leaves no temporary file, imported or refused', async () => {
    const imported = await send({ query: 'kind=receipts', ...fileUpload('good.xlsx', await receiptsWorkbook(250)) })
    expect(imported.status).toBe(200)
    expect(imported.body.report).toMatchObject({ applied: true, rows: 250, counts: { created: 3 } })
    const refused = await send({ query: 'kind=receipts', ...fileUpload('bad.xlsx', await receiptsWorkbook(250, 'NOPE')) })
    expect(refused.status).toBe(422)
    expect(refused.body.report.problems).toHaveLength(250)
    expect(await readdir(temp)).toEqual([])
  })

  it('a client that hangs up after sending leaves the import to finish, and no temporary file behind', async () => {
    const upload = fileUpload('gone.xlsx', await receiptsWorkbook(300))
    const u = new URL(`${server.url}/api/v1/imports?kind=receipts`)
    await new Promise<void>((done) => {
      const req = request({ host: u.hostname, port: u.port, method: 'POST', path: `${u.pathname}${u.search}`, headers: { authorization: `Bearer ${server.admin.token}`, 'content-type': upload.contentType, 'content-length': upload.body.length } })
      req.on('error', () => done())
      req.end(upload.body, () => {
        req.destroy()
        done()
      })
    })
    // The import goes on without its client: once its operations are there, it is over.
    for (let i = 0; i < 200 && (await server.admin.get('/operations?reference=PO-2')).body.operations.length === 0; i++) await new Promise((r) => setTimeout(r, 25))
    expect((await server.admin.get('/operations?reference=PO-2')).body.operations).toHaveLength(1)
    expect(await readdir(temp)).toEqual([])
  })

  it("names the annotated copy of the add-in's rows even when the workbook's name holds half a character", async () => {
    const body = { file: 'Stock \ud800.xlsx', sheet: 'Receipts', headerRow: 1, headers: ['Reference', 'Product', 'Lot', 'Qty'], rows: [] }
    const r = await send({ query: 'kind=receipts&dryRun=true&format=xlsx', contentType: 'application/json', body: Buffer.from(JSON.stringify(body)) })
    expect(r.status).toBe(200)
    expect(r.headers.get('content-disposition')).toBe('attachment; filename="Stock _ (checked).xlsx"; filename*=UTF-8\'\'Stock%20%EF%BF%BD%20%28checked%29.xlsx')
  })

  it('hands back an empty file annotated, its Status header on row 1', async () => {
    const r = await send({ query: 'kind=receipts&format=xlsx', ...fileUpload('empty.csv', '') })
    expect(r.status).toBe(422)
    expect(JSON.parse(r.headers.get('x-lotledger-import')!)).toMatchObject({ applied: false, rows: 0 })
    expect(zipEntryText(Buffer.from(r.text, 'latin1'), 'xl/worksheets/sheet1.xml')).toContain('<row r="1"')
  })

  it("takes the add-in's rows only in order below the header row", async () => {
    const body = { file: 'Book1.xlsx', sheet: 'Receipts', headerRow: 2, headers: ['Reference', 'Product', 'Lot', 'Qty'], rows: [{ row: 5, cells: ['PO-1', 'MILK', 'L1', 1] }, { row: 4, cells: ['PO-2', 'MILK', 'L2', 1] }] }
    const r = await send({ query: 'kind=receipts&format=xlsx', contentType: 'application/json', body: Buffer.from(JSON.stringify(body)) })
    expect(r.status).toBe(400)
    expect(r.body.error).toEqual({
      code: 'validation_failed', message: 'invalid sheet rows: rows[1].row: row 4 is not below row 5: rows come in order under the header row',
      details: [{ path: 'rows[1].row', message: 'row 4 is not below row 5: rows come in order under the header row' }],
    })
  })

  it('quotes a long cell in a problem by its start and end, and a long unknown header by its start', async () => {
    const csv = `Reference,Product,Lot,Qty,${'C'.repeat(5000)}\nPO-1,MILK,L1,${'x'.repeat(30_000)},\n`
    const r = await send({ query: 'kind=receipts', ...fileUpload('long.csv', csv) })
    expect(r.status).toBe(422)
    const [problem] = r.body.report.problems
    expect(problem).toMatchObject({ row: 2, column: 'D', code: 'invalid_value' })
    expect(problem.message).toMatch(/^Quantity: "x{100,}… \(29,\d{3} characters left out\) …x{100,}" is not a number$/)
    expect(problem.message.length).toBeLessThanOrEqual(400)
    expect(r.body.report.unknownColumns).toEqual([`${'C'.repeat(99)}…`])
  })
})
