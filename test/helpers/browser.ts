/**
 * The task pane in a real browser: Chromium, Chrome or Edge (wherever requireTool finds one)
 * driven by playwright-core, office.js served from the @microsoft/office-js package in place of
 * Microsoft's CDN, optionally the fake Excel injected, and nothing allowed past 127.0.0.1.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { buildFakeExcelIife } from '../addin/fake-excel/build'
import { requireTool } from './tools'

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
]
const OFFICE_DIST = fileURLToPath(new URL('../../node_modules/@microsoft/office-js/dist/', import.meta.url))
/** Screenshots for people to look at (git-ignored). */
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url))

export interface PaneSession {
  browser: Browser
  context: BrowserContext
  page: Page
  /**
   * Content-Security-Policy violations so far (the page's securitypolicyviolation events and the
   * browser's console reports), in every page of the context, also across reloads. Closing a
   * session that has any fails, as an error in the pane does.
   */
  cspViolations: string[]
  /** Saves a screenshot as test-artifacts/<name>.png. */
  shot(name: string): Promise<void>
  close(): Promise<void>
}

/** Reports each violation to the test, in the page before any of its own scripts runs. */
const REPORT_CSP_VIOLATIONS = `document.addEventListener('securitypolicyviolation', (e) => {
  window.__lotledgerCspViolation(e.violatedDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' at ' + (e.sourceFile || '?') + ':' + e.lineNumber)
}, true)`

/** Headless Chromium (or Chrome, Edge: wherever requireTool finds one). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: requireTool('chromium'), args: CHROMIUM_ARGS })
}

/**
 * Opens `<url>/taskpane.html` in a pane-sized window; `excel` injects the fake Excel first. The
 * pane's service worker is blocked unless `serviceWorker` is set: what a service worker answers
 * never reaches playwright's routing, which the tests use to cut the API off.
 */
export async function openPane(url: string, options: { excel: boolean; width?: number; serviceWorker?: boolean }): Promise<PaneSession> {
  const browser = await launchChromium()
  const context = await browser.newContext({
    viewport: { width: options.width ?? 360, height: 900 }, acceptDownloads: true, serviceWorkers: options.serviceWorker ? 'allow' : 'block',
  })
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url())
    if (u.hostname === 'appsforoffice.microsoft.com') {
      return route.fulfill({ path: join(OFFICE_DIST, u.pathname.split('/').pop()!), contentType: 'application/javascript' })
    }
    return u.hostname === '127.0.0.1' || u.protocol === 'blob:' || u.protocol === 'data:' ? route.continue() : route.abort()
  })
  const cspViolations: string[] = []
  await context.exposeFunction('__lotledgerCspViolation', (text: string) => void cspViolations.push(text))
  await context.addInitScript({ content: REPORT_CSP_VIOLATIONS })
  if (options.excel) await context.addInitScript({ path: await buildFakeExcelIife() })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => void (/Content Security Policy/i.test(m.text()) && cspViolations.push(`console: ${m.text()}`)))
  await page.goto(`${url}/taskpane.html`)
  await mkdir(ARTIFACTS, { recursive: true })
  return {
    browser, context, page, cspViolations,
    shot: async (name) => void (await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true })),
    close: async () => {
      await browser.close()
      if (errors.length) throw new Error(`errors in the pane: ${errors.join('; ')}`)
      if (cspViolations.length) throw new Error(`Content-Security-Policy violations in the pane: ${cspViolations.join('; ')}`)
    },
  }
}

/** Clicks a Fluent button by its text (its role lives in ElementInternals, out of the locator's sight). */
export function fluentButton(page: Page, text: string) {
  return page.locator('fluent-button', { hasText: text }).first()
}

/** Connects the pane with `token` and waits until it says Online. */
export async function connectPane(s: PaneSession, token: string): Promise<void> {
  await s.page.getByLabel('Token').fill(token)
  await fluentButton(s.page, 'Connect').click()
  await s.page.locator('fluent-badge.state', { hasText: 'Online' }).waitFor()
}
