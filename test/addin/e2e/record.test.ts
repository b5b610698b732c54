/**
 * The Record tab as a person uses it, with office.js and the fake Excel, at 320 px and 480 px:
 * one request per Record, the form checked before anything is sent, a refusal shown on its line
 * and kept off the Queue, lots suggested first-expiring-first, a return found by its reference,
 * lines taken from the selected rows.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { addDays } from '../../../shared/dates'
import { requireBuiltAddin } from '../../helpers/built-addin'
import { chooseProduct, connectWithEnter, fitsWidth, fluentButton, openPaneAt, openTab, waitStatus, WIDTHS, type Pane } from '../../helpers/pane'
import { startServer, type Client, type TestServer } from '../../helpers/server'
import { toolSkipped } from '../../helpers/tools'

let server: TestServer
let api: Client
const today = new Date().toISOString().slice(0, 10)

/** A ledger of its own for each width: first-expiring-first picks must not meet the other width's lots. */
async function freshServer(): Promise<void> {
  server = await startServer({ app: { addinDir: requireBuiltAddin() } })
  api = server.admin
  await api.put('/products/MILK', { name: 'Milk 1L', tracking: 'lot', expiry: { expirationDays: 10, alertDays: 3 } })
  await api.put('/products/PHONE', { name: 'Phone X', tracking: 'serial', gtin: '4006381333931' })
  await api.put('/products/BOLT', { name: 'Bolt M6' })
}

const lineError = (s: Pane, i: number) => s.page.locator(`[data-error-for="lines[${i}]"]`).innerText()
const stockOf = async (product: string) => (await api.get(`/stock?product=${product}`)).body.quants.map((q: { lot: string | null; qty: number }) => `${q.lot}=${q.qty}`)

describe.skipIf(toolSkipped('chromium')).each(WIDTHS)('Record, at %i px', (width) => {
  let s: Pane
  const ref = (r: string) => `${r}-${width}`
  beforeAll(async () => {
    await freshServer()
    s = await openPaneAt(server.url, { excel: true, width })
    await connectWithEnter(s, (await server.clientFor('operator')).token)
  }, 60_000)
  afterAll(async () => {
    await s?.close()
    await server?.close()
  })
  // Each step starts from an empty form, whatever the one before left.
  beforeEach(async () => {
    await openTab(s, 'record')
    await fluentButton(s.page, 'Clear').click()
  })

  it('records a receipt with one request: products by name and GTIN, lots, an explicit expiry, serials', async () => {
    await s.page.getByLabel('Reference', { exact: true }).fill(ref('PO'))
    await s.page.getByLabel('Supplier').fill('Dairy Co')
    await chooseProduct(s.page.getByLabel('Line 1 product'), 'milk 1l')
    expect(await s.page.getByLabel('Line 1 product').inputValue()).toBe('MILK')
    await s.page.locator('[data-path="lines[0].lot"]').fill(ref('M1'))
    await s.page.locator('[data-path="lines[0].qty"]').fill('10')
    // A line added and removed again leaves the others as they were.
    await s.page.locator('[data-action=add-lines]').click()
    await s.page.locator('[data-action=add-lines]').click()
    await s.page.locator('fluent-button[aria-label="Remove line 2"]').click()
    await chooseProduct(s.page.getByLabel('Line 2 product'), 'MILK')
    await s.page.locator('[data-path="lines[1].lot"]').fill(ref('M2'))
    await s.page.locator('[data-path="lines[1].qty"]').fill('5')
    await s.page.locator('[data-path="lines[1].expirationDate"]').fill(addDays(today, 3))
    await s.page.locator('[data-action=add-lines]').click()
    await chooseProduct(s.page.getByLabel('Line 3 product'), '4006381333931')
    expect(await s.page.getByLabel('Line 3 product').inputValue()).toBe('PHONE')
    await s.page.locator('[data-path="lines[2].lot"]').fill(`SN-${width}-1\nSN-${width}-2`)
    expect(await fitsWidth(s.page)).toBe(true)
    await s.shot('record-01-receipt')
    s.requests.clear()
    await fluentButton(s.page, 'Record').click()
    const said = await waitStatus(s, `Recorded: Receipt ${ref('PO')}`)
    expect(said).toContain('4 moves')
    expect(s.requests.list()).toEqual(['POST /operations'])
    expect(await stockOf('MILK')).toEqual(expect.arrayContaining([`${ref('M1')}=10`, `${ref('M2')}=5`]))
    expect((await api.get(`/lots/MILK/${ref('M2')}`)).body.expirationDate).toBe(addDays(today, 3))
    await s.shot('record-02-recorded')
    // The result goes once the next operation is being typed.
    await s.page.getByLabel('Reference', { exact: true }).fill(ref('PO-next'))
    expect(await s.page.locator('.status-area').innerText()).toBe('')
    await fluentButton(s.page, 'Clear').click()
    expect(await s.page.getByLabel('Reference', { exact: true }).inputValue()).toBe('')
  })

  it('checks the form before sending: nothing is sent, each problem is on its line in plain words', async () => {
    await s.page.getByLabel('Operation', { exact: true }).selectOption('delivery')
    await chooseProduct(s.page.getByLabel('Line 1 product'), 'MILK')
    await s.page.locator('[data-path="lines[0].qty"]').fill('0')
    await s.page.locator('[data-action=add-lines]').click()
    await chooseProduct(s.page.getByLabel('Line 2 product'), 'NOPE')
    expect(await lineError(s, 1)).toBe('no product "NOPE" (not a SKU, GTIN or product name)')
    await s.page.locator('[data-path="lines[1].qty"]').fill('1')
    s.requests.clear()
    await fluentButton(s.page, 'Record').click()
    await waitStatus(s, 'Check the marked fields: nothing was sent.')
    expect(s.requests.list()).toEqual([])
    expect(await lineError(s, 0)).toBe('MILK is tracked by lot: name the lot; quantity must be greater than 0')
    expect(await lineError(s, 1)).toBe('no product "NOPE" (not a SKU, GTIN or product name)')
    expect(await s.page.locator('.field:has([name=reference]) .field-error').innerText()).toBe('a reference is required (e.g. the PO or order number)')
    const text = await s.page.locator('main').innerText()
    expect(text).not.toMatch(/lines\[|Invalid input|expected string/)
    expect(await s.page.locator('[data-tab=queue] .count').count()).toBe(0)
    expect(await s.page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('reference')
    await s.shot('record-03-checked')
    await fluentButton(s.page, 'Clear').click()
  })

  it('shows a refusal on its line, once, keeps it off the Queue, and records the fixed line', async () => {
    await api.post('/operations', {
      id: ref('old-in'), type: 'receipt', reference: ref('PO-OLD'), date: addDays(today, -30),
      lines: [{ product: 'MILK', qty: 4, lot: ref('OLD'), expirationDate: addDays(today, -2) }],
    })
    await s.page.getByLabel('Operation', { exact: true }).selectOption('delivery')
    await s.page.getByLabel('Reference', { exact: true }).fill(ref('SO-OLD'))
    await chooseProduct(s.page.getByLabel('Line 1 product'), 'MILK')
    await s.page.locator('[data-path="lines[0].lot"]').fill(ref('OLD'))
    await s.page.locator('[data-path="lines[0].qty"]').fill('1')
    s.requests.clear()
    await fluentButton(s.page, 'Record').click()
    const said = await waitStatus(s, 'A lot is expired. Nothing was recorded')
    expect(s.requests.list()).toEqual(['POST /operations'])
    expect(await lineError(s, 0)).toBe(`lot ${ref('OLD')} of MILK expired on ${addDays(today, -2)}`)
    expect(said).not.toContain('expired on')
    expect((await s.page.locator('main').innerText()).split('expired on').length - 1).toBe(1)
    expect(await s.page.locator('[data-path="lines[0].lot"]').getAttribute('aria-invalid')).toBe('true')
    expect(await s.page.locator('[data-tab=queue] .count').count()).toBe(0)
    await s.shot('record-04-refused-on-form')
    await s.page.locator('[data-path="lines[0].lot"]').fill(ref('M1'))
    s.requests.clear()
    await fluentButton(s.page, 'Record').click()
    await waitStatus(s, `Recorded: Delivery ${ref('SO-OLD')}`)
    expect(s.requests.list()).toEqual(['POST /operations'])
    await openTab(s, 'queue')
    await s.page.getByText('Nothing waiting').waitFor()
    await openTab(s, 'record')
  })

  it('delivers with a first-expiring-first suggestion', async () => {
    await s.page.getByLabel('Operation', { exact: true }).selectOption('delivery')
    await s.page.getByLabel('Reference', { exact: true }).fill(ref('SO'))
    await s.page.getByLabel('Customer').fill('Corner Shop')
    await chooseProduct(s.page.getByLabel('Line 1 product'), 'MILK')
    await s.page.locator('[data-path="lines[0].qty"]').fill('7')
    s.requests.clear()
    await fluentButton(s.page, 'Suggest lots').click()
    await waitStatus(s, `${ref('M2')} × 5`)
    expect(s.requests.list()).toEqual(['GET /stock/fefo?product=MILK&qty=7'])
    expect(await s.page.locator('[data-path="lines[0].lot"]').inputValue()).toBe(ref('M2'))
    expect(await s.page.locator('[data-path="lines[1].lot"]').inputValue()).toBe(ref('M1'))
    expect(await s.page.locator('[data-path="lines[1].qty"]').inputValue()).toBe('2')
    await s.shot('record-05-fefo')
    await fluentButton(s.page, 'Record').click()
    await waitStatus(s, `Recorded: Delivery ${ref('SO')}`)
  })

  it('returns a delivery found by its reference, looked up once', async () => {
    await s.page.getByLabel('Operation', { exact: true }).selectOption('return')
    await s.page.getByLabel('Reference', { exact: true }).fill(ref('RMA'))
    const returns = s.page.getByLabel('Returns (reference of the delivery or receipt)')
    await returns.fill(ref('SO'))
    s.requests.clear()
    await returns.press('Enter')
    const chosen = await s.page.locator('[data-return-of]').innerText()
    expect(chosen).toMatch(new RegExp(`^Returns Delivery ${ref('SO')} · ${today} · Corner Shop · 2 moves$`))
    await fluentButton(s.page, 'Find').click()
    expect(s.requests.list()).toEqual([`GET /operations?reference=${ref('SO')}&limit=100`])
    await s.shot('record-06-return')
    s.requests.clear()
    await fluentButton(s.page, 'Record').click()
    await waitStatus(s, `Recorded: Return ${ref('RMA')}`)
    expect(s.requests.list()).toEqual(['POST /operations'])
    const delivery = (await api.get(`/operations?reference=${ref('SO')}`)).body.operations[0]
    const back = (await api.get(`/operations?reference=${ref('RMA')}`)).body.operations[0]
    expect(back.correctionOf).toBe(delivery.id)
    // A reference nobody used says so under the field.
    await s.page.getByLabel('Operation', { exact: true }).selectOption('return')
    await returns.fill('NO-SUCH-REF')
    await returns.press('Enter')
    await s.page.locator('.field:has([name=correctionRef]) .field-error', { hasText: 'no delivery or receipt has the reference NO-SUCH-REF' }).waitFor()
    await fluentButton(s.page, 'Clear').click()
  })

  it('records a production, which consumed lot made the output ticked, and a count of the no-lot bucket', async () => {
    await s.page.getByLabel('Operation', { exact: true }).selectOption('production')
    await s.page.getByLabel('Reference', { exact: true }).fill(ref('MO'))
    await chooseProduct(s.page.getByLabel('Consumed line 1 product'), 'MILK')
    await s.page.locator('[data-path="consume[0].lot"]').fill(ref('M1'))
    await s.page.locator('[data-path="consume[0].qty"]').fill('1')
    await chooseProduct(s.page.getByLabel('Produced line 1 product'), 'MILK')
    await s.page.locator('[data-path="produce[0].lot"]').fill(ref('C1'))
    await s.page.locator('[data-path="produce[0].qty"]').fill('1')
    await s.page.locator('[data-section=produce]').getByLabel(`MILK ${ref('M1')}`).check()
    await s.shot('record-08-production')
    s.requests.clear()
    await fluentButton(s.page, 'Record').click()
    await waitStatus(s, `Recorded: Production ${ref('MO')}`)
    expect(s.requests.list()).toEqual(['POST /operations'])
    const trace = (await api.get(`/trace?product=MILK&lot=${ref('C1')}&direction=upstream`)).body
    expect(trace.rows.map((r: { lot: string }) => r.lot)).toContain(ref('M1'))

    await s.page.getByLabel('Operation', { exact: true }).selectOption('adjustment')
    await s.page.getByLabel('Reference', { exact: true }).fill(ref('COUNT'))
    await chooseProduct(s.page.getByLabel('Line 1 product'), 'MILK')
    await s.page.getByLabel('No lot (count the untracked bucket)').check()
    await s.page.locator('[data-path="lines[0].qty"]').fill('0')
    await fluentButton(s.page, 'Record').click()
    await waitStatus(s, `Recorded: Inventory adjustment ${ref('COUNT')}`)
  })

  it('takes lines from the rows selected in a sheet, products named as the sheet names them', async () => {
    await s.page.evaluate(() => {
      const fake = (window as any).__fakeExcel
      const name = `Goods ${Date.now()}`
      fake.addSheet(name).set('A1', [['Item', 'Batch', 'Qty'], ['Milk 1L', 'B-1', 3], ['bolt', null, 12]])
      fake.setSelection(name, 'A2:C3')
    })
    await s.page.getByLabel('Operation', { exact: true }).selectOption('receipt')
    s.requests.clear()
    await fluentButton(s.page, 'Take lines from the selected rows').click()
    await waitStatus(s, '2 lines taken from Goods')
    expect(s.requests.list()).toEqual([])
    expect(await s.page.getByLabel('Line 1 product').inputValue()).toBe('MILK')
    expect(await s.page.getByLabel('Line 2 product').inputValue()).toBe('BOLT')
    expect(await s.page.locator('[data-path="lines[1].qty"]').inputValue()).toBe('12')
    await s.shot('record-07-from-selection')
    await fluentButton(s.page, 'Clear').click()
  })
})

describe.skipIf(toolSkipped('chromium'))('Record without Excel', () => {
  beforeAll(freshServer, 60_000)
  afterAll(async () => server?.close())

  it('has no Excel button, and records the same way', async () => {
    const s = await openPaneAt(server.url, { excel: false, width: 320 })
    try {
      await connectWithEnter(s, api.token)
      expect(await fluentButton(s.page, 'Take lines from the selected rows').count()).toBe(0)
      await s.page.getByLabel('Reference', { exact: true }).fill('PO-NX')
      await chooseProduct(s.page.getByLabel('Line 1 product'), 'bolt')
      await s.page.locator('[data-path="lines[0].qty"]').fill('2')
      s.requests.clear()
      await fluentButton(s.page, 'Record').click()
      await waitStatus(s, 'Recorded: Receipt PO-NX')
      expect(s.requests.list()).toEqual(['POST /operations'])
    } finally {
      await s.close()
    }
  })
})
