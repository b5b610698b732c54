/**
 * A recall as the pane meets it, with office.js and the fake Excel, at 320 px and 480 px: a recall
 * opened over the API puts the lot on hold; the Recall sheet pulled in the pane says so (its
 * subtitle names the recall, the stock left is Held, and the pane says it beside the result), and a delivery of the held lot recorded in
 * the pane is refused on its line with the recall named, nothing queued nor recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireBuiltAddin } from '../../helpers/built-addin'
import { chooseProduct, connectWithEnter, fitsWidth, fluentButton, openPaneAt, openTab, waitStatus, WIDTHS, type Pane } from '../../helpers/pane'
import { seedSheets } from '../../helpers/pane-ledger'
import { startServer, type TestServer } from '../../helpers/server'
import { toolSkipped } from '../../helpers/tools'

const HOLD = 'lot M-1 of MILK is on hold under recall rc-1 (Supplier notice SN-77): it cannot be delivered'

describe.skipIf(toolSkipped('chromium')).each(WIDTHS)('A held lot in the pane, at %i px', (width) => {
  let server: TestServer
  let s: Pane
  beforeAll(async () => {
    server = await startServer({ app: { addinDir: requireBuiltAddin() } })
    await seedSheets(server)
    const quality = await server.clientFor('operator')
    const opened = await quality.post('/recalls', { id: 'rc-1', product: 'MILK', lot: 'M-1', reason: 'Supplier notice SN-77' })
    expect(opened.status, JSON.stringify(opened.body)).toBe(201)
    s = await openPaneAt(server.url, { excel: true, width })
    await connectWithEnter(s, quality.token)
  }, 60_000)
  afterAll(async () => {
    await s?.close()
    await server?.close()
  })

  it('shows the hold on the Recall sheet: the recall named under the title, the stock left Held', async () => {
    await openTab(s, 'sheets')
    await s.page.getByLabel('Product', { exact: true }).first().fill('MILK')
    await s.page.getByLabel('Lot or serial').first().fill('M-1')
    s.requests.clear()
    await s.page.locator('[data-sheet=recall]').click()
    const said = await waitStatus(s, 'Recall MILK M-1: 2 rows')
    expect(said).toContain('On hold under recall rc-1 (Supplier notice SN-77): its lots cannot be delivered, consumed or moved out of stock until it is closed.')
    expect(await s.page.locator('.status-area fluent-message-bar').getAttribute('intent')).toBe('warning')
    expect(s.requests.list()).toEqual(['GET /recall?product=MILK&lot=M-1'])
    const sheet = await s.page.evaluate(() => {
      const ws = (window as any).__fakeExcel.sheet('Recall MILK M-1')
      return { title: ws.cell('A1').value, subtitle: ws.cell('A2').value, header: ws.values('A4:J4')[0], rows: ws.values('A5:J6') }
    })
    expect(sheet.title).toBe('Recall of MILK (Milk 1L) lot M-1: 1 lot, 1 delivery to 1 customer')
    expect(sheet.subtitle).toContain('ON HOLD under recall rc-1 (Supplier notice SN-77)')
    const column = (name: string) => sheet.header.indexOf(name)
    const held = sheet.rows.find((r: unknown[]) => r[0] === 'Held')
    expect(held, JSON.stringify(sheet.rows)).toBeDefined()
    expect([held[column('Product')], held[column('Lot/Serial')], held[column('Quantity')]]).toEqual(['MILK', 'M-1', 8])
    expect(sheet.rows.filter((r: unknown[]) => r[0] === 'On hand')).toEqual([])
    expect(await fitsWidth(s.page)).toBe(true)
    await s.shot('recall-01-sheet')
  })

  it('refuses a delivery of the held lot on its line, naming the recall: nothing queued, nothing recorded', async () => {
    await openTab(s, 'record')
    await fluentButton(s.page, 'Clear').click()
    await s.page.getByLabel('Operation', { exact: true }).selectOption('delivery')
    await s.page.getByLabel('Reference', { exact: true }).fill('SO-2')
    await s.page.getByLabel('Customer').fill('Corner Shop')
    await chooseProduct(s.page.getByLabel('Line 1 product'), 'MILK')
    await s.page.locator('[data-path="lines[0].lot"]').fill('M-1')
    await s.page.locator('[data-path="lines[0].qty"]').fill('1')
    s.requests.clear()
    await fluentButton(s.page, 'Record').click()
    const said = await waitStatus(s, 'A lot is on hold under a recall.')
    expect(s.requests.list()).toEqual(['POST /operations'])
    expect(said).toContain('Nothing was recorded')
    expect(await s.page.locator('[data-error-for="lines[0]"]').innerText()).toBe(HOLD)
    expect(await s.page.locator('[data-path="lines[0].lot"]').getAttribute('aria-invalid')).toBe('true')
    expect(await s.page.locator('main').innerText()).not.toMatch(/lines\[|lot_on_hold|409/)
    expect(await s.page.locator('[data-tab=queue] .count').count()).toBe(0)
    expect(await fitsWidth(s.page)).toBe(true)
    await s.shot('recall-02-delivery-refused')
    expect((await server.admin.get('/operations?reference=SO-2')).body.operations).toEqual([])
    await openTab(s, 'queue')
    expect(await s.page.locator('article.queued').count()).toBe(0)
  })
})
