/**
 * The Import tab with office.js, at 320 px and 480 px: in Excel the active sheet is checked and
 * imported with each row's outcome in a Status column (Imported, OK, Already imported, Error: …);
 * without Excel a file is uploaded, and the checked copy of it downloaded.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { requireBuiltAddin } from '../../helpers/built-addin'
import { connectWithEnter, openPaneAt, openTab, waitStatus, WIDTHS, type Pane } from '../../helpers/pane'
import { startServer, type Client, type TestServer } from '../../helpers/server'
import { toolSkipped } from '../../helpers/tools'

let server: TestServer
let api: Client

beforeAll(async () => {
  server = await startServer({ app: { addinDir: requireBuiltAddin() } })
  api = server.admin
  await api.put('/products/MILK', { name: 'Milk 1L', tracking: 'lot', expiry: { expirationDays: 10, alertDays: 3 } })
  await api.put('/products/BOLT', { name: 'Bolt M6' })
}, 60_000)
afterAll(async () => server?.close())

describe.skipIf(toolSkipped('chromium')).each(WIDTHS)('Import in Excel, at %i px', (width) => {
  let s: Pane
  const ref = `PO-${width}`
  beforeAll(async () => {
    s = await openPaneAt(server.url, { excel: true, width })
    await connectWithEnter(s, (await server.clientFor('operator')).token)
  }, 60_000)
  afterAll(async () => s?.close())
  beforeEach(async () => openTab(s, 'import'))

  it('checks the active sheet, writing each row\'s outcome beside it, then imports all rows, and never twice', async () => {
    // A sheet of its own per width: the import knows a row again by its workbook, sheet and place.
    const sheet = `Goods in ${width}`
    await s.page.evaluate(([reference, name]) => {
      const fake = (window as any).__fakeExcel
      fake.addSheet(name).set('A1', [
        ['Receipts of the week', null, null, null, null],
        ['Reference', 'SKU', 'Batch', 'Qty', 'Expiry'],
        [reference, 'MILK', `B-${reference}`, 4, 46387],
        [reference, 'NOPE', null, 1, null],
      ])
      fake.setSelection(name, 'A3')
    }, [ref, sheet])
    await s.page.getByLabel('What the rows hold').selectOption('receipts')
    s.requests.clear()
    await s.page.locator('[data-import=check]').click()
    await waitStatus(s, 'Nothing imported: 1 problem to fix first.')
    expect(s.requests.list()).toEqual(['POST /imports?kind=receipts&dryRun=true'])
    const checked = await s.page.evaluate((name) => {
      const ws = (window as any).__fakeExcel.sheet(name)
      return { status: ws.values('F2:F4'), fill: ws.cell('B4').fill }
    }, sheet)
    expect(checked.status[0]).toEqual(['Status'])
    expect(checked.status[1]).toEqual(['OK'])
    expect(checked.status[2][0]).toMatch(/^Error: .*NOPE/)
    expect(checked.fill).toBe('#FDE7E9')
    await s.shot('import-01-checked')
    await s.page.evaluate((name) => (window as any).__fakeExcel.sheet(name).set('B4', [['BOLT']]), sheet)
    s.requests.clear()
    await s.page.locator('[data-import=apply]').click()
    await waitStatus(s, `Imported 2 rows of ${sheet}`)
    expect(s.requests.list()).toEqual(['POST /imports?kind=receipts&dryRun=false'])
    const statuses = () => s.page.evaluate((name) => (window as any).__fakeExcel.sheet(name).values('F3:F4'), sheet)
    expect(await statuses()).toEqual([['Imported'], ['Imported']])
    await s.page.locator('[data-import=apply]').click()
    await waitStatus(s, '0 new, 0 changed, 1 already imported')
    expect(await statuses()).toEqual([['Already imported'], ['Already imported']])
    expect((await api.get(`/operations?reference=${ref}`)).body.operations).toHaveLength(1)
    await s.shot('import-02-imported')
  })
})

describe.skipIf(toolSkipped('chromium')).each(WIDTHS)('Import without Excel, at %i px', (width) => {
  let s: Pane
  beforeAll(async () => {
    s = await openPaneAt(server.url, { excel: false, width })
    await connectWithEnter(s, (await server.clientFor('operator')).token)
  }, 60_000)
  afterAll(async () => s?.close())
  beforeEach(async () => openTab(s, 'import'))

  it('imports an uploaded file in one request', async () => {
    await s.page.getByLabel('What the rows hold').selectOption('receipts')
    await s.page.getByLabel('File').setInputFiles({ name: `in-${width}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`Reference,Product,Qty\nPO-F-${width},BOLT,2\n`) })
    s.requests.clear()
    await s.page.locator('[data-import=apply]').click()
    await waitStatus(s, `Imported 1 row of in-${width}:`)
    expect(s.requests.list()).toEqual(['POST /imports?kind=receipts&dryRun=false'])
    expect((await api.get(`/operations?reference=PO-F-${width}`)).body.operations).toHaveLength(1)
  })

  it('downloads the checked copy of a file: its rows with their outcome, its problems', async () => {
    await s.page.getByLabel('What the rows hold').selectOption('receipts')
    await s.page.getByLabel('File').setInputFiles({
      name: `week-${width}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`Reference,Product,Lot,Qty\nPO-C-${width},MILK,L1,3\nPO-C-${width},NOPE,,1\n`),
    })
    s.requests.clear()
    const [file] = await Promise.all([s.page.waitForEvent('download'), s.page.locator('[data-import=annotated]').click()])
    expect(file.suggestedFilename()).toBe(`week-${width} (checked).xlsx`)
    expect(await waitStatus(s, `Downloaded week-${width} (checked).xlsx.`)).toContain('2 rows checked, 1 problem')
    expect(s.requests.list()).toEqual(['POST /imports?kind=receipts&dryRun=true&format=xlsx'])
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile((await file.path())!)
    expect(book.worksheets.map((w) => w.name)).toContain('Problems')
    expect((await api.get(`/operations?reference=PO-C-${width}`)).body.operations).toHaveLength(0)
    await s.shot('import-03-checked-copy')
  })
})
