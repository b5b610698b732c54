/**
 * Connecting the pane, as a person does it, with office.js loaded, at Excel's narrowest pane and
 * a wide one: Enter in the Token field, one load of the catalogue, the header (a long workspace
 * name, the role, the queue's count) within the width, the tabs by keyboard, a refused token, a
 * viewer's token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorkspaceWithAdmin } from '../../../server/admin/bootstrap'
import { requireBuiltAddin } from '../../helpers/built-addin'
import { client, startServer, type Client, type TestServer } from '../../helpers/server'
import { toolSkipped } from '../../helpers/tools'
import { connectWithEnter, fitsWidth, fluentButton, openPaneAt, openTab, waitStatus, WIDTHS, type Pane } from '../../helpers/pane'

const LONG_NAME = 'Northwind Dairy Cooperative, Eastern Distribution Centre'
let server: TestServer
let northwind: Client

beforeAll(async () => {
  server = await startServer({ app: { addinDir: requireBuiltAddin() } })
  northwind = client(server.url, (await createWorkspaceWithAdmin(server.store, 'northwind', LONG_NAME)).secret)
  await northwind.put('/products/MILK', { name: 'Milk 1L', tracking: 'lot' })
}, 60_000)
afterAll(async () => server?.close())

describe.skipIf(toolSkipped('chromium')).each(WIDTHS)('connecting, at %i px', (width) => {
  let s: Pane
  beforeAll(async () => {
    s = await openPaneAt(server.url, { excel: true, width })
  }, 60_000)
  afterAll(async () => s?.close())

  it('connects with Enter in the Token field, loading the catalogue once, and lands on Record', async () => {
    expect(await s.page.locator('[data-tab]:not([disabled])').count()).toBe(0)
    expect(await s.page.locator('main').getAttribute('role')).toBe('region')
    await s.shot('connect-01-form')
    s.requests.clear()
    await connectWithEnter(s, (await server.clientFor('operator')).token)
    await s.page.locator('[role=tabpanel][aria-labelledby=tab-record]').waitFor()
    expect(s.requests.list().sort()).toEqual(['GET /changes?since=0&limit=1', 'GET /locations', 'GET /me', 'GET /products', 'GET /settings'])
    expect(await s.page.locator('header.top .ws').innerText()).toBe('default')
    expect(await s.page.locator('header.top .role').innerText()).toBe('operator')
    expect(await fitsWidth(s.page)).toBe(true)
    await s.shot('connect-02-connected')
  })

  it('moves between tabs with the arrow keys, Home and End, one tab in the Tab order', async () => {
    const selected = () => s.page.locator('[role=tab][aria-selected=true]').getAttribute('data-tab')
    const focused = () => s.page.evaluate(() => document.activeElement?.getAttribute('data-tab'))
    await s.page.locator('[data-tab=record]').focus()
    await s.page.keyboard.press('ArrowRight')
    expect([await selected(), await focused()]).toEqual(['lots', 'lots'])
    expect(await s.page.locator('main').getAttribute('aria-labelledby')).toBe('tab-lots')
    await s.page.keyboard.press('End')
    expect([await selected(), await focused()]).toEqual(['queue', 'queue'])
    await s.page.keyboard.press('ArrowRight')
    expect(await selected()).toBe('record')
    await s.page.keyboard.press('ArrowLeft')
    expect(await selected()).toBe('queue')
    await s.page.keyboard.press('Home')
    expect([await selected(), await focused()]).toEqual(['record', 'record'])
    expect(await s.page.locator('[role=tab][tabindex="0"]').evaluateAll((tabs) => tabs.map((t) => t.getAttribute('data-tab')))).toEqual(['record'])
    // Tab from the tab list goes into the panel, not along the tabs.
    await s.page.keyboard.press('Tab')
    expect(await focused()).toBeNull()
  })

  it('keeps the role readable and the pane unscrolled sideways with a long workspace name and a queue count', async () => {
    await fluentButton(s.page, '⚙').click()
    await s.page.getByLabel('Token').fill(northwind.token)
    await s.page.getByLabel('Token').press('Enter')
    await s.page.locator('header.top .ws', { hasText: 'Northwind' }).waitFor()
    // Two writes wait: the server cannot be reached.
    await s.page.route('**/api/v1/**', (r) => r.abort())
    try {
      for (const ref of ['PO-1', 'PO-2']) {
        await s.page.getByLabel('Reference').fill(ref)
        await s.page.getByLabel('Line 1 product').fill('MILK')
        await s.page.getByLabel('Line 1 product').press('Tab')
        await s.page.locator('[data-path="lines[0].lot"]').fill(`L-${ref}`)
        await s.page.locator('[data-path="lines[0].qty"]').fill('1')
        await fluentButton(s.page, 'Record').click()
        await waitStatus(s, 'Saved on this computer')
      }
      await s.page.locator('[data-tab=queue] .count', { hasText: '2' }).waitFor()
      await s.page.locator('fluent-badge.state', { hasText: 'Offline' }).waitFor()
    } finally {
      await s.page.unroute('**/api/v1/**')
    }
    const role = await s.page.locator('header.top .role').evaluate((el) => {
      const r = el.getBoundingClientRect()
      return { text: el.textContent, whole: el.scrollWidth <= el.clientWidth, inside: r.left >= 0 && r.right <= window.innerWidth }
    })
    expect(role).toEqual({ text: 'admin', whole: true, inside: true })
    expect(await s.page.locator('header.top .who').getAttribute('title')).toBe(`${LONG_NAME} · admin`)
    expect(await fitsWidth(s.page)).toBe(true)
    await s.shot('connect-03-long-name-offline')
    await openTab(s, 'queue')
    await fluentButton(s.page, 'Send now').click()
    await s.page.getByText('Nothing waiting').waitFor({ timeout: 30_000 })
  })

  it('says why a token is refused, and stays on the form', async () => {
    await fluentButton(s.page, '⚙').click()
    await s.page.getByLabel('Token').fill('ll_not-a-token-at-all')
    await fluentButton(s.page, 'Connect').click()
    expect(await waitStatus(s, 'Could not connect')).toContain('the token is not valid (unknown or revoked)')
    expect(await s.page.locator('main').getAttribute('role')).toBe('region')
    // The token in use still works: the header does not say otherwise.
    expect(await s.page.locator('fluent-badge.state').innerText()).toBe('Online')
    await s.shot('connect-04-refused')
  })

  it('gives a viewer the sheets, and says why it gets no forms to write with', async () => {
    await s.page.getByLabel('Token').fill((await server.clientFor('viewer')).token)
    await s.page.getByLabel('Token').press('Enter')
    await s.page.locator('[role=tabpanel][aria-labelledby=tab-sheets]').waitFor()
    expect(await s.page.locator('header.top .role').innerText()).toBe('viewer')
    for (const [tab, words] of [['record', 'record operations'], ['lots', 'register lots'], ['import', 'import']] as const) {
      await openTab(s, tab)
      expect(await s.page.locator('main').innerText()).toContain(`A viewer token cannot ${words}.`)
      expect(await s.page.locator('main form').count()).toBe(0)
    }
    await s.shot('connect-05-viewer')
    await fluentButton(s.page, 'Connect with another token').click()
    expect(await s.page.locator('[data-fact=role]').innerText()).toBe('viewer')
    await fluentButton(s.page, 'Disconnect').click()
    expect(await s.page.getByLabel('Token').inputValue()).toBe('')
    expect(await s.page.locator('[data-tab]:not([disabled])').count()).toBe(0)
  })
})
