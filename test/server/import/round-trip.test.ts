import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { type Client, type TestServer } from '../../helpers/server'
import { seededServerPerTest } from '../../helpers/seeded-server'
import { upload } from '../../helpers/upload'

let server: TestServer
let api: Client

seededServerPerTest((s) => ((server = s), (api = s.admin)))

async function get(path: string): Promise<Buffer> {
  const res = await fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${api.token}` } })
  expect(res.status, path).toBe(200)
  return Buffer.from(await res.arrayBuffer())
}

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`)

/** The receipts template with two receipts typed into its data sheet, as a user fills it in Excel. */
async function filledReceiptsTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load((await get('/templates/receipts.xlsx')) as unknown as ExcelJS.Buffer)
  const ws = wb.getWorksheet('Receipts')!
  const headers = (ws.getRow(1).values as unknown[]).slice(1) as string[]
  const put = (row: number, values: Record<string, unknown>) => {
    for (const [header, value] of Object.entries(values)) {
      const column = headers.indexOf(header) + 1
      expect(column, header).toBeGreaterThan(0)
      ws.getRow(row).getCell(column).value = value as ExcelJS.CellValue
    }
  }
  put(2, { Reference: 'PO-7', Date: day('2026-11-20'), Supplier: 'Dairy Co', Product: 'MILK', 'Lot/Serial': 'M-7', Quantity: 12 })
  put(3, { Reference: 'PO-7', Date: day('2026-11-20'), Supplier: 'Dairy Co', Product: 'CHEESE', 'Lot/Serial': 'C-7', Quantity: 2.5, To: 'WH/Stock/Shelf 1', 'Expiration date': day('2027-03-01') })
  put(4, { Reference: 'PO-8', Date: day('2026-11-21'), Product: 'PHONE', 'Lot/Serial': 'SN-7', Quantity: 1 })
  return Buffer.from(await wb.xlsx.writeBuffer())
}

describe('round trips', () => {
  it('a filled-in template imports as it is, and again changes nothing', async () => {
    const file = await filledReceiptsTemplate()
    const first = await upload(server.url, api.token, 'kind=receipts', 'november receipts.xlsx', file)
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    expect(first.body.report).toMatchObject({ applied: true, rows: 3, sheet: 'Receipts', counts: { created: 2 }, unknownColumns: [], problems: [] })
    // The template's hidden lists sheet and its instructions are not data.
    expect((await api.get('/lots/MILK/M-7')).body).toMatchObject({ expirationDate: '2026-11-30', onHand: 12 })
    expect((await api.get('/lots/CHEESE/C-7')).body).toMatchObject({ expirationDate: '2027-03-01', onHand: 2.5 })
    const again = await upload(server.url, api.token, 'kind=receipts', 'november receipts.xlsx', file)
    expect(again.body.report).toMatchObject({ applied: true, counts: { created: 0, unchanged: 2 } })
    expect((await api.get('/lots/MILK/M-7')).body.onHand).toBe(12)
  })

  it('the Lots report re-imported as lots is recognised lot by lot, and an edited date is refused on its cell', async () => {
    await upload(server.url, api.token, 'kind=receipts', 'receipts.xlsx', await filledReceiptsTemplate())
    const registered = await api.post('/lots', { product: 'FLOUR', name: 'F-1', ref: 'MILL-22', expirationDate: '2027-05-31', bestBeforeDate: '2027-04-30' })
    expect(registered.status).toBe(201)
    const exported = await get('/exports/lots.xlsx')

    const back = await upload(server.url, api.token, 'kind=lots', 'Lots.xlsx', exported)
    expect(back.status, JSON.stringify(back.body)).toBe(200)
    expect(back.body.report).toMatchObject({ applied: true, rows: 4, counts: { created: 0, updated: 0, unchanged: 4 }, problems: [] })
    // The report's own facts (when each lot came in and was registered, what is on hand) are not lot fields.
    expect(back.body.report.unknownColumns).toEqual(['Received', 'On hand', 'Locations', 'Registered'])
    expect(back.body.report.statuses.map((s: { status: string }) => s.status)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged'])

    // Someone edits an expiration date in the report and imports it as lots: refused, on that cell.
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(exported as unknown as ExcelJS.Buffer)
    const ws = wb.worksheets[0]
    const headerRow = [1, 2, 3, 4, 5].find((n) => ws.getRow(n).getCell(1).value === 'Product')!
    const headers = (ws.getRow(headerRow).values as unknown[]).slice(1)
    let flourRow = 0
    ws.eachRow((row, n) => {
      if (row.getCell(2).value === 'F-1') flourRow = n
    })
    const expiry = headers.indexOf('Expiration') + 1
    ws.getRow(flourRow).getCell(expiry).value = day('2027-06-30')
    const edited = await upload(server.url, api.token, 'kind=lots', 'Lots.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))
    expect(edited.status).toBe(422)
    expect(edited.body.report.problems).toHaveLength(1)
    expect(edited.body.report.problems[0]).toMatchObject({ row: flourRow, column: String.fromCharCode(64 + expiry), code: 'exists_with_different_fields' })
    expect((await api.get('/lots/FLOUR/F-1')).body).toMatchObject({ ref: 'MILL-22', expirationDate: '2027-05-31' })
  })

  it('imported lots come out of the Lots report with their dates, cell by cell', async () => {
    await upload(server.url, api.token, 'kind=receipts', 'receipts.xlsx', await filledReceiptsTemplate())
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await get('/exports/lots.xlsx?product=MILK')) as unknown as ExcelJS.Buffer)
    const ws = wb.worksheets[0]
    const headerRow = [1, 2, 3, 4, 5].find((n) => ws.getRow(n).getCell(1).value === 'Product')!
    const row = ws.getRow(headerRow + 1)
    const values = (row.values as unknown[]).slice(1, 10)
    // Received: the receipt's date (PO-7, 2026-11-20); then the four dates.
    expect(values).toEqual(['MILK', 'M-7', undefined, day('2026-11-20'), day('2026-11-30'), day('2026-11-29'), day('2026-11-28'), day('2026-11-27'), 12])
    expect(ws.getRow(headerRow + 2).getCell(1).value ?? null).toBeNull()
  })
})
