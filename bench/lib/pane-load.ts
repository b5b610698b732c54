/**
 * How long the task pane takes to become usable in headless Chromium: from the start of the
 * navigation to the frame after the Connect form (no token stored) or the Online badge (a token
 * stored and the server answering) is on the page with its Fluent components defined.
 */
import type { BrowserContext, Page } from 'playwright-core'
import { serveOfficeJs } from './office-cdn'

/**
 * Put in the page before its own scripts: watches the document and notes `performance.now()` on
 * the next animation frame (the frame that shows it) once each kind of usable pane is there.
 */
const WATCH_USABLE = `(() => {
  const marks = (window.__paneUsable = {})
  const usable = () => {
    const online = document.querySelector('fluent-badge.state[data-state="online"]')
    if (online && customElements.get('fluent-badge')) return 'online'
    const token = document.querySelector('main input[name="token"]')
    if (token && customElements.get('fluent-button')) return 'connect'
    return null
  }
  const check = () => {
    const what = usable()
    if (!what || what in marks) return
    marks[what] = null
    requestAnimationFrame(() => { marks[what] = performance.now() })
  }
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true })
  for (const name of ['fluent-badge', 'fluent-button']) void customElements.whenDefined(name).then(check)
})()`

/** Which usable pane to wait for. */
export type Usable = 'connect' | 'online'

/** Makes every page of `context` note when it becomes usable. */
export async function watchUsable(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: WATCH_USABLE })
}

/** A new page of `context` with office.js served as its CDN would. */
export async function newPanePage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage()
  await serveOfficeJs(context, page)
  return page
}

/**
 * Opens the pane at `url` in a new page of `context`: the ms until it was `what`, and whether
 * office.js ran (a pane without it is not the pane Office shows); the page stays open.
 */
export async function timeToUsable(context: BrowserContext, url: string, what: Usable): Promise<{ ms: number; office: boolean; page: Page }> {
  const page = await newPanePage(context)
  await page.goto(`${url}/taskpane.html`)
  const handle = await page.waitForFunction(
    (w) => (window as unknown as { __paneUsable: Record<string, number | null> }).__paneUsable[w] ?? null,
    what, { timeout: 30_000, polling: 50 },
  )
  const office = await page.evaluate(() => typeof (window as { Office?: { onReady?: unknown } }).Office?.onReady === 'function')
  return { ms: (await handle.jsonValue()) as number, office, page }
}
