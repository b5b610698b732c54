/**
 * Import templates from the task pane, with office.js, at 320 px and 480 px: inserted into the
 * workbook (fake Excel), and downloaded from the server without Office.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KINDS } from '../../../shared/import/kinds'
import { LISTS_SHEET } from '../../../shared/import/templates'
import { requireBuiltAddin } from '../../helpers/built-addin'
import { connectWithEnter, openPaneAt, openTab, waitStatus, WIDTHS, type Pane } from '../../helpers/pane'
import { startServer, type Client, type TestServer } from '../../helpers/server'
import { toolSkipped } from '../../helpers/tools'

let server: TestServer
let api: Client

beforeAll(async () => {
  server = await startServer({ app: { addinDir: requireBuiltAddin() } })
  api = server.admin
  await api.put('/products/MILK', { name: 'Milk 1L', tracking: 'lot' })
  await api.put('/products/BOLT', { name: 'Bolt M6' })
}, 60_000)
afterAll(async () => server?.close())

describe.skipIf(toolSkipped('chromium')).each(WIDTHS)('import templates in Excel (fake Excel), at %i px', (width) => {
  let s: Pane
  beforeAll(async () => {
    s = await openPaneAt(server.url, { excel: true, width })
  }, 60_000)
  afterAll(async () => s?.close())

  it('inserts the chosen template as a sheet, and offers a new name when it exists', async () => {
    await connectWithEnter(s, (await server.clientFor('viewer')).token)
    await openTab(s, 'sheets')
    await s.page.getByLabel('Template').selectOption('production')
    await s.page.getByText('What goes in each column').click()
    expect(await s.page.locator('.template-columns').innerText()).toContain('Made from')
    await s.page.locator('[data-template=insert]').click()
    await waitStatus(s, 'Production: fill it in from row 2')
    const sheet = await s.page.evaluate((lists) => {
      const fake = (window as any).__fakeExcel
      const ws = fake.sheet('Production')
      return {
        names: fake.sheetNames(), active: fake.activeSheet(), header: ws.values('A1:J1')[0], frozen: ws.frozenRows,
        validations: ws.dataValidations.map((v: { address: string; rule: unknown }) => [v.address, v.rule]),
        products: fake.sheet(lists).values('A1:A3').map((r: unknown[]) => r[0]), hidden: fake.sheet(lists).visibility,
      }
    }, LISTS_SHEET)
    expect(sheet.names).toEqual(['Sheet1', LISTS_SHEET, 'Production'])
    expect(sheet.active).toBe('Production')
    expect(sheet.header).toEqual(KINDS.production.columns.map((c) => c.header))
    expect(sheet.frozen).toBe(1)
    expect(sheet.validations).toEqual([
      ['D2:D5001', { list: { inCellDropDown: true, source: '=lotledger_roles' } }],
      ['E2:E5001', { list: { inCellDropDown: true, source: '=lotledger_products' } }],
      ['H2:H5001', { list: { inCellDropDown: true, source: '=lotledger_locations' } }],
    ])
    expect(sheet.products).toEqual(['Products (SKU)', 'BOLT', 'MILK'])
    expect(sheet.hidden).toBe('Hidden')
    await s.shot('templates-01-inserted')

    await s.page.locator('[data-template=insert]').click()
    await waitStatus(s, 'A sheet named Production exists already')
    await s.shot('templates-02-exists')
    await s.page.locator('[data-template=insert-as]').click()
    await waitStatus(s, 'Production (2): fill it in')
    expect(await s.page.evaluate(() => (window as any).__fakeExcel.sheetNames())).toEqual(['Sheet1', LISTS_SHEET, 'Production', 'Production (2)'])
  })
})

describe.skipIf(toolSkipped('chromium')).each(WIDTHS)('import templates without Office, at %i px', (width) => {
  it('downloads the server\'s template', async () => {
    const s = await openPaneAt(server.url, { excel: false, width })
    try {
      await connectWithEnter(s, api.token)
      await openTab(s, 'sheets')
      await s.page.getByLabel('Template').selectOption('products')
      s.requests.clear()
      const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.locator('[data-template=download]').click()])
      expect(download.suggestedFilename()).toBe('lotledger products template.xlsx')
      await waitStatus(s, 'Downloaded lotledger products template.xlsx')
      expect(s.requests.list()).toEqual(['GET /templates/products.xlsx'])
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.readFile((await download.path())!)
      expect(wb.worksheets.map((w) => w.name)).toEqual(['Products', 'Instructions', LISTS_SHEET])
      expect(wb.worksheets[0].getCell('A1').value).toBe('SKU')
      expect(wb.getWorksheet(LISTS_SHEET)!.getCell('A2').value).toBe('BOLT')
    } finally {
      await s.close()
    }
  })
})
