/**
 * The checked workbook (POST /imports?format=xlsx) as a person uses it: checked, fixed in Excel
 * and uploaded again. Its Status column sits right of the header whatever a row holds, is reused
 * rather than doubled, and is never read as data. Real .xlsx files through a real server.
 */
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { type Client, type TestServer } from '../../helpers/server'
import { seededServerPerTest } from '../../helpers/seeded-server'
import { upload, workbook } from '../../helpers/upload'
import { textCells } from '../../helpers/xlsx-quoted'

let server: TestServer
let api: Client

seededServerPerTest((s) => ((server = s), (api = s.admin)))

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`)
const onHand = async (product: string) => (await api.get(`/stock?product=${product}`)).body.quants.reduce((s: number, q: { qty: number }) => s + q.qty, 0)

/** A receipts sheet whose last column (Expiration date) is blank on most rows, and a bad product on row 3. */
const rows = [
  ['Reference', 'Date', 'Supplier', 'Product', 'Lot', 'Qty', 'Expiration date'],
  ['PO-1', day('2026-11-20'), 'Dairy Co', 'MILK', 'M-1', 10, null],
  ['PO-1', day('2026-11-20'), 'Dairy Co', 'NOPE', 'C-1', 2, null],
  ['PO-2', day('2026-11-21'), '=SUM(1,2)', 'FLOUR', 'F-1', 5, day('2027-05-31')],
]

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as never)
  return wb
}

/** Row `n`'s cells from A, as exceljs reads them. */
const cells = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1)

describe('the checked workbook', () => {
  it('fixed and uploaded again, it imports: its Status column is rewritten in place, never read as data', async () => {
    const checked = await upload(server.url, api.token, 'kind=receipts&dryRun=true&format=xlsx', 'receipts.xlsx', await workbook('Receipts', rows))
    expect(checked.status).toBe(422)
    const wb = await load(checked.bytes!)
    const ws = wb.getWorksheet('Receipts')!
    // One column right of the header's last, on every row: rows ending in blanks included.
    expect(cells(ws, 1)).toEqual([...rows[0], 'Status'])
    expect(ws.getCell('H2').value).toBe('OK')
    expect(ws.getCell('H3').value).toBe('Error: D: no product "NOPE" (not a SKU, GTIN or product name)')
    expect(ws.getCell('H4').value).toBe('OK')
    expect(ws.getCell('G2').value ?? null).toBeNull()
    // Text a spreadsheet would run as a formula once edited is quoted text; other text is not.
    const quoted = textCells(checked.bytes!).filter((c) => c.sheet === 'xl/worksheets/sheet1.xml')
    expect(quoted.find((c) => c.ref === 'C4')).toEqual({ sheet: 'xl/worksheets/sheet1.xml', ref: 'C4', text: '=SUM(1,2)', quoted: true })
    expect(quoted.filter((c) => c.quoted).map((c) => c.ref)).toEqual(['C4'])

    // The user fixes row 3 in the checked file and uploads it as it is, its Status column included.
    ws.getCell('D3').value = 'CHEESE'
    const fixed = Buffer.from(await wb.xlsx.writeBuffer())
    const check = await upload(server.url, api.token, 'kind=receipts&dryRun=true', 'receipts (checked).xlsx', fixed)
    expect(check.status, JSON.stringify(check.body)).toBe(200)
    expect(check.body.report).toMatchObject({ sheet: 'Receipts', rows: 3, unknownColumns: [], problems: [], counts: { created: 2 } })

    const imported = await upload(server.url, api.token, 'kind=receipts&format=xlsx', 'receipts (checked).xlsx', fixed)
    expect(imported.status).toBe(200)
    expect(JSON.parse(imported.headers.get('x-lotledger-import')!)).toMatchObject({ applied: true, rows: 3, problems: 0 })
    const after = (await load(imported.bytes!)).getWorksheet('Receipts')!
    expect(cells(after, 1)).toEqual([...rows[0], 'Status'])
    expect(['H2', 'H3', 'H4'].map((ref) => after.getCell(ref).value)).toEqual(['Imported', 'Imported', 'Imported'])
    expect(after.getCell('I1').value ?? null).toBeNull()
    expect(await onHand('MILK')).toBe(10)
    expect(await onHand('CHEESE')).toBe(2)
    expect((await api.get('/operations?reference=PO-2')).body.operations[0].partner).toBe('=SUM(1,2)')

    // Once more, the imported copy: every row Already imported, nothing doubled.
    const again = await upload(server.url, api.token, 'kind=receipts&format=xlsx', 'receipts (checked) (checked).xlsx', imported.bytes!)
    expect(again.status).toBe(200)
    const third = (await load(again.bytes!)).getWorksheet('Receipts')!
    expect(['H2', 'H3', 'H4'].map((ref) => third.getCell(ref).value)).toEqual(['Already imported', 'Already imported', 'Already imported'])
    expect(await onHand('MILK')).toBe(10)
  })

  it('the pane\'s sheet with the Status column it wrote earlier: the column is the import\'s own, not data', async () => {
    const res = await fetch(`${server.url}/api/v1/imports?kind=receipts`, {
      method: 'POST', headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        file: 'Book1.xlsx', sheet: 'Receipts', headerRow: 1, headers: ['Reference', 'Product', 'Lot', 'Qty', 'Status'],
        rows: [{ row: 2, cells: ['PO-9', 'MILK', 'M-9', 2, 'Error: B: no product "MLK"'] }, { row: 3, cells: ['PO-9', 'CHEESE', 'C-9', 1, 'OK'] }],
      }),
    })
    const body = await res.json()
    expect(res.status, JSON.stringify(body)).toBe(200)
    expect(body.report).toMatchObject({ applied: true, unknownColumns: [], problems: [], counts: { created: 1 } })
    expect(await onHand('MILK')).toBe(2)
  })

  it('the Problems sheet says every problem with its sheet, row, column and code, in row order and plain words', async () => {
    const bad = [
      rows[0],
      ['PO-1', day('2026-11-20'), 'Dairy Co', 'MILK', null, 10, null],
      ['PO-1', day('2026-11-20'), 'Dairy Co', 'CHEESE', 'C-1', -3, null],
      ['PO-1', day('2026-11-20'), 'Dairy Co', 'milk', 'M-2', 4, null],
    ]
    const checked = await upload(server.url, api.token, 'kind=receipts&format=xlsx', 'receipts.xlsx', await workbook('Receipts', bad))
    expect(checked.status).toBe(422)
    const problems = (await load(checked.bytes!)).getWorksheet('Problems')!
    expect(problems.getCell('A1').value).toBe('Nothing imported: 2 problems to fix first.')
    expect([3, 4, 5].map((n) => cells(problems, n))).toEqual([
      ['Sheet', 'Row', 'Column', 'Code', 'Message'],
      ['Receipts', 2, 'E', 'lot_required', 'MILK is tracked by lot: give the lot'],
      ['Receipts', 3, 'F', 'validation_failed', 'quantity must be greater than 0'],
    ])
    expect(problems.getCell('A6').value ?? null).toBeNull()
    // Row 4's product, written in another case, is found as the pane finds it.
    const sheet = (await load(checked.bytes!)).getWorksheet('Receipts')!
    expect(sheet.getCell('H4').value).toBe('OK')
  })
})
