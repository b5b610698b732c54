/**
 * Sheets: pull Traceability, Recall, Stock, Lots, Expiring, Moves and delivery slips into the
 * workbook and refresh them, or without Excel download the server's reports; the audit trail;
 * import templates.
 */
import { refreshAll } from '../sheets/deliver'
import type { Pane } from './context'
import { button, clearStatusOnInput, fill, h, message, statusFollowsClicks } from './dom'
import { counted } from './outcome'
import { sheetsContext, type SheetsContext } from './sheets-context'
import { documentsSection } from './sheets-documents'
import { lotSection } from './sheets-lot'
import { stockSection } from './sheets-stock'
import { templateSection } from './sheets-templates'

async function refresh(c: SheetsContext): Promise<void> {
  const api = c.pane.conn.api
  const catalogue = c.pane.conn.view.catalogue
  if (!api || !catalogue) return
  try {
    const ctx = { workspace: catalogue.me.workspace.id, timeZone: catalogue.settings.timeZone, now: new Date(), catalogue }
    const done = await refreshAll(api, ctx, (text, d, t) => c.pane.progress(text, d, t))
    fill(c.status, message('success', done.length ? `Refreshed ${counted(done.length, 'sheet')}: ${done.map((d) => d.place).join(', ')}.` : 'No lotledger sheet in this workbook yet.'))
  } catch (err) {
    fill(c.status, message('error', (err as Error).message))
  } finally {
    c.pane.progress(null)
  }
}

/** The Sheets tab, its parts one after the other, the outcome shown under the buttons used. */
export function sheetsPanel(pane: Pane): HTMLElement {
  const status = h('div', { className: 'status-area' })
  const c = sheetsContext(pane, status)
  const catalogue = pane.conn.view.catalogue
  const form = h('form', { className: 'form', onsubmit: (e: Event) => e.preventDefault() },
    ...lotSection(c),
    ...stockSection(c),
    ...documentsSection(c),
    pane.excel ? h('div', { className: 'actions separated' }, button('Refresh all lotledger sheets', () => void refresh(c), { 'data-sheet': 'refresh' })) : null,
    ...templateSection(c),
    h('datalist', { id: 'sheet-products' }, ...(catalogue?.products ?? []).map((p) => h('option', { value: p.sku }, p.name))),
    h('datalist', { id: 'sheet-locations' }, ...(catalogue?.locations ?? []).map((l) => h('option', { value: l.code }, l.name))))
  clearStatusOnInput(form, status)
  statusFollowsClicks(form, status)
  return h('section', { className: 'panel', 'aria-label': 'Sheets' },
    h('h2', null, 'Sheets'),
    pane.excel ? null : message('info', 'Excel is not here: each report downloads as the server\'s .xlsx file.'),
    form, status)
}
