/**
 * The README's picture of the pane: a demo ledger, the pane in Chromium beside a fake Excel, a
 * delivery with lots suggested first-expiring-first. Taken by a test so that the scene is checked
 * on every run; the picture goes to test-artifacts/readme-taskpane.png, or to PANE_SCREENSHOT
 * when that names a file (`node --import tsx scripts/pane-screenshot.ts` writes docs/taskpane.png
 * this way).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays } from '../../../shared/dates'
import { requireBuiltAddin } from '../../helpers/built-addin'
import { connectPane, fluentButton, openPane } from '../../helpers/browser'
import { startServer, type TestServer } from '../../helpers/server'
import { toolSkipped } from '../../helpers/tools'

let server: TestServer
const today = new Date().toISOString().slice(0, 10)

beforeAll(async () => {
  server = await startServer({ app: { addinDir: requireBuiltAddin() } })
}, 60_000)
afterAll(async () => server?.close())

describe.skipIf(toolSkipped('chromium'))('the README screenshot', () => {
  it('shows a delivery of milk with the lot expiring first suggested first', async () => {
    const api = server.admin
    await api.put('/products/MILK-1L', { name: 'Whole milk 1 L', tracking: 'lot', expiry: { expirationDays: 12, alertDays: 3 } })
    const receipt = await api.post('/operations', {
      id: 'demo-po', type: 'receipt', reference: 'PO-1042', partner: 'Dairy Co', date: addDays(today, -4),
      lines: [{ product: 'MILK-1L', qty: 120, lot: 'L2611-A' }, { product: 'MILK-1L', qty: 40, lot: 'L2611-B', expirationDate: addDays(today, 2) }],
    })
    expect(receipt.status).toBe(201)
    const s = await openPane(server.url, { excel: true, width: 350 })
    try {
      await s.page.setViewportSize({ width: 350, height: 760 })
      await connectPane(s, api.token)
      await s.page.getByLabel('Operation', { exact: true }).selectOption('delivery')
      await s.page.getByLabel('Reference').fill('SO-2231')
      await s.page.getByLabel('Customer').fill('Corner Shop')
      const product = s.page.getByLabel('Line 1 product')
      await product.fill('MILK-1L')
      await product.press('Tab')
      await s.page.locator('[data-path="lines[0].qty"]').fill('60')
      await fluentButton(s.page, 'Suggest lots').click()
      await s.page.locator('.status-area', { hasText: 'L2611-B' }).waitFor()
      const line = async (i: number) => [
        await s.page.locator(`[data-path="lines[${i}].lot"]`).inputValue(),
        await s.page.locator(`[data-path="lines[${i}].qty"]`).inputValue(),
      ]
      expect([await line(0), await line(1)]).toEqual([['L2611-B', '40'], ['L2611-A', '20']])
      await s.page.evaluate(() => window.scrollTo(0, 0))
      const out = process.env.PANE_SCREENSHOT
      if (out) await s.page.screenshot({ path: out, fullPage: true })
      else await s.shot('readme-taskpane')
    } finally {
      await s.close()
    }
  })
})
