import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { ImportAnswer, ImportRefusal } from '../../../shared/import/report'
import { ChangesAnswer } from '../../../shared/schemas/changes'
import { type Client, type TestServer } from '../../helpers/server'
import { seededServerPerTest } from '../../helpers/seeded-server'
import { upload, workbook } from '../../helpers/upload'

let server: TestServer
let api: Client

seededServerPerTest((s) => ((server = s), (api = s.admin)))

const send = (query: string, name: string, content: string | Buffer, token = api.token) => upload(server.url, token, query, name, content)
const onHand = async (product: string) => (await api.get(`/stock?product=${product}`)).body.quants.reduce((s: number, q: { qty: number }) => s + q.qty, 0)

describe('importing receipts', () => {
  const csv = [
    'Reference,Date,Supplier,Product,Lot,Qty,Expiration date',
    'PO-1,2026-11-20,Dairy Co,MILK,M-1,10,',
    'PO-1,2026-11-20,Dairy Co,MILK,M-2,"1,5",31/12/2026',
    'PO-2,2026-11-21,,BOLT,,100,',
    'PO-2,2026-11-21,,PHONE,SN-1,1,',
  ].join('\n')

  it('groups rows by reference into operations and applies them all, once', async () => {
    const r = await send('kind=receipts', 'receipts.csv', csv)
    expect(r.status).toBe(200)
    expect(r.body.report).toMatchObject({ applied: true, rows: 4, counts: { created: 2, updated: 0, unchanged: 0 }, problems: [] })
    const ops = (await api.get('/operations?reference=PO-1')).body.operations
    expect(ops).toHaveLength(1)
    expect(ops[0]).toMatchObject({ type: 'receipt', partner: 'Dairy Co', moveCount: 2 })
    expect(ops[0].date).toBe('2026-11-20T00:00:00.000Z')
    expect((await api.get('/lots/MILK/M-1')).body.expirationDate).toBe('2026-11-30')
    expect((await api.get('/lots/MILK/M-2')).body.expirationDate).toBe('2026-12-31')
    expect(await onHand('MILK')).toBe(11.5)
    // The same file again: the operations are recognised, nothing is doubled.
    const again = await send('kind=receipts', 'receipts.csv', csv)
    // The shared schema the pane reads answers with: nothing missing, nothing it would drop.
    expect(ImportAnswer.parse(again.body)).toEqual(again.body)
    expect(again.body.report).toMatchObject({ applied: true, counts: { created: 0, unchanged: 2 } })
    expect(again.body.report.statuses.map((s: { status: string }) => s.status)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged'])
    expect(await onHand('MILK')).toBe(11.5)
    // One import is one change, listing its operations.
    const answer = (await api.get('/changes?types=operation')).body
    expect(ChangesAnswer.parse(answer)).toEqual(answer)
    const feed = answer.changes
    expect(feed.at(-1)).toMatchObject({ type: 'batch', data: { label: 'Receipts imported from receipts.csv (receipts)' } })
    expect(feed.at(-1).data.changes).toHaveLength(2)
  })

  it('refuses a file that changes an operation it imported before, naming what changed on its cell', async () => {
    await send('kind=receipts', 'receipts.csv', csv)
    const r = await send('kind=receipts', 'receipts.csv', csv.replace('M-1,10', 'M-1,12'))
    expect(r.status).toBe(422)
    expect(ImportRefusal.parse(r.body)).toEqual(r.body)
    expect(r.body.report.problems).toEqual([{ sheet: 'receipts', row: 2, column: 'F', code: 'exists_with_different_fields', message: 'Qty was 10 when PO-1 of 2026-11-20 was imported, now 12: an import never changes an operation already imported (correct it with a count or a return)' }])
    expect(await onHand('MILK')).toBe(11.5)
  })

  it('checks only on a dry run', async () => {
    const r = await send('kind=receipts&dryRun=true', 'receipts.csv', csv)
    expect(r.status).toBe(200)
    expect(r.body.report).toMatchObject({ dryRun: true, applied: false, counts: { created: 2 } })
    expect(await onHand('MILK')).toBe(0)
    expect((await api.get('/operations')).body.operations).toEqual([])
  })

  it('applies nothing when any row has a problem, and lists every problem with its row and column', async () => {
    const bad = [
      'Reference,Date,Product,Lot,Qty,Expiration date,Colour',
      'PO-1,2026-11-20,MILK,M-1,10,,red',
      'PO-2,03/04/26,NOPE,,1,,',
      'PO-3,2026-11-21,MILK,,5,,',
      'PO-4,2026-11-21,BOLT,X,5,,',
      'PO-5,2026-11-21,PHONE,SN-1,2,,',
      'PO-6,2026-11-21,MILK,M-6,abc,2026-02-30,',
      ',2026-11-21,BOLT,,1,,',
    ].join('\n')
    const r = await send('kind=receipts', 'bad.csv', bad)
    expect(r.status).toBe(422)
    expect(r.body.error).toMatchObject({ code: 'import_refused', message: '8 problems: nothing was imported' })
    expect(r.body.report.unknownColumns).toEqual(['Colour'])
    expect(r.body.report.problems.map((p: any) => `${p.row}${p.column ?? ''} ${p.code}: ${p.message}`)).toEqual([
      '3B invalid_value: Date: "03/04/26": write the year with 4 digits',
      '3C validation_failed: no product "NOPE" (not a SKU, GTIN or product name)',
      '4D lot_required: MILK is tracked by lot: give the lot',
      '5D validation_failed: BOLT is not tracked by lot or serial',
      '6E validation_failed: a serial moves with quantity exactly 1',
      '7E invalid_value: Quantity: "abc" is not a number',
      '7F invalid_value: Expiration date: "2026-02-30" is not a real date',
      '8A missing_value: Reference is empty',
    ])
    expect(r.body.error.details[0]).toEqual({ path: 'bad!B3', message: 'invalid_value: Date: "03/04/26": write the year with 4 digits' })
    expect(await onHand('MILK')).toBe(0)
    expect(r.body.report.statuses[0]).toEqual({ row: 2, status: 'ok', message: 'ok, not imported (problems elsewhere)' })
  })

  it('checks stock across the whole file: a delivery may ship what a receipt of the same file brought', async () => {
    await send('kind=receipts', 'r.csv', 'Reference,Product,Lot,Qty\nPO-1,MILK,M-1,10\n')
    const deliveries = 'Reference,Customer,Product,Lot,Qty\nSO-1,Shop,MILK,M-1,6\nSO-2,Shop,MILK,M-1,6\n'
    const r = await send('kind=deliveries', 'd.csv', deliveries)
    expect(r.body.report.problems).toEqual([{ sheet: 'd', row: 3, column: 'E', code: 'insufficient_stock', message: 'not enough MILK lot M-1 at WH/Stock: 4 Units available, 6 needed' }])
    expect(await onHand('MILK')).toBe(10)
  })

  it('hands the file back annotated: a Status column, errors in red on the row and the cell, a Problems sheet', async () => {
    const r = await send('kind=receipts&format=xlsx', 'bad.csv', 'Reference,Product,Lot,Qty\nPO-1,MILK,M-1,10\nPO-2,NOPE,,1\n')
    expect(r.status).toBe(422)
    expect(r.headers.get('content-disposition')).toContain('bad (checked).xlsx')
    expect(JSON.parse(r.headers.get('x-lotledger-import')!)).toEqual({ applied: false, rows: 2, counts: { created: 0, updated: 0, unchanged: 0 }, problems: 1 })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(r.bytes! as never)
    const ws = wb.getWorksheet('bad')!
    expect(ws.getRow(1).values).toEqual([undefined, 'Reference', 'Product', 'Lot', 'Qty', 'Status'])
    expect(ws.getCell('E2').value).toBe('OK')
    expect(ws.getCell('E3').value).toBe('Error: B: no product "NOPE" (not a SKU, GTIN or product name)')
    expect((ws.getCell('E3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFDE7E9')
    expect((ws.getCell('B3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFDE7E9')
    expect(ws.getCell('A3').fill).toBeUndefined()
    const problems = wb.getWorksheet('Problems')!
    expect(problems.getCell('A1').value).toBe('Nothing imported: 1 problem to fix first.')
    expect(problems.getRow(4).values).toEqual([undefined, 'bad', 3, 'B', 'validation_failed', 'no product "NOPE" (not a SKU, GTIN or product name)'])
  })

  it('reads a workbook saved by LibreOffice: the right sheet, dates, separators, formulas, trailing spaces', async () => {
    const file = await readFile(fileURLToPath(new URL('../../fixtures/imports/receipts-libreoffice.xlsx', import.meta.url)))
    const r = await send('kind=receipts', 'receipts-libreoffice.xlsx', file)
    expect(r.body.report.problems).toEqual([])
    expect(r.body.report).toMatchObject({ sheet: 'Receipts', skippedSheets: ['Read me', 'Lists'], applied: true, counts: { created: 2 }, unknownColumns: ['Comment'] })
    expect((await api.get('/lots/MILK/L-1102')).body.expirationDate).toBe('2026-11-20')
    expect(await onHand('FLOUR')).toBe(1250)
    expect(await onHand('BOLT')).toBe(6)
    expect((await api.get('/operations?reference=PO-7002')).body.operations[0].date).toBe('2026-11-03T00:00:00.000Z')
  })
})

describe('importing the other kinds', () => {
  it('products, locations and lots: created, changed, left as they are', async () => {
    const products = await workbook('Products', [
      ['SKU', 'Name', 'Unit', 'Tracking', 'GTIN', 'Expiration days', 'Alert days'],
      ['NEW-1', 'New thing', 'kg', 'lot', '4006381333931', 30, 5],
      ['BOLT', 'Bolt M6 zinc', 'Units', 'none', null, null, null],
      ['MILK', 'Milk 1L', 'Units', 'lot', null, 10, 3],
    ])
    const p = await send('kind=products', 'p.xlsx', products)
    expect(p.body.report).toMatchObject({ applied: true, counts: { created: 1, updated: 2, unchanged: 0 } })
    expect((await api.get('/products/NEW-1')).body).toMatchObject({ uom: 'kg', tracking: 'lot', gtin: '04006381333931', expiry: { expirationDays: 30, alertDays: 5 } })
    const locations = await send('kind=locations', 'l.csv', 'Code;Name;Kind\nWH/Cold;Cold room;internal\nWH/Stock;Main stock;\n')
    expect(locations.body.report).toMatchObject({ applied: true, counts: { created: 1, updated: 1 } })
    const lots = 'Product,Lot/Serial,Lot reference,Expiration date\nMILK,L-9,MFR-1,2027-01-31\nNEW-1,N-1,,\n'
    expect((await send('kind=lots', 'lots.csv', lots)).body.report).toMatchObject({ applied: true, counts: { created: 2 } })
    expect((await api.get('/lots/NEW-1/N-1')).body.expirationDate).toBe('2026-12-27')
    expect((await send('kind=lots', 'lots.csv', lots)).body.report).toMatchObject({ applied: true, counts: { unchanged: 2 } })
    const conflict = await send('kind=lots', 'lots.csv', lots.replace('2027-01-31', '2027-02-28'))
    expect(conflict.body.report.problems).toEqual([{ sheet: 'lots', row: 2, column: 'D', code: 'exists_with_different_fields', message: 'Expiration date is "2027-01-31", not "2027-02-28"' }])
  })

  it('transfers, counts and production with genealogy', async () => {
    await send('kind=receipts', 'r.csv', 'Reference,Product,Lot,Qty\nPO-1,MILK,M-1,10\nPO-1,FLOUR,F-1,5\n')
    const t = await send('kind=transfers', 't.csv', 'Reference,Product,Lot,Qty,From,To\nT-1,MILK,M-1,4,WH/Stock,WH/Stock/Shelf 1\n')
    expect(t.body.report.applied).toBe(true)
    const a = await send('kind=adjustments', 'a.csv', 'Reference,Product,Location,Lot,Counted\nC-1,MILK,WH/Stock/Shelf 1,M-1,3\nC-1,BOLT,WH/Stock,,7\nC-1,MILK,WH/Stock,,2\n')
    expect(a.body.report.problems).toEqual([])
    const stock = (await api.get('/stock?product=MILK')).body.quants.map((q: any) => `${q.lot}@${q.location}=${q.qty}`)
    expect(stock).toEqual(['null@WH/Stock=2', 'M-1@WH/Stock=6', 'M-1@WH/Stock/Shelf 1=3'])
    const prod = [
      'Reference,Consume/Produce,Product,Lot,Qty,Location,Made from',
      'MO-1,consume,MILK,M-1,2,,',
      'MO-1,consume,FLOUR,F-1,1,,',
      'MO-1,produce,CHEESE,C-1,1,,MILK:M-1',
      'MO-1,produce,CHEESE,C-2,1,WH/Stock/Shelf 2,MILK:M-1; FLOUR:F-1',
    ].join('\n')
    const m = await send('kind=production', 'mo.csv', prod)
    expect(m.body.report.problems).toEqual([])
    const trace = (await api.get('/trace?product=FLOUR&lot=F-1&direction=downstream')).body.rows.map((r: any) => `${r.level} ${r.lot}`)
    expect(trace).toEqual(['0 F-1', '0 F-1', '1 C-2'])
    const bad = await send('kind=production', 'mo2.csv', prod.replace('MO-1,consume,MILK', 'MO-1,eat,MILK').replaceAll('MO-1', 'MO-2'))
    expect(bad.body.report.problems[0]).toMatchObject({ row: 2, column: 'B', message: 'Consume/Produce must be consume or produce, not "eat"' })
  })

  it('takes the add-in\'s sheet as JSON rows, dates as Excel serials', async () => {
    const res = await fetch(`${server.url}/api/v1/imports?kind=receipts`, {
      method: 'POST', headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ file: 'Book1.xlsx', sheet: 'Receipts', headerRow: 4, headers: ['Reference', 'Product', 'Lot', 'Qty', 'Expiration date'], rows: [{ row: 5, cells: ['PO-9', 'MILK', 'M-9', 2, 46387] }] }),
    })
    expect(res.status).toBe(200)
    expect((await api.get('/lots/MILK/M-9')).body.expirationDate).toBe('2026-12-31')
  })
})

describe('import limits and rights', () => {
  it('refuses a file over the row limit, and products or locations without the admin role', async () => {
    const operator = await server.clientFor('operator')
    expect((await send('kind=products', 'p.csv', 'SKU,Name\nX,Y\n', operator.token)).body.error.code).toBe('forbidden')
    const viewer = await server.clientFor('viewer')
    expect((await send('kind=receipts', 'r.csv', 'Reference,Product,Qty\nPO,BOLT,1\n', viewer.token)).status).toBe(403)
    const big = 'Reference,Product,Qty\n' + 'PO,BOLT,1\n'.repeat(200_001)
    const r = await send('kind=receipts', 'big.csv', big)
    expect(r.status).toBe(400)
    expect(r.body.error.message).toBe('big.csv has more than 200,000 rows: split it into several imports')
    const wrong = await send('kind=receipts', 'r.txt', 'x')
    expect(wrong.body.error.message).toBe('r.txt: send an .xlsx or a .csv file')
  })
})
