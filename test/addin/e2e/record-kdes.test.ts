/**
 * A receipt's FSMA 204 KDEs recorded in the pane, at 320 px and 480 px: the "Traceability (FSMA
 * 204)" section is collapsed until opened, a place without its date is refused on its field
 * before anything is sent, and the receipt the server records carries the harvest, cooling and
 * initial packing typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireBuiltAddin } from '../../helpers/built-addin'
import { connectWithEnter, fitsWidth, fluentButton, openPaneAt, openTab, waitStatus, WIDTHS, type Pane } from '../../helpers/pane'
import { startServer, type Client, type TestServer } from '../../helpers/server'
import { toolSkipped } from '../../helpers/tools'

let server: TestServer
let api: Client

describe.skipIf(toolSkipped('chromium')).each(WIDTHS)('Record a receipt\'s FSMA 204 KDEs, at %i px', (width) => {
  let s: Pane
  beforeAll(async () => {
    server = await startServer({ app: { addinDir: requireBuiltAddin() } })
    api = server.admin
    await api.put('/products/LETTUCE', { name: 'Romaine lettuce', uom: 'kg', tracking: 'lot', foodTraceabilityList: true })
    s = await openPaneAt(server.url, { excel: true, width })
    await connectWithEnter(s, (await server.clientFor('operator')).token)
  }, 60_000)
  afterAll(async () => {
    await s?.close()
    await server?.close()
  })

  it('opens the collapsed section, refuses a place without its date on its field, then records the KDEs with the receipt', async () => {
    await openTab(s, 'record')
    const page = s.page
    await page.getByLabel('Reference', { exact: true }).fill('PO-7')
    await page.getByLabel('Supplier').fill('Green Acres')
    // Enter in the product field takes it and moves on to the lot, as after a scan.
    await page.getByLabel('Line 1 product').fill('romaine lettuce')
    await page.getByLabel('Line 1 product').press('Enter')
    await page.keyboard.type('LET-1')
    expect(await page.getByLabel('Line 1 product').inputValue()).toBe('LETTUCE')
    expect(await page.locator('[data-path="lines[0].lot"]').inputValue()).toBe('LET-1')
    await page.locator('[data-path="lines[0].qty"]').fill('100')

    const farm = page.getByLabel('Farm (name and address)')
    expect(await farm.isVisible()).toBe(false)
    await page.getByRole('button', { name: 'Traceability (FSMA 204)' }).click()
    await farm.fill('Green Acres Farm, 400 Ranch Rd, Salinas')
    await page.getByLabel('Field or container').fill('Block 7')
    await page.getByLabel('Harvest date').fill('2026-11-01')
    await page.getByLabel('Cooling location').fill('Green Acres cooler')
    await page.getByLabel('Packing date').fill('2026-11-02')
    expect(await fitsWidth(page)).toBe(true)
    s.requests.clear()
    await fluentButton(page, 'Record').click()
    await waitStatus(s, 'Check the marked fields: nothing was sent.')
    expect(s.requests.list()).toEqual([])
    const fieldError = (label: string) => page.getByLabel(label).locator('xpath=..').locator('.field-error').innerText()
    expect(await fieldError('Cooling date')).toBe('give the cooling date too, or clear the cooling location')
    expect(await fieldError('Packing location')).toBe('give the packing location too, or clear the packing date')
    await s.shot('record-kdes-01-refused')

    await page.getByLabel('Cooling date').fill('2026-11-01')
    await page.getByLabel('Packing location').fill('Valley packhouse')
    await fluentButton(page, 'Record').click()
    await waitStatus(s, 'Recorded: Receipt PO-7')
    expect(s.requests.list()).toEqual(['POST /operations'])
    const [listed] = (await api.get('/operations?reference=PO-7&type=receipt')).body.operations
    expect((await api.get(`/operations/${listed.id}`)).body.operation.request.kdes).toEqual({
      harvest: { farm: 'Green Acres Farm, 400 Ranch Rd, Salinas', field: 'Block 7', date: '2026-11-01' },
      cooling: { location: 'Green Acres cooler', date: '2026-11-01' },
      initialPacking: { location: 'Valley packhouse', date: '2026-11-02' },
    })
    // The next receipt starts without them, the section collapsed again.
    expect(await farm.isVisible()).toBe(false)
    await page.getByRole('button', { name: 'Traceability (FSMA 204)' }).click()
    expect(await farm.inputValue()).toBe('')
    await s.shot('record-kdes-02-recorded')
  })
})
