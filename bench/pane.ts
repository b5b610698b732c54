/**
 * `node --import tsx bench/pane.ts [--runs 15]`: the task pane's weight and first load. Builds the
 * pane when `dist/addin` is stale, reads the size of each JavaScript file as served (gzip and
 * brotli), then starts the real server on a new data directory, asks it for the pane a few times
 * (a warm server), and opens the pane in headless Chromium: cold (a new browser profile each
 * time: nothing cached, no service worker) until the Connect form shows, then returning (the same
 * profile, a new page each time) until the Connect form shows, and once connected until the
 * header says Online. office.js is the npm package's, served in place of Microsoft's CDN with a
 * day's cache lifetime. The last line is the result as JSON.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Browser, BrowserContext } from 'playwright-core'
import { paneSizes } from '../scripts/lib/pane-size'
import { DEFAULT_ADDIN_DIR } from '../server/http/static'
import { addinBuildStale, buildAddin } from '../test/helpers/addin-build'
import { launchChromium } from '../test/helpers/browser'
import { newPanePage, timeToUsable, watchUsable, type Usable } from './lib/pane-load'
import type { PaneResult } from './lib/pane'
import { startServer } from './lib/server'

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '15' } } })
const runs = Number(args.runs)
const log = (m: string) => console.error(`bench pane: ${m}`)
/** Runs where office.js did not run: reported, as such a pane is not the one measured. */
let withoutOffice = 0

async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 360, height: 900 } })
  await watchUsable(context)
  return context
}

/** `runs` new pages in one profile, each closed before the next; the times until `what`. */
async function returning(context: BrowserContext, url: string, what: Usable): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const { ms, office, page } = await timeToUsable(context, url, what)
    times.push(ms)
    if (!office) withoutOffice++
    await page.close()
  }
  return times
}

async function main(): Promise<void> {
  const stale = addinBuildStale()
  if (stale) {
    log(`${stale}: building the pane`)
    buildAddin()
  }
  const sizes = paneSizes(DEFAULT_ADDIN_DIR)
  const dataDir = await mkdtemp(join(tmpdir(), 'lotledger-bench-pane-'))
  const server = await startServer(dataDir)
  const browser = await launchChromium()
  try {
    const token = /admin token \(shown once, keep it\): (\S+)/.exec(server.output())?.[1]
    if (!token) throw new Error(`the server printed no admin token:\n${server.output()}`)
    // A warm server: its first answers (reading the files, compiling routes) are not what is measured.
    for (let i = 0; i < 3; i++) {
      const html = await (await fetch(`${server.url}/taskpane.html`)).text()
      for (const m of html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)) await (await fetch(`${server.url}/${m[1]}`)).arrayBuffer()
    }

    log(`cold: ${runs} new profiles until the Connect form`)
    const cold: number[] = []
    for (let i = 0; i < runs; i++) {
      const context = await newContext(browser)
      const { ms, office } = await timeToUsable(context, server.url, 'connect')
      cold.push(ms)
      if (!office) withoutOffice++
      await context.close()
    }

    const context = await newContext(browser)
    // The first visit fills the caches and installs the service worker (when the pane has one).
    const first = await timeToUsable(context, server.url, 'connect')
    await first.page.evaluate(() => Promise.race([navigator.serviceWorker?.ready, new Promise((r) => setTimeout(r, 5_000))]))
    await first.page.close()
    log(`returning: ${runs} pages until the Connect form`)
    const returningConnect = await returning(context, server.url, 'connect')

    const connect = await newPanePage(context)
    await connect.goto(`${server.url}/taskpane.html`)
    await connect.getByLabel('Token').fill(token)
    await connect.getByLabel('Token').press('Enter')
    await connect.locator('fluent-badge.state', { hasText: 'Online' }).waitFor()
    await connect.close()
    log(`returning, connected: ${runs} pages until Online`)
    const returningOnline = await returning(context, server.url, 'online')
    await context.close()

    const result: PaneResult = { sizes, load: { cold, returningConnect, returningOnline }, withoutOffice }
    console.log(JSON.stringify(result))
  } finally {
    await browser.close()
    await server.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error('bench pane failed:', err)
  process.exit(1)
})
