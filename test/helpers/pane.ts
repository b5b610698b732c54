/**
 * Driving the task pane as a person does, for the end-to-end tests: the pane opened as Office
 * hosts it (window.alert, confirm and prompt throw, as office.js makes them in Office), each
 * API request it sends recorded, screenshots taken from the top, and the checks every tab of
 * every test makes (no horizontal scroll at the pane's width).
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { ARTIFACTS, fluentButton, openPane, type PaneSession } from './browser'

/** Excel's narrowest task pane, and a roomy one. */
export const WIDTHS = [320, 480] as const

/** What office.js does to the browser's dialogs inside Office (see its OSF initialize). */
const OFFICE_DIALOGS = `for (const name of ['alert', 'confirm', 'prompt']) {
  window[name] = () => { throw new Error('Function window.' + name + ' is not supported.') }
}`

export interface Pane extends PaneSession {
  width: number
  /**
   * The API requests sent since the last `requests.clear()`, as `GET /stock?product=MILK`, and
   * any native dialog as `DIALOG confirm: …`. The change feed's polls (`since` past 0) are left
   * out: they come on a timer, not from what the user does.
   */
  requests: { list(): string[]; clear(): void }
}

/** Opens the pane at `width` (Excel or not); every request to /api/v1 is recorded. */
export async function openPaneAt(url: string, options: { excel: boolean; width: number; serviceWorker?: boolean }): Promise<Pane> {
  const s = await openPane(url, options)
  // A step that does not happen fails on its own line, well inside the test's time.
  s.page.setDefaultTimeout(10_000)
  await s.context.addInitScript({ content: OFFICE_DIALOGS })
  await s.page.evaluate(OFFICE_DIALOGS)
  let sent: string[] = []
  s.page.on('request', (r) => {
    const u = new URL(r.url())
    if (u.pathname.startsWith('/api/v1/')) sent.push(`${r.method()} ${u.pathname.slice('/api/v1'.length)}${decodeURIComponent(u.search)}`)
  })
  // A native dialog would be answered by nobody in Office: any is a failure.
  s.page.on('dialog', (d) => {
    sent.push(`DIALOG ${d.type()}: ${d.message()}`)
    void d.dismiss()
  })
  return {
    ...s, width: options.width,
    requests: { list: () => sent.filter((r) => !/^GET \/changes\?since=[1-9]/.test(r)), clear: () => void (sent = []) },
    // From the top (the header is sticky), transitions finished (a dialog fading in is shown whole).
    shot: async (name) => {
      await s.page.evaluate(() => window.scrollTo(0, 0))
      await s.page.screenshot({ path: join(ARTIFACTS, `${name}-${options.width}.png`), fullPage: true, animations: 'disabled' })
    },
  }
}

/** True when the page is no wider than its window (no horizontal scroll bar). */
export async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
}

/** Waits for the status area to say `text`, and returns all it says. */
export async function waitStatus(s: Pane, text: string | RegExp): Promise<string> {
  const area = s.page.locator('.status-area', { hasText: text })
  try {
    await area.first().waitFor({ timeout: 15_000 })
  } catch (err) {
    const said = await s.page.locator('.status-area').allInnerTexts().catch(() => [])
    throw new Error(`the pane did not say ${String(text)}; its status says: ${JSON.stringify(said)}`, { cause: err })
  }
  return area.first().innerText()
}

/** Types into the product field and leaves it, as a person choosing a product does. */
export async function chooseProduct(field: ReturnType<Page['getByLabel']>, text: string): Promise<void> {
  await field.fill(text)
  await field.press('Tab')
}

/** Connects with `token` by typing it and pressing Enter in the Token field, and waits for Online. */
export async function connectWithEnter(s: Pane, token: string): Promise<void> {
  await s.page.getByLabel('Token').fill(token)
  await s.page.getByLabel('Token').press('Enter')
  await s.page.locator('fluent-badge.state', { hasText: 'Online' }).waitFor()
}

/** Opens tab `id` by clicking it; checks the panel fits the pane's width. */
export async function openTab(s: Pane, id: string): Promise<void> {
  await s.page.locator(`[data-tab=${id}]`).click()
  await s.page.locator(`[role=tabpanel][aria-labelledby=tab-${id}]`).waitFor()
  // A panel's module loads on first show: until then the panel is a busy placeholder.
  await s.page.locator('main .panel-loading').waitFor({ state: 'detached' })
  expect(await fitsWidth(s.page), `${id} at ${s.width} px scrolls sideways`).toBe(true)
}

/** Clicks the Fluent dialog's button (`confirm` or `cancel`) and waits for the dialog to go. */
export async function answerDialog(s: Pane, answer: 'confirm' | 'cancel'): Promise<string> {
  const dialog = s.page.locator('fluent-dialog')
  await dialog.locator(`[data-dialog=${answer}]`).waitFor()
  const text = await dialog.innerText()
  await dialog.locator(`[data-dialog=${answer}]`).click()
  await dialog.waitFor({ state: 'detached' })
  return text
}

export { fluentButton }
