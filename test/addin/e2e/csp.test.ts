/**
 * The pane under its Content-Security-Policy, enforced by a real browser: it loads office.js (the
 * npm package's, served where Microsoft's CDN is), connects and works without one violation; the
 * recorder does see a violation when there is one; and a page of another origin cannot frame it.
 */
import { once } from 'node:events'
import ExcelJS from 'exceljs'
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireBuiltAddin } from '../../helpers/built-addin'
import { connectPane, fluentButton, openPane } from '../../helpers/browser'
import { startServer, type TestServer } from '../../helpers/server'
import { toolSkipped } from '../../helpers/tools'

let server: TestServer

beforeAll(async () => {
  server = await startServer({ app: { addinDir: requireBuiltAddin() } })
  await server.admin.put('/products/MILK', { name: 'Milk 1L', tracking: 'lot', expiry: { expirationDays: 10, alertDays: 3 } })
  await server.admin.post('/operations', { id: 'csp-in-1', type: 'receipt', reference: 'PO-CSP', lines: [{ product: 'MILK', qty: 5, lot: 'M-CSP' }] })
}, 60_000)
afterAll(async () => server?.close())

/** Opens every tab of the pane (each draws its view as it is clicked), so that all its components are drawn. */
async function visitTabs(page: import('playwright-core').Page): Promise<void> {
  const tabs = await page.locator('[data-tab]').evaluateAll((els) => els.map((e) => e.getAttribute('data-tab')!))
  expect(tabs.length).toBeGreaterThan(3)
  for (const tab of tabs) await page.locator(`[data-tab=${tab}]`).click()
}

describe.skipIf(toolSkipped('chromium'))('the pane under its Content-Security-Policy', () => {
  it('loads office.js, connects, draws every tab and pulls a sheet into Excel with no violation', async () => {
    const s = await openPane(server.url, { excel: true })
    try {
      // office.js ran (it is a script from the CDN the policy names) and said the host is Excel.
      expect(await s.page.evaluate(() => typeof (window as { Office?: { onReady?: unknown } }).Office?.onReady)).toBe('function')
      await connectPane(s, (await server.clientFor('operator')).token)
      await visitTabs(s.page)
      await s.page.locator('[data-tab=sheets]').click()
      await s.page.locator('[data-sheet=stock]').click()
      // The sheet written into the (fake) workbook: office.js and the pane did their work.
      await expect.poll(() => s.page.evaluate(() => (window as any).__fakeExcel.sheetNames() as string[]), { timeout: 15_000 }).toContain('Stock')
      expect(s.cspViolations).toEqual([])
    } finally {
      await s.close()
    }
  })

  it('downloads a sheet as a file (a blob: link) without Office, with no violation', async () => {
    const s = await openPane(server.url, { excel: false })
    try {
      await connectPane(s, server.admin.token)
      await visitTabs(s.page)
      await s.page.locator('[data-tab=sheets]').click()
      const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.locator('[data-sheet=stock]').click()])
      expect(download.suggestedFilename()).toMatch(/^Stock .*\.xlsx$/)
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.readFile((await download.path())!)
      expect(wb.worksheets[0].getCell('A1').value).toMatch(/Stock/)
      expect(s.cspViolations).toEqual([])
    } finally {
      await s.close()
    }
  })

  it('records a violation when there is one: an inline script is refused and reported', async () => {
    const s = await openPane(server.url, { excel: false })
    try {
      const ran = await s.page.evaluate(async () => {
        const script = document.createElement('script')
        script.textContent = 'window.__inlineRan = true'
        document.head.append(script)
        await new Promise((done) => setTimeout(done, 50))
        return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true
      })
      expect(ran).toBe(false)
      await expect.poll(() => s.cspViolations.join('\n'), { timeout: 10_000 }).toMatch(/script-src/)
      // Seen and checked: the session may close without failing on it.
      s.cspViolations.length = 0
      await fluentButton(s.page, 'Connect').waitFor()
    } finally {
      await s.close()
    }
  })

  it('cannot be framed by a page of another origin', async () => {
    // Another port of 127.0.0.1 is another origin, and not one of Office's.
    const framer: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end(`<!doctype html><iframe id="pane" src="${server.url}/taskpane.html"></iframe>`)
    })
    framer.listen(0, '127.0.0.1')
    await once(framer, 'listening')
    const port = (framer.address() as { port: number }).port
    const s = await openPane(server.url, { excel: false })
    try {
      await s.page.goto(`http://127.0.0.1:${port}/`)
      // Chromium reports the refusal in the framing page's console, and leaves the frame without the pane.
      await expect.poll(() => s.cspViolations.join('\n'), { timeout: 10_000 }).toMatch(/frame-ancestors/)
      const frame = s.page.frames().find((f) => f !== s.page.mainFrame())!
      expect(await frame.evaluate(() => document.querySelector('#app') !== null).catch(() => false)).toBe(false)
      s.cspViolations.length = 0
    } finally {
      await s.close()
      framer.close()
    }
  })
})
