/**
 * Failures as a person meets them, with office.js loaded, at 320 px. A panel whose script cannot
 * be loaded says so in its place and loads on Try again. A pane that cannot start shows
 * office-js-helpers' banner, whose code is loaded only then: a pane that starts never asks for it.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireBuiltAddin } from '../../helpers/built-addin'
import { connectWithEnter, fitsWidth, fluentButton, openPaneAt, openTab, type Pane } from '../../helpers/pane'
import { startServer, type TestServer } from '../../helpers/server'
import { toolSkipped } from '../../helpers/tools'

let server: TestServer
beforeAll(async () => {
  server = await startServer({ app: { addinDir: requireBuiltAddin() } })
}, 60_000)
afterAll(async () => server?.close())

/** The pane's script files the page asks for, by path. */
function scriptsAsked(s: Pane): string[] {
  const asked: string[] = []
  s.page.on('request', (r) => {
    const path = new URL(r.url()).pathname
    if (path.startsWith('/assets/') && path.endsWith('.js')) asked.push(path)
  })
  return asked
}

describe.skipIf(toolSkipped('chromium'))('failures, with office.js, at 320 px', () => {
  let s: Pane
  afterAll(async () => s?.close())

  it('a panel that cannot be loaded says so in its place, and loads on Try again', async () => {
    s = await openPaneAt(server.url, { excel: true, width: 320 })
    const asked = scriptsAsked(s)
    // The Lots panel's script cannot be loaded once: the server went away between two clicks, say.
    let refused = 0
    await s.page.route(/\/assets\/lots-[\w-]+\.js$/, (route) => (refused++ === 0 ? route.abort() : route.continue()))
    await connectWithEnter(s, (await server.clientFor('operator')).token)

    await s.page.locator('[data-tab=lots]').click()
    const failed = s.page.locator('main .panel-loading')
    await failed.getByText('Lots could not be loaded.').waitFor()
    expect(await failed.getAttribute('aria-busy')).toBeNull()
    expect(await fitsWidth(s.page)).toBe(true)
    await s.shot('failure-01-panel')

    await fluentButton(s.page, 'Try again').click()
    await openTab(s, 'lots')
    expect(refused).toBe(2)
    // Nothing went wrong that the pane could not say where it happened: no banner, nor its code.
    expect(await s.page.locator('.office-js-helpers-notification').count()).toBe(0)
    expect(asked.filter((p) => p.includes('office.helpers'))).toEqual([])
  })

  it('a pane that cannot start says so in a banner the user can close', async () => {
    const asked = scriptsAsked(s)
    // A page changed on its way (a proxy, a half-copied deployment): the place the pane draws into is gone.
    const page = (await readFile(join(requireBuiltAddin(), 'taskpane.html'), 'utf8')).replace(/<div id="app"[^>]*>.*?<\/div>/s, '')
    await s.page.route(/\/taskpane\.html$/, (route) => route.fulfill({ body: page, contentType: 'text/html' }))
    await s.page.reload()
    const banner = s.page.locator('.office-js-helpers-notification')
    await banner.waitFor()
    expect(await banner.innerText()).toContain('lotledger could not start')
    expect(asked.filter((p) => p.includes('office.helpers'))).toHaveLength(1)
    await s.shot('failure-02-start')
    await banner.locator('button').click()
    await banner.waitFor({ state: 'detached' })
  })
})
