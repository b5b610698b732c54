/**
 * The pane opened again offline, with office.js, at 320 px: its service worker kept a copy of the
 * built pane, so a reload without a network shows the pane (not the browser's error page) with
 * the writes waiting in its Queue. The copy never holds an API answer, and a new build served
 * replaces it (a cache named after the build, the older one dropped).
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireBuiltAddin } from '../../helpers/built-addin'
import { chooseProduct, connectWithEnter, fluentButton, openPaneAt, openTab, waitStatus, type Pane } from '../../helpers/pane'
import { startServer, type TestServer } from '../../helpers/server'
import { tempDirs } from '../../helpers/temp'
import { toolSkipped } from '../../helpers/tools'

const temp = tempDirs()
let server: TestServer
let dist: string

beforeAll(async () => {
  // A copy of the build of its own, which the last test replaces by a "new build".
  dist = join(await temp.make('lotledger-offline-'), 'addin')
  await cp(requireBuiltAddin(), dist, { recursive: true })
  server = await startServer({ app: { addinDir: dist } })
  await server.admin.put('/products/BOLT', { name: 'Bolt M6' })
}, 60_000)
afterAll(async () => {
  await server?.close()
  await temp.cleanup()
})

/** The pane's caches, and the URLs (path only) each holds. */
function caches(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {}
    for (const name of await window.caches.keys()) {
      out[name] = (await (await window.caches.open(name)).keys()).map((r) => new URL(r.url).pathname).sort()
    }
    return out
  })
}

/** Waits until the service worker controls the page and its cache is filled. */
async function controlled(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 })
}

describe.skipIf(toolSkipped('chromium'))('the pane offline, with office.js, at 320 px', () => {
  let s: Pane
  beforeAll(async () => {
    s = await openPaneAt(server.url, { excel: false, width: 320, serviceWorker: true })
    await connectWithEnter(s, (await server.clientFor('operator')).token)
    await controlled(s.page)
  }, 60_000)
  afterAll(async () => s?.close())

  it('keeps a copy of the built pane, named after the build, and no API answer', async () => {
    const sw = await readFile(join(dist, 'sw.js'), 'utf8')
    const version = /"version":"([0-9a-f]+)"/.exec(sw)![1]
    const kept = await caches(s.page)
    expect(Object.keys(kept)).toEqual([`lotledger-pane-${version}`])
    const paths = kept[`lotledger-pane-${version}`]
    expect(paths).toContain('/taskpane.html')
    const html = await readFile(join(dist, 'taskpane.html'), 'utf8')
    for (const m of html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)) expect(paths).toContain(`/${m[1]}`)
    expect(paths.filter((p) => p.startsWith('/api/') || p.endsWith('.map') || p === '/sw.js')).toEqual([])
    // The pane has asked the API for a good deal by now (/me, products, locations, settings, changes).
    expect(s.requests.list().length).toBeGreaterThan(3)
  })

  it('opens again offline from its copy, with the writes waiting in its Queue', async () => {
    await s.context.setOffline(true)
    await openTab(s, 'record')
    await s.page.getByLabel('Operation', { exact: true }).selectOption('receipt')
    await s.page.getByLabel('Reference', { exact: true }).fill('PO-OFFLINE')
    await chooseProduct(s.page.getByLabel('Line 1 product'), 'BOLT')
    await s.page.locator('[data-path="lines[0].qty"]').fill('12')
    await fluentButton(s.page, 'Record').click()
    await waitStatus(s, 'Saved on this computer: it will be sent when the server can be reached')

    const answer = await s.page.reload()
    expect(answer?.fromServiceWorker()).toBe(true)
    expect(s.page.url()).toBe(`${server.url}/taskpane.html`)
    await s.page.locator('fluent-badge.state', { hasText: 'Offline' }).waitFor()
    await s.page.locator('[data-tab=queue] .count', { hasText: '1' }).waitFor()
    await openTab(s, 'queue')
    expect(await s.page.locator('article.queued').innerText()).toContain('Receipt PO-OFFLINE, 1 line')
    // Styled as ever: the Fluent theme's tokens came from the copy too.
    const brand = await s.page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--colorBrandBackground').trim())
    expect(brand).toMatch(/^#[0-9a-f]{6}$/i)
    await s.shot('offline-01-reopened')
    // The forms, loaded when first opened, come from the copy too.
    await openTab(s, 'record')
    await s.page.getByLabel('Operation', { exact: true }).waitFor()

    // Online again, opened again: the API is the server's (never a copy), and the waiting write goes, once.
    await s.context.setOffline(false)
    await s.page.reload()
    await s.page.locator('fluent-badge.state', { hasText: 'Online' }).waitFor()
    await expect.poll(async () => (await server.admin.get('/operations?reference=PO-OFFLINE')).body.operations.length, { timeout: 15_000 }).toBe(1)
    await s.page.locator('[data-tab=queue] .count').waitFor({ state: 'detached' })
  })

  it('takes a new build when the server serves one, and drops the old copy', async () => {
    const before = Object.keys(await caches(s.page))
    expect(before).toHaveLength(1)
    // A new build: another page and, as every build makes, a service worker of another version.
    const page = join(dist, 'taskpane.html')
    await writeFile(page, (await readFile(page, 'utf8')).replace('<title>lotledger</title>', '<title>lotledger (new build)</title>'))
    const sw = join(dist, 'sw.js')
    await writeFile(sw, (await readFile(sw, 'utf8')).replace(/"version":"[0-9a-f]+"/, '"version":"0000000000ab"'))
    for (const file of [page, sw]) for (const suffix of ['.gz', '.br']) await rm(file + suffix, { force: true })

    await s.page.reload()
    expect(await s.page.title()).toBe('lotledger (new build)')
    await expect.poll(async () => Object.keys(await caches(s.page)), { timeout: 15_000 }).toEqual(['lotledger-pane-0000000000ab'])
    await expect.poll(() => s.page.evaluate(() => navigator.serviceWorker.controller?.state), { timeout: 15_000 }).toBe('activated')

    // Offline, the new build's page is the one kept.
    await s.context.setOffline(true)
    await s.page.reload()
    expect(await s.page.title()).toBe('lotledger (new build)')
    await s.page.locator('fluent-badge.state', { hasText: 'Offline' }).waitFor()
    await s.context.setOffline(false)
  })
})
