/**
 * The Queue as a person meets it, with office.js (whose window.confirm throws inside Office), at
 * 320 px and 480 px: writes kept while the server is away and sent once, a write refused after
 * its form was left, opened again with its refusal after asking, Discard through a Fluent dialog,
 * and a revoked token that keeps the write waiting until a new token is given.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { requireBuiltAddin } from '../../helpers/built-addin'
import { answerDialog, chooseProduct, connectWithEnter, fluentButton, openPaneAt, openTab, waitStatus, WIDTHS, type Pane } from '../../helpers/pane'
import { startServer, type Client, type TestServer } from '../../helpers/server'
import { toolSkipped } from '../../helpers/tools'

let server: TestServer
let api: Client

beforeAll(async () => {
  server = await startServer({ app: { addinDir: requireBuiltAddin() } })
  api = server.admin
  await api.put('/products/BOLT', { name: 'Bolt M6' })
}, 60_000)
afterAll(async () => server?.close())

/** Types a receipt or delivery of BOLT in Record and presses Record. */
async function record(s: Pane, type: 'receipt' | 'delivery', reference: string, qty: number): Promise<void> {
  await openTab(s, 'record')
  await fluentButton(s.page, 'Clear').click()
  await s.page.getByLabel('Operation', { exact: true }).selectOption(type)
  await s.page.getByLabel('Reference', { exact: true }).fill(reference)
  await chooseProduct(s.page.getByLabel('Line 1 product'), 'BOLT')
  await s.page.locator('[data-path="lines[0].qty"]').fill(String(qty))
  await fluentButton(s.page, 'Record').click()
}

const operations = async (reference: string) => (await api.get(`/operations?reference=${reference}`)).body.operations

describe.skipIf(toolSkipped('chromium')).each(WIDTHS)('Queue, at %i px', (width) => {
  let s: Pane
  const ref = (r: string) => `${r}-${width}`
  beforeAll(async () => {
    s = await openPaneAt(server.url, { excel: true, width })
    await connectWithEnter(s, (await server.clientFor('operator')).token)
  }, 60_000)
  afterAll(async () => s?.close())
  beforeEach(() => s.requests.clear())

  it('keeps writes the server cannot get, across a reload, and sends each once though an answer was lost', async () => {
    await s.page.route('**/api/v1/**', (r) => r.abort())
    await record(s, 'receipt', ref('PO-2'), 30)
    await waitStatus(s, 'Saved on this computer: it will be sent when the server can be reached')
    await s.page.locator('fluent-badge.state', { hasText: 'Offline' }).waitFor()
    await s.shot('queue-01-offline')
    await s.page.reload()
    await s.page.locator('[data-tab=queue] .count', { hasText: '1' }).waitFor()
    await openTab(s, 'queue')
    expect(await s.page.locator('article.queued').innerText()).toContain(`Receipt ${ref('PO-2')}, 1 line`)
    await s.shot('queue-02-waiting')
    // Back online, but the first answer is lost on the way back: the server has the write, the pane does not know.
    await s.page.unroute('**/api/v1/**')
    let swallowed = false
    await s.page.route('**/api/v1/operations', async (route) => {
      if (!swallowed && route.request().method() === 'POST') {
        swallowed = true
        await route.fetch()
        return route.abort()
      }
      return route.continue()
    })
    await fluentButton(s.page, 'Send now').click()
    await waitStatus(s, 'The server cannot be reached')
    expect(await s.page.locator('article.queued').count()).toBe(1)
    // Sent again: the server answers the same id with the write it has, applied once.
    await fluentButton(s.page, 'Send now').click()
    await waitStatus(s, 'Everything was sent.')
    await s.page.locator('fluent-badge.state', { hasText: 'Online' }).waitFor()
    expect(await s.page.locator('article.queued').count()).toBe(0)
    await s.page.unroute('**/api/v1/operations')
    expect(swallowed).toBe(true)
    expect(await operations(ref('PO-2'))).toHaveLength(1)
  })

  it('keeps a write refused after its form was left; Edit asks before replacing a draft and shows the refusal again', async () => {
    await s.page.route('**/api/v1/**', (r) => r.abort())
    await record(s, 'delivery', ref('SO-2'), 1000)
    await waitStatus(s, 'Saved on this computer')
    await s.page.unroute('**/api/v1/**')
    await openTab(s, 'queue')
    await fluentButton(s.page, 'Send now').click()
    await s.page.locator('article.queued.rejected').waitFor({ timeout: 30_000 })
    const refused = await s.page.locator('article.queued').innerText()
    expect(refused).toContain('Refused')
    expect(refused).toMatch(/not enough BOLT at WH\/Stock: \d+ Units available, 1000 needed/)
    expect(refused).not.toMatch(/lines\[/)
    await s.shot('queue-03-refused')
    // Something else is being written in Record meanwhile.
    await openTab(s, 'record')
    await s.page.getByLabel('Reference', { exact: true }).fill(ref('PO-DRAFT'))
    await openTab(s, 'queue')
    await fluentButton(s.page, 'Edit').click()
    expect(await answerDialog(s, 'cancel')).toContain(`Record holds delivery ${ref('PO-DRAFT')} not recorded yet`)
    expect(await s.page.locator('[role=tab][aria-selected=true]').getAttribute('data-tab')).toBe('queue')
    await fluentButton(s.page, 'Edit').click()
    await answerDialog(s, 'confirm')
    await s.page.locator('[role=tabpanel][aria-labelledby=tab-record]').waitFor()
    expect(await waitStatus(s, 'Refused when it was sent. Not enough stock.')).not.toContain('lines[')
    expect(await s.page.locator('[data-error-for="lines[0]"]').innerText()).toMatch(/not enough BOLT at WH\/Stock/)
    await s.shot('queue-04-edit')
    await s.page.locator('[data-path="lines[0].qty"]').fill('1')
    await fluentButton(s.page, 'Record').click()
    await waitStatus(s, `Recorded: Delivery ${ref('SO-2')}`)
    expect(await operations(ref('SO-2'))).toHaveLength(1)
    await openTab(s, 'queue')
    await s.page.getByText('Nothing waiting').waitFor()
  })

  it('discards a write through a Fluent dialog, never the browser\'s confirm (which throws in Office)', async () => {
    await s.page.route('**/api/v1/**', (r) => r.abort())
    await record(s, 'receipt', ref('PO-GONE'), 1)
    await waitStatus(s, 'Saved on this computer')
    await openTab(s, 'queue')
    await fluentButton(s.page, 'Discard').click()
    expect(await answerDialog(s, 'cancel')).toContain(`"Receipt ${ref('PO-GONE')}, 1 line" was never applied`)
    expect(await s.page.locator('article.queued').count()).toBe(1)
    await fluentButton(s.page, 'Discard').click()
    await s.shot('queue-05-discard')
    await answerDialog(s, 'confirm')
    await s.page.getByText('Nothing waiting').waitFor()
    await waitStatus(s, `Discarded "Receipt ${ref('PO-GONE')}, 1 line".`)
    expect(await s.page.locator('[data-tab=queue] .count').count()).toBe(0)
    await s.page.unroute('**/api/v1/**')
    expect(s.requests.list().filter((r) => r.startsWith('DIALOG'))).toEqual([])
    expect(await operations(ref('PO-GONE'))).toHaveLength(0)
  })

  it('keeps a write waiting when the token is revoked, says Token refused, and sends it once a new token is given', async () => {
    const issued = (await api.post('/tokens', { name: `clerk ${width}`, role: 'operator' })).body
    await fluentButton(s.page, '⚙').click()
    await connectWithEnter(s, issued.secret)
    expect((await api.del(`/tokens/${issued.token.id}`)).status).toBe(200)
    await record(s, 'receipt', ref('PO-TOKEN'), 2)
    await waitStatus(s, 'Saved on this computer: the server refused your token.')
    await s.page.locator('fluent-badge.state', { hasText: 'Token refused' }).waitFor()
    expect(await s.page.locator('.banner').innerText()).toContain('1 waiting write stays on this computer until you connect with a new token.')
    await openTab(s, 'queue')
    expect(await s.page.locator('article.queued').innerText()).toContain('Waiting')
    await s.shot('queue-06-token-refused')
    await fluentButton(s.page, 'Enter a new token').click()
    expect(await s.page.getByLabel('Token').inputValue()).toBe('')
    expect(await s.page.locator('main').innerText()).toContain('Token refused.')
    await connectWithEnter(s, (await server.clientFor('operator')).token)
    await s.page.locator('[data-tab=queue] .count').waitFor({ state: 'detached', timeout: 30_000 })
    expect(await operations(ref('PO-TOKEN'))).toHaveLength(1)
  })
})
