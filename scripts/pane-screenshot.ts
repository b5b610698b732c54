/**
 * Makes docs/taskpane.png, the README's picture of the pane: a demo ledger on a throwaway server,
 * the pane in Chromium beside a fake Excel, a delivery with lots suggested first-expiring-first.
 * `node --import tsx scripts/pane-screenshot.ts` (needs a built pane: npm run build).
 */
import { fileURLToPath } from 'node:url'
import { addDays } from '../shared/dates'
import { fluentButton, openPane } from '../test/helpers/browser'
import { startServer } from '../test/helpers/server'

const out = fileURLToPath(new URL('../docs/taskpane.png', import.meta.url))
const today = new Date().toISOString().slice(0, 10)
const server = await startServer()
try {
  const api = server.admin
  await api.put('/products/MILK-1L', { name: 'Whole milk 1 L', tracking: 'lot', expiry: { expirationDays: 12, alertDays: 3 } })
  await api.post('/operations', {
    id: 'demo-po', type: 'receipt', reference: 'PO-1042', partner: 'Dairy Co', date: addDays(today, -4),
    lines: [{ product: 'MILK-1L', qty: 120, lot: 'L2611-A' }, { product: 'MILK-1L', qty: 40, lot: 'L2611-B', expirationDate: addDays(today, 2) }],
  })
  const s = await openPane(server.url, { excel: true, width: 350 })
  try {
    await s.page.setViewportSize({ width: 350, height: 760 })
    await s.page.getByLabel('Token').fill(api.token)
    await fluentButton(s.page, 'Connect').click()
    await s.page.locator('fluent-badge.state', { hasText: 'Online' }).waitFor()
    await s.page.getByLabel('Operation', { exact: true }).selectOption('delivery')
    await s.page.getByLabel('Reference').fill('SO-2231')
    await s.page.getByLabel('Customer').fill('Corner Shop')
    const product = s.page.getByLabel('Line 1 product')
    await product.fill('MILK-1L')
    await product.press('Tab')
    await s.page.locator('[data-path="lines[0].qty"]').fill('60')
    await fluentButton(s.page, 'Suggest lots').click()
    await s.page.locator('.status-area', { hasText: 'L2611-B' }).waitFor()
    await s.page.evaluate(() => window.scrollTo(0, 0))
    await s.page.screenshot({ path: out, fullPage: true })
  } finally {
    await s.close()
  }
} finally {
  await server.close()
}
console.log(`wrote ${out}`)
