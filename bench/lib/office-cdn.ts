/**
 * office.js for a timed page, answered from the @microsoft/office-js package in place of
 * Microsoft's CDN, as a CDN answers: with a day's cache lifetime and CORS allowed (office.js loads
 * some of its files as CORS scripts). Done with the DevTools protocol on that host alone:
 * playwright's route() would turn the browser's HTTP cache off for every request, and a returning
 * pane would then be measured without the cache it really has.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BrowserContext, Page } from 'playwright-core'

const OFFICE_DIST = fileURLToPath(new URL('../../node_modules/@microsoft/office-js/dist/', import.meta.url))
const HEADERS = [
  { name: 'content-type', value: 'application/javascript' },
  { name: 'cache-control', value: 'public, max-age=86400' },
  { name: 'access-control-allow-origin', value: '*' },
]

interface Paused {
  requestId: string
  request: { url: string }
}

/** Answers `page`'s requests to appsforoffice.microsoft.com from the package (404 for a file it lacks). */
export async function serveOfficeJs(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page)
  cdp.on('Fetch.requestPaused', (e: Paused) => {
    const name = new URL(e.request.url).pathname.split('/').pop() ?? ''
    void readFile(join(OFFICE_DIST, name)).then(
      (body) => cdp.send('Fetch.fulfillRequest', { requestId: e.requestId, responseCode: 200, responseHeaders: HEADERS, body: body.toString('base64') }),
      () => cdp.send('Fetch.fulfillRequest', { requestId: e.requestId, responseCode: 404, responseHeaders: HEADERS.slice(2) }),
    ).catch(() => {}) // the page may be closed meanwhile
  })
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: 'https://appsforoffice.microsoft.com/*' }] })
}
