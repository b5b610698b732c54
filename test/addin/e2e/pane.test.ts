/**
 * The task pane end to end: a real server on 127.0.0.1 serving the built pane, Chromium with the
 * fake Excel injected (and once without Office at all), a user's steps through the UI, and the
 * ledger checked through the API afterwards.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays } from '../../../shared/dates'
import { requireBuiltAddin } from '../../helpers/built-addin'
import { connectPane, fluentButton, openPane, type PaneSession } from '../../helpers/browser'
import { startServer, type Client, type TestServer } from '../../helpers/server'
import { toolSkipped } from '../../helpers/tools'

let server: TestServer
let api: Client
const today = new Date().toISOString().slice(0, 10)

beforeAll(async () => {
  server = await startServer({ app: { addinDir: requireBuiltAddin() } })
  api = server.admin
  await api.put('/products/MILK', { name: 'Milk 1L', tracking: 'lot', expiry: { expirationDays: 10, alertDays: 3 } })
  await api.put('/products/PHONE', { name: 'Phone X', tracking: 'serial', gtin: '4006381333931' })
  await api.put('/products/BOLT', { name: 'Bolt M6' })
}, 60_000)
afterAll(async () => server?.close())

const statusText = (s: PaneSession) => s.page.locator('.status-area').innerText()

async function waitStatus(s: PaneSession, text: string | RegExp): Promise<string> {
  await s.page.locator('.status-area', { hasText: text }).waitFor({ timeout: 15_000 })
  return statusText(s)
}

async function chooseProduct(field: ReturnType<PaneSession['page']['getByLabel']>, sku: string): Promise<void> {
  await field.fill(sku)
  // The pane redraws a line for its product on change (blur), as a user leaving the field does.
  await field.press('Tab')
}

describe.skipIf(toolSkipped('chromium'))('the task pane in Excel (fake Excel)', () => {
  let s: PaneSession
  beforeAll(async () => {
    s = await openPane(server.url, { excel: true })
  }, 60_000)
  afterAll(async () => s?.close())

  it('connects with a token and shows the workspace and the connection state', async () => {
    await s.shot('pane-01-connect')
    await connectPane(s, (await server.clientFor('operator')).token)
    expect(await s.page.locator('.who').innerText()).toBe('default · operator')
    await s.shot('pane-02-connected')
  })

  it('registers a lot and a run of serials, with the dates previewed before saving', async () => {
    await s.page.locator('[data-tab=lots]').click()
    await chooseProduct(s.page.getByLabel('Product', { exact: true }), 'MILK')
    await s.page.getByLabel('Lot or serial').fill('M-1')
    expect(await s.page.locator('.preview table').innerText()).toContain(addDays(today, 10))
    await fluentButton(s.page, 'Register').click()
    await waitStatus(s, '1 registered')
    expect((await api.get('/lots/MILK/M-1')).body).toMatchObject({ expirationDate: addDays(today, 10), alertDate: addDays(today, 7) })

    await chooseProduct(s.page.getByLabel('Product', { exact: true }), 'PHONE')
    await s.page.getByText('Serial run').click()
    await s.page.getByLabel('First serial').fill('SN-0099A')
    await s.page.getByLabel('How many').fill('3')
    expect(await s.page.locator('.preview tbody').innerText()).toMatch(/SN-0099A[\s\S]*SN-0100A[\s\S]*SN-0101A/)
    await s.shot('pane-03-serial-run')
    await fluentButton(s.page, 'Register').click()
    await waitStatus(s, '3 registered')
    const phones = await api.get('/lots?product=PHONE')
    expect(phones.body.lots.map((l: { name: string }) => l.name)).toEqual(['SN-0099A', 'SN-0100A', 'SN-0101A'])
  })

  it('records a receipt with lots, an explicit expiry and serials', async () => {
    await s.page.locator('[data-tab=record]').click()
    await s.page.getByLabel('Reference').fill('PO-1')
    await s.page.getByLabel('Supplier').fill('Dairy Co')
    await chooseProduct(s.page.getByLabel('Line 1 product'), 'MILK')
    await s.page.locator('[data-path="lines[0].lot"]').fill('M-1')
    await s.page.locator('[data-path="lines[0].qty"]').fill('10')
    await s.page.locator('[data-action=add-lines]').click()
    await chooseProduct(s.page.getByLabel('Line 2 product'), 'MILK')
    await s.page.locator('[data-path="lines[1].lot"]').fill('M-2')
    await s.page.locator('[data-path="lines[1].qty"]').fill('5')
    await s.page.locator('[data-path="lines[1].expirationDate"]').fill(addDays(today, 3))
    await s.page.locator('[data-action=add-lines]').click()
    await chooseProduct(s.page.getByLabel('Line 3 product'), 'PHONE')
    await s.page.locator('[data-path="lines[2].lot"]').fill('SN-0099A\nSN-0100A')
    await s.shot('pane-04-receipt')
    await fluentButton(s.page, 'Record').click()
    expect(await waitStatus(s, 'Recorded')).toContain('4 moves')
    const stock = await api.get('/stock?product=MILK')
    expect(stock.body.quants.map((q: { lot: string; qty: number }) => `${q.lot}=${q.qty}`)).toEqual(['M-1=10', 'M-2=5'])
    expect((await api.get('/lots/MILK/M-2')).body.expirationDate).toBe(addDays(today, 3))
  })

  it('delivers with a first-expiring-first suggestion', async () => {
    await s.page.getByLabel('Operation', { exact: true }).selectOption('delivery')
    await s.page.getByLabel('Reference').fill('SO-1')
    await s.page.getByLabel('Customer').fill('Corner Shop')
    await chooseProduct(s.page.getByLabel('Line 1 product'), 'MILK')
    await s.page.locator('[data-path="lines[0].qty"]').fill('7')
    await fluentButton(s.page, 'Suggest lots').click()
    await waitStatus(s, 'M-2 × 5')
    expect(await s.page.locator('[data-path="lines[0].lot"]').inputValue()).toBe('M-2')
    expect(await s.page.locator('[data-path="lines[1].lot"]').inputValue()).toBe('M-1')
    expect(await s.page.locator('[data-path="lines[1].qty"]').inputValue()).toBe('2')
    await s.shot('pane-05-fefo')
    await fluentButton(s.page, 'Record').click()
    await waitStatus(s, 'Recorded')
    const stock = await api.get('/stock?product=MILK')
    expect(stock.body.quants.map((q: { lot: string; qty: number }) => `${q.lot}=${q.qty}`)).toEqual(['M-1=8'])
  })

  it('pulls the traceability of a lot into a formatted sheet, refreshed in place, and traces the selection', async () => {
    await s.page.locator('[data-tab=sheets]').click()
    await s.page.getByLabel('Product', { exact: true }).fill('MILK')
    await s.page.getByLabel('Lot or serial').fill('M-1')
    await s.page.locator('[data-sheet=trace]').click()
    await waitStatus(s, 'Traceability: 2 rows')
    const sheet = await s.page.evaluate(() => {
      const fake = (window as any).__fakeExcel
      const ws = fake.sheet('Traceability')
      return { names: fake.sheetNames(), title: ws.cell('A1').value, header: ws.values('A4:G4'), rows: ws.values('A5:G6'), date: ws.cell('C5'), frozen: ws.frozenRows, tables: ws.tables }
    })
    expect(sheet.title).toBe('Traceability of MILK lot M-1')
    expect(sheet.header).toEqual([['Reference', 'Product', 'Date', 'Lot/Serial', 'From', 'To', 'Quantity']])
    expect(sheet.rows.map((r: unknown[]) => [r[0], r[1], r[3], r[4], r[5], r[6]])).toEqual([
      ['PO-1', 'MILK', 'M-1', 'Vendors', 'WH/Stock', 10], ['SO-1', 'MILK', 'M-1', 'WH/Stock', 'Customers', 2],
    ])
    expect(typeof sheet.date.value).toBe('number')
    expect(sheet.date.numberFormat).toBe('yyyy-mm-dd hh:mm')
    expect(sheet.frozen).toBe(4)
    await s.shot('pane-06-traced')
    // Trace selection, on a sheet of the user's own: a SKU column beside a Batch column.
    await s.page.evaluate(() => {
      const fake = (window as any).__fakeExcel
      fake.addSheet('Inventory')
      fake.sheet('Inventory').set('A1', [['SKU', 'Batch', 'Count'], ['MILK', 'M-2', 5]])
      fake.setSelection('Inventory', 'B2')
    })
    await s.page.locator('[data-sheet=trace-selection]').click()
    await waitStatus(s, 'Traceability: 2 rows')
    const again = await s.page.evaluate(() => {
      const fake = (window as any).__fakeExcel
      return { names: fake.sheetNames(), title: fake.sheet('Traceability').cell('A1').value, last: fake.sheet('Traceability').values('A6:D6') }
    })
    expect(again.title).toBe('Traceability of MILK lot M-2')
    expect(again.last).toEqual([['SO-1', 'MILK', again.last[0][2], 'M-2']])
    // Refreshed in place: still one Traceability sheet.
    expect(again.names.filter((n: string) => n === 'Traceability')).toHaveLength(1)
    expect(await s.page.getByLabel('Lot or serial').inputValue()).toBe('M-2')
  })

  it('queues writes while the server cannot be reached, keeps them across a reload, and sends each once', async () => {
    await s.page.route('**/api/v1/**', (r) => r.abort())
    await s.page.locator('[data-tab=record]').click()
    await s.page.getByLabel('Operation', { exact: true }).selectOption('receipt')
    await s.page.getByLabel('Reference').fill('PO-2')
    await chooseProduct(s.page.getByLabel('Line 1 product'), 'BOLT')
    await s.page.locator('[data-path="lines[0].qty"]').fill('3')
    await fluentButton(s.page, 'Record').click()
    await waitStatus(s, 'Saved on this computer')
    await s.page.locator('fluent-badge.state', { hasText: 'Offline' }).waitFor()
    await s.shot('pane-07-offline')
    // Closing and reopening the pane keeps the write.
    await s.page.reload()
    await s.page.locator('[data-tab=queue] .count', { hasText: '1' }).waitFor()
    await s.page.locator('[data-tab=queue]').click()
    expect(await s.page.locator('article.queued').innerText()).toContain('Receipt PO-2, 1 line')
    await s.shot('pane-08-queue')
    // Back online, but the first answer is lost on the way back: the server has the write, the pane does not know.
    await s.page.unroute('**/api/v1/**')
    let swallowed = false
    await s.page.route('**/api/v1/operations', async (route) => {
      if (!swallowed && route.request().method() === 'POST') {
        swallowed = true
        await route.fetch()
        return route.abort()
      }
      return route.continue()
    })
    await fluentButton(s.page, 'Send now').click()
    await s.page.locator('article.queued').waitFor({ state: 'detached', timeout: 30_000 })
    await s.page.locator('fluent-badge.state', { hasText: 'Online' }).waitFor()
    expect(swallowed).toBe(true)
    const ops = await api.get('/operations?reference=PO-2')
    expect(ops.body.operations).toHaveLength(1)
    expect((await api.get('/stock?product=BOLT')).body.quants[0].qty).toBe(3)
    await s.page.unroute('**/api/v1/operations')
  })

  it('lists a write the server refuses with its reason until it is fixed', async () => {
    await s.page.route('**/api/v1/**', (r) => r.abort())
    await s.page.locator('[data-tab=record]').click()
    await s.page.getByLabel('Operation', { exact: true }).selectOption('delivery')
    await s.page.getByLabel('Reference').fill('SO-2')
    await chooseProduct(s.page.getByLabel('Line 1 product'), 'BOLT')
    await s.page.locator('[data-path="lines[0].qty"]').fill('100')
    await fluentButton(s.page, 'Record').click()
    await waitStatus(s, 'Saved on this computer')
    await s.page.unroute('**/api/v1/**')
    await s.page.locator('[data-tab=queue]').click()
    await fluentButton(s.page, 'Send now').click()
    await s.page.locator('article.queued.rejected').waitFor({ timeout: 30_000 })
    expect(await s.page.locator('article.queued').innerText()).toContain('not enough BOLT at WH/Stock: 3 Units available, 100 needed')
    await s.shot('pane-09-refused')
    await fluentButton(s.page, 'Edit').click()
    expect(await s.page.locator('[data-path="lines[0].qty"]').inputValue()).toBe('100')
    await s.page.locator('[data-path="lines[0].qty"]').fill('1')
    await fluentButton(s.page, 'Record').click()
    await waitStatus(s, 'Recorded')
    expect((await api.get('/operations?reference=SO-2')).body.operations).toHaveLength(1)
    expect((await api.get('/stock?product=BOLT')).body.quants[0].qty).toBe(2)
    await s.page.locator('[data-tab=queue]').click()
    await s.page.getByText('Nothing waiting').waitFor()
  })
  it('imports the active sheet: a check writes each row\'s outcome beside it, then the import applies all rows', async () => {
    await s.page.evaluate(() => {
      const fake = (window as any).__fakeExcel
      fake.addSheet('Goods in')
      fake.sheet('Goods in').set('A1', [
        ['Receipts of the week', null, null, null, null],
        ['Reference', 'SKU', 'Batch', 'Qty', 'Expiry'],
        ['PO-50', 'MILK', 'M-50', 4, 46387],
        ['PO-50', 'NOPE', null, 1, null],
      ])
      fake.setSelection('Goods in', 'A3')
    })
    await s.page.locator('[data-tab=import]').click()
    await s.page.getByLabel('What the rows hold').selectOption('receipts')
    await s.page.locator('[data-import=check]').click()
    await waitStatus(s, 'Nothing imported: 1 problem')
    const checked = await s.page.evaluate(() => {
      const ws = (window as any).__fakeExcel.sheet('Goods in')
      return { status: ws.values('F2:F4'), fill: ws.cell('B4').fill }
    })
    expect(checked.status).toEqual([['Status'], ['ok, not imported (problems elsewhere)'], ['Error: B: unknown product NOPE']])
    expect(checked.fill).toBe('#FDE7E9')
    await s.shot('pane-11-import-check')
    await s.page.evaluate(() => (window as any).__fakeExcel.sheet('Goods in').set('B4', [['BOLT']]))
    await s.page.locator('[data-import=apply]').click()
    await waitStatus(s, 'Imported 2 rows of Goods in')
    const done = await s.page.evaluate(() => (window as any).__fakeExcel.sheet('Goods in').values('F3:F4'))
    expect(done).toEqual([['imported'], ['imported']])
    expect((await api.get('/lots/MILK/M-50')).body.expirationDate).toBe('2026-12-31')
    // Importing the same sheet again applies nothing twice.
    await s.page.locator('[data-import=apply]').click()
    await waitStatus(s, '0 new, 0 changed, 1 already there')
    expect((await api.get('/operations?reference=PO-50')).body.operations).toHaveLength(1)
  })
})

describe.skipIf(toolSkipped('chromium'))('the task pane without Office', () => {
  it('downloads sheets as .xlsx files instead', async () => {
    const s = await openPane(server.url, { excel: false })
    try {
      await connectPane(s, api.token)
      await s.page.locator('[data-tab=sheets]').click()
      await s.page.getByText('Excel is not here').waitFor()
      await s.page.getByLabel('Product', { exact: true }).fill('MILK')
      await s.page.getByLabel('Lot or serial').fill('M-1')
      await s.shot('pane-10-no-office')
      const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.locator('[data-sheet=trace]').click()])
      expect(download.suggestedFilename()).toBe(`Traceability ${today}.xlsx`)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.readFile((await download.path())!)
      const ws = wb.getWorksheet('Traceability')!
      expect(ws.getCell('A1').value).toBe('Traceability of MILK lot M-1')
      expect(ws.getCell('A5').value).toBe('PO-1')
      expect(ws.getCell('G6').value).toBe(2)
      expect(ws.getCell('C5').value).toBeInstanceOf(Date)
    } finally {
      await s.close()
    }
  })
  it('imports an uploaded file', async () => {
    const s = await openPane(server.url, { excel: false })
    try {
      await connectPane(s, api.token)
      await s.page.locator('[data-tab=import]').click()
      await s.page.getByLabel('What the rows hold').selectOption('deliveries')
      await s.page.getByLabel('File').setInputFiles({ name: 'deliveries.csv', mimeType: 'text/csv', buffer: Buffer.from('Reference,Customer,Product,Lot,Qty\nSO-60,Shop,MILK,M-50,1\n') })
      await s.page.locator('[data-import=apply]').click()
      await waitStatus(s, 'Imported 1 rows of deliveries')
      expect((await api.get('/operations?reference=SO-60')).body.operations).toHaveLength(1)
    } finally {
      await s.close()
    }
  })
})
