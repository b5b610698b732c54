/**
 * The Lots tab as a person uses it, with office.js, at 320 px and 480 px: one lot, a run of
 * serials, a pasted list in the workspace's date format with some bad lines, and Receive these…
 * asking before it replaces an operation being written in Record.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { addDays } from '../../../shared/dates'
import { requireBuiltAddin } from '../../helpers/built-addin'
import { answerDialog, chooseProduct, connectWithEnter, fitsWidth, fluentButton, openPaneAt, openTab, waitStatus, WIDTHS, type Pane } from '../../helpers/pane'
import { startServer, type Client, type TestServer } from '../../helpers/server'
import { toolSkipped } from '../../helpers/tools'

let server: TestServer
let api: Client
const today = new Date().toISOString().slice(0, 10)

beforeAll(async () => {
  server = await startServer({ app: { addinDir: requireBuiltAddin() } })
  api = server.admin
  // Day-first, as much of the world writes dates (and the default).
  expect((await api.patch('/settings', { dateFormat: 'DMY' })).status).toBe(200)
  await api.put('/products/MILK', { name: 'Milk 1L', tracking: 'lot', expiry: { expirationDays: 10, alertDays: 3 } })
  await api.put('/products/PHONE', { name: 'Phone X', tracking: 'serial', gtin: '4006381333931' })
}, 60_000)
afterAll(async () => server?.close())

describe.skipIf(toolSkipped('chromium')).each(WIDTHS)('Lots, at %i px', (width) => {
  let s: Pane
  const lot = (name: string) => `${name}-${width}`
  beforeAll(async () => {
    s = await openPaneAt(server.url, { excel: true, width })
    await connectWithEnter(s, (await server.clientFor('operator')).token)
  }, 60_000)
  afterAll(async () => s?.close())
  beforeEach(async () => openTab(s, 'lots'))

  it('registers one lot with one request, its dates shown before saving', async () => {
    await chooseProduct(s.page.getByLabel('Product', { exact: true }), 'milk 1l')
    expect(await s.page.getByLabel('Product', { exact: true }).inputValue()).toBe('MILK')
    await s.page.getByText('One lot').click()
    await s.page.getByLabel('Lot or serial').fill(lot('M-1'))
    expect(await s.page.locator('.preview table').innerText()).toContain(addDays(today, 10))
    s.requests.clear()
    await fluentButton(s.page, 'Register').click()
    await waitStatus(s, '1 registered')
    expect(s.requests.list()).toEqual(['POST /lots/batch'])
    expect((await api.get(`/lots/MILK/${lot('M-1')}`)).body).toMatchObject({ expirationDate: addDays(today, 10), alertDate: addDays(today, 7) })
    await s.shot('lots-01-one')
  })

  it('registers a run of serials of a product scanned by its GTIN', async () => {
    await chooseProduct(s.page.getByLabel('Product', { exact: true }), '4006381333931')
    expect(await s.page.getByLabel('Product', { exact: true }).inputValue()).toBe('PHONE')
    await s.page.getByText('Serial run').click()
    await s.page.getByLabel('First serial').fill(`SN${width}-0099A`)
    await s.page.getByLabel('How many').fill('3')
    expect(await s.page.locator('.preview tbody').innerText()).toMatch(new RegExp(`SN${width}-0099A[\\s\\S]*SN${width}-0100A[\\s\\S]*SN${width}-0101A`))
    expect(await s.page.locator('.preview tfoot').innerText()).toBe('3 lots to register')
    await s.shot('lots-02-serial-run')
    s.requests.clear()
    await fluentButton(s.page, 'Register').click()
    await waitStatus(s, '3 registered')
    expect(s.requests.list()).toEqual(['POST /lots/batch'])
  })

  it('reads a pasted list in the workspace\'s date format; registers the good lines and keeps the bad ones to fix', async () => {
    await chooseProduct(s.page.getByLabel('Product', { exact: true }), 'MILK')
    await s.page.getByText('Paste a list').click()
    await s.page.getByLabel('Lots or serials, one per line').fill(
      [`${lot('P-1')}\t5\t31/12/2030`, `${lot('P-2')};abc`, `${lot('P-3')};2;15/01/2031`, `${lot('P-4')}\t12/31/2030`].join('\n'))
    const preview = await s.page.locator('.preview').innerText()
    expect(preview).toContain('2030-12-31')
    expect(preview).toContain('2031-01-15')
    expect(preview).toContain('2 lines cannot be read; the others can be registered.')
    expect(preview).toContain('Line 2: "abc" is neither a quantity nor a date')
    expect(preview).toContain('Line 4: "12/31/2030" is not a real day-first (DD/MM/YYYY) date')
    expect(await fitsWidth(s.page)).toBe(true)
    await s.shot('lots-03-pasted')
    s.requests.clear()
    await fluentButton(s.page, 'Register').click()
    expect(await waitStatus(s, '2 registered')).toContain('2 lines could not be read and stay in the list to fix.')
    expect(s.requests.list()).toEqual(['POST /lots/batch'])
    expect(await s.page.getByLabel('Lots or serials, one per line').inputValue()).toBe(`${lot('P-2')};abc\n${lot('P-4')}\t12/31/2030`)
    expect((await api.get(`/lots/MILK/${lot('P-1')}`)).body.expirationDate).toBe('2030-12-31')
    expect((await api.get(`/lots/MILK/${lot('P-2')}`)).status).toBe(404)
    await s.shot('lots-04-registered-some')
  })

  it('asks before Receive these… replaces an operation being written in Record', async () => {
    await openTab(s, 'record')
    await s.page.getByLabel('Reference', { exact: true }).fill(lot('PO-KEEP'))
    await openTab(s, 'lots')
    await s.page.getByLabel('Lots or serials, one per line').fill(`${lot('R-1')}\t3\n${lot('R-2')}\t4`)
    s.requests.clear()
    await fluentButton(s.page, 'Receive these').click()
    expect(await answerDialog(s, 'cancel')).toContain(`Record holds receipt ${lot('PO-KEEP')} not recorded yet`)
    expect(await s.page.locator('[role=tab][aria-selected=true]').getAttribute('data-tab')).toBe('lots')
    await fluentButton(s.page, 'Receive these').click()
    await s.shot('lots-05-replace-draft')
    await answerDialog(s, 'confirm')
    await s.page.locator('[role=tabpanel][aria-labelledby=tab-record]').waitFor()
    expect(await s.page.getByLabel('Reference', { exact: true }).inputValue()).toBe('')
    expect(await s.page.locator('[data-path="lines[1].lot"]').inputValue()).toBe(lot('R-2'))
    expect(await s.page.locator('[data-path="lines[1].qty"]').inputValue()).toBe('4')
    expect(s.requests.list()).toEqual([])
  })
})
