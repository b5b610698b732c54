/**
 * Scanning GS1 barcodes into the pane, as a keyboard-wedge scanner does (it types what it read and
 * Enter), with office.js at 320 px and 480 px: Record's lines filled scan by scan without a
 * request and recorded with one, a production's sides, the Lots form filled and registered, a
 * GTIN no product has refused to an operator and offered to an admin as a new product.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { requireBuiltAddin } from '../../helpers/built-addin'
import { answerDialog, connectWithEnter, fitsWidth, fluentButton, openPaneAt, openTab, waitStatus, WIDTHS, type Pane } from '../../helpers/pane'
import { startServer, type Client, type TestServer } from '../../helpers/server'
import { toolSkipped } from '../../helpers/tools'

let server: TestServer
let api: Client

beforeAll(async () => {
  server = await startServer({ app: { addinDir: requireBuiltAddin() } })
  api = server.admin
  await api.put('/products/MILK', { name: 'Milk 1L', tracking: 'lot', gtin: '4006381333931', expiry: { expirationDays: 10 } })
  await api.put('/products/PHONE', { name: 'Phone X', tracking: 'serial', gtin: '9506000134352' })
  await api.put('/products/CHEESE', { name: 'Cheese', tracking: 'lot', uom: 'kg', gtin: '9521234543213' })
}, 60_000)
afterAll(async () => server?.close())

const GS = '\u001d'

/** Types `data` into the Scan field and Enter, as a scanner does, and answers what the field then says. */
async function scan(s: Pane, data: string): Promise<string> {
  const field = s.page.getByLabel('Scan', { exact: true })
  await field.focus()
  const told = Number(await s.page.locator('[data-scan-said]').getAttribute('data-told') ?? 0)
  await s.page.keyboard.insertText(data)
  await s.page.keyboard.press('Enter')
  const said = s.page.locator(`[data-scan-said][data-told="${told + 1}"] fluent-message-bar`)
  await said.waitFor()
  const text = await said.innerText()
  // The next scan follows at once: the field keeps the focus.
  expect(await field.evaluate((el) => el === document.activeElement)).toBe(true)
  return text
}

describe.skipIf(toolSkipped('chromium')).each(WIDTHS)('Scanning, at %i px', (width) => {
  let s: Pane
  const lot = (name: string) => `${name}-${width}`
  beforeAll(async () => {
    s = await openPaneAt(server.url, { excel: true, width })
    await connectWithEnter(s, (await server.clientFor('operator')).token)
  }, 60_000)
  afterAll(async () => s?.close())

  describe('Record', () => {
    beforeEach(async () => {
      await openTab(s, 'record')
      await fluentButton(s.page, 'Clear').click()
    })

    it('fills a line per scan without a request, and records them with one', async () => {
      await s.page.getByLabel('Reference', { exact: true }).fill(lot('PO-SCAN'))
      s.requests.clear()
      // A raw scan with its symbology identifier and GS, a bracketed string, a Digital Link.
      expect(await scan(s, `]C101040063813339311726123110${lot('M')}${GS}3012`)).toBe(`Line 1: MILK, lot ${lot('M')}, expires 2026-12-31, quantity 12`)
      expect(await scan(s, `(01)04006381333931(17)261231(10)${lot('M')}(30)3`)).toBe(`Line 1: MILK lot ${lot('M')}, now 15`)
      expect(await scan(s, `https://example.com/shop/01/09506000134352/21/${lot('SN1')}`)).toContain(`Line 2: PHONE, serial ${lot('SN1')}`)
      expect(await scan(s, `(01)09506000134352(21)${lot('SN2')}`)).toContain('(2 serials)')
      expect(await scan(s, '(01)09521234543213(3103)001250(17)270200(10)C-1')).toBe('Line 3: CHEESE, lot C-1, expires February 2027 (month only: the 28th is used), quantity 1.25')
      // Enter in the Scan field is a scan, never the form's Record.
      expect(s.requests.list()).toEqual([])
      expect(await s.page.locator('[data-path="lines[1].lot"]').inputValue()).toBe(`${lot('SN1')}\n${lot('SN2')}`)
      expect(await s.page.locator('[data-path="lines[2].expirationDate"]').inputValue()).toBe('2027-02-28')
      // The expiry came as a month only: the line says so, and the lot is registered as that month.
      expect(await s.page.locator('[data-line="2"] [data-month-only]').innerText()).toBe('month only: 2027-02')
      expect(await fitsWidth(s.page)).toBe(true)
      await s.shot('scan-01-record')
      await fluentButton(s.page, 'Record').click()
      await waitStatus(s, `Recorded: Receipt ${lot('PO-SCAN')}`)
      expect(s.requests.list()).toEqual(['POST /operations'])
      const stock = (await api.get('/stock?product=MILK')).body.quants.map((q: { lot: string; qty: number }) => `${q.lot}=${q.qty}`)
      expect(stock).toContain(`${lot('M')}=15`)
      expect((await api.get('/lots/CHEESE/C-1')).body).toMatchObject({ expirationDate: '2027-02-28', expirationPrecision: 'month' })
      expect((await api.get(`/lots/MILK/${lot('M')}`)).body).not.toHaveProperty('expirationPrecision')
    })

    it('says why a scan fills nothing: a broken barcode names its AI, an unknown GTIN is refused to an operator', async () => {
      expect(await scan(s, '(01)04006381333932(10)X')).toMatch(/Not read:[\s\S]*\(01\)/)
      // The refused scan stays to be read, selected: the next scan replaces it.
      const field = s.page.getByLabel('Scan', { exact: true })
      expect(await field.inputValue()).toBe('(01)04006381333932(10)X')
      expect(await field.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, 23])
      expect(await scan(s, '(01)09501101020917(10)X')).toBe('No product has GTIN 09501101020917. An admin can add it (scanning it in the pane offers to), or give an existing product this GTIN.')
      expect(await s.page.locator('[data-path="lines[0].product"]').inputValue()).toBe('')
      await s.shot('scan-02-refused')
    })

    it('puts a production\'s scans on the side chosen', async () => {
      await s.page.getByLabel('Operation', { exact: true }).selectOption('production')
      await scan(s, `(01)04006381333931(10)${lot('M')}(30)2`)
      await s.page.getByLabel('Scans go to').selectOption('produce')
      await scan(s, '(01)09521234543213(3103)002000(17)270315(10)C-2')
      expect(await s.page.locator('[data-path="consume[0].lot"]').inputValue()).toBe(lot('M'))
      expect(await s.page.locator('[data-path="produce[0].lot"]').inputValue()).toBe('C-2')
      expect(await s.page.locator('[data-path="produce[0].expirationDate"]').inputValue()).toBe('2027-03-15')
    })
  })

  it('fills the Lots form from scans, makes a list of serials, and registers them with one request', async () => {
    await openTab(s, 'lots')
    expect(await scan(s, `(01)09506000134352(17)270100(21)${lot('LS1')}`)).toBe(`PHONE serial ${lot('LS1')}, expires January 2027 (month only: the 31st is used)`)
    expect(await s.page.getByLabel('Product', { exact: true }).inputValue()).toBe('PHONE')
    expect(await s.page.getByLabel('Lot or serial').inputValue()).toBe(lot('LS1'))
    expect(await scan(s, `(01)09506000134352(21)${lot('LS2')}`)).toContain('both serials are in a list now (2)')
    // The list says the month it came as, and registers it so.
    expect(await s.page.locator('textarea[name=pasted]').inputValue()).toBe(`${lot('LS1')}\t\t2027-01\n${lot('LS2')}`)
    s.requests.clear()
    await fluentButton(s.page, 'Register').click()
    await waitStatus(s, '2 registered')
    expect(s.requests.list()).toEqual(['POST /lots/batch'])
    expect((await api.get(`/lots/PHONE/${lot('LS1')}`)).body).toMatchObject({ expirationDate: '2027-01-31', expirationPrecision: 'month' })
  })
})

describe.skipIf(toolSkipped('chromium'))('Scanning a GTIN no product has, as an admin, at 320 px', () => {
  let s: Pane
  beforeAll(async () => {
    s = await openPaneAt(server.url, { excel: true, width: 320 })
    await connectWithEnter(s, (await server.clientFor('admin')).token)
  }, 60_000)
  afterAll(async () => s?.close())

  it('offers a new product with that GTIN, adds it with one request and fills the line', async () => {
    await openTab(s, 'record')
    expect(await scan(s, '(01)09501101020917(17)270615(10)J-1(30)4')).toContain('No product has GTIN 09501101020917.')
    await fluentButton(s.page, 'Add a product with this GTIN…').click()
    const dialog = s.page.locator('fluent-dialog')
    await dialog.getByLabel('SKU').waitFor()
    // Tracked by lot, as the scan names a lot.
    expect(await dialog.getByLabel('Tracking').inputValue()).toBe('lot')
    await dialog.getByLabel('SKU').fill('MILK')
    await dialog.getByLabel('Name').fill('Juice 1L')
    await dialog.getByLabel('Name').press('Enter')
    expect(await dialog.locator('.field-error', { hasText: 'MILK is another product\'s SKU' }).count()).toBe(1)
    await dialog.getByLabel('SKU').fill('JUICE')
    await s.shot('scan-03-new-product')
    s.requests.clear()
    await answerDialog(s, 'confirm')
    expect(s.requests.list()).toEqual(['PUT /products/JUICE'])
    await s.page.locator('[data-scan-said]', { hasText: 'Line 1: JUICE, lot J-1, expires 2027-06-15, quantity 4' }).waitFor()
    expect(await s.page.locator('[data-path="lines[0].product"]').inputValue()).toBe('JUICE')
    expect((await api.get('/products/JUICE')).body).toMatchObject({ name: 'Juice 1L', tracking: 'lot', gtin: '09501101020917' })
  })
})
