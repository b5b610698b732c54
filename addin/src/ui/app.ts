/** The pane's shell: header with the connection state, tabs, and the panel shown. */
import type { KeyValueStore } from '../platform/store'
import { notifyError } from '../platform/helpers'
import { bodyToDraft } from '../forms/operation-draft'
import type { Connection, ConnectionView } from '../sync/connection'
import { connectPanel } from './connect'
import type { Pane, TabId } from './context'
import { button, fill, h, message } from './dom'
import { renderHeader } from './header'
import { queuePanel } from './queue'
import { onTabKey, PANEL_ID, renderTabs, tabElementId, TABS } from './tabs'

const TAB_KEY = 'ui:tab'

type Panel = (p: Pane) => HTMLElement

/**
 * A panel whose module is loaded when it is first shown: the pane's first load carries the
 * header, the tabs, Connect and the Queue, and the forms come a moment later (from the service
 * worker's copy once it has one). Until then the panel is a placeholder that says it is busy;
 * when the module cannot be loaded (the server gone before it was kept), the placeholder says
 * so and offers to try again.
 */
function later(name: string, load: () => Promise<Panel>): Panel {
  let loaded: Panel | undefined
  return (p) => {
    if (loaded) return loaded(p)
    const holder = h('div', { className: 'panel-loading', 'aria-busy': 'true' })
    const attempt = () => load().then((panel) => {
      loaded = panel
      // A panel drawn again meanwhile has left this placeholder: nothing to replace then.
      if (holder.isConnected) holder.replaceWith(panel(p))
    }, (err: unknown) => {
      holder.removeAttribute('aria-busy')
      fill(holder, h('div', { className: 'form' },
        message('error', h('strong', null, `${name} could not be loaded.`), h('div', null, (err as Error).message)),
        h('div', { className: 'actions' }, button('Try again', () => {
          holder.setAttribute('aria-busy', 'true')
          fill(holder)
          void attempt()
        }, { 'data-action': 'retry-panel' }))))
    })
    void attempt()
    return holder
  }
}

const PANELS: Record<TabId, Panel> = {
  record: later('Record', () => import('./record').then((m) => m.recordPanel)),
  lots: later('Lots', () => import('./lots').then((m) => m.lotsPanel)),
  sheets: later('Sheets', () => import('./sheets').then((m) => m.sheetsPanel)),
  import: later('Import', () => import('./import').then((m) => m.importPanel)),
  queue: queuePanel,
  connect: connectPanel,
}

/** Says that the server refused the token, while it does, on every tab: writes wait for a new one. */
function tokenBanner(v: ConnectionView, pane: Pane): HTMLElement | null {
  if (v.state !== 'unauthorized' || !v.credentials) return null
  return h('div', { className: 'form' },
    message('error', h('strong', null, 'Token refused.'),
      h('div', null, `The server does not accept your token any more (revoked or replaced). ${v.pending ? `${v.pending} waiting ${v.pending === 1 ? 'write stays' : 'writes stay'} on this computer until you connect with a new token.` : 'Connect with a new token to go on.'}`)),
    h('div', { className: 'actions' }, button('Enter a new token', () => pane.go('connect'), { 'data-action': 'new-token' })))
}

/** Draws the pane into `root` (header, tabs, the open panel); `conn` is started by the caller. */
export function startApp(root: HTMLElement, conn: Connection, store: KeyValueStore, excel: boolean): Pane {
  const header = h('header', { className: 'top' })
  const progress = h('div', { className: 'progress', hidden: true })
  const tabs = h('nav', { className: 'tabs', role: 'tablist', 'aria-label': 'Sections' })
  const banner = h('div', { className: 'banner' })
  const main = h('main', { className: 'content', id: PANEL_ID })
  // Header, progress and tabs stay in view while a long form scrolls.
  fill(root, h('div', { className: 'chrome' }, header, progress, tabs), banner, main)
  let current: TabId = conn.view.credentials ? (store.get<TabId>(TAB_KEY) ?? 'record') : 'connect'

  const pane: Pane = {
    conn, store, excel,
    go: (tab) => open(tab, false),
    progress(text, done, total) {
      progress.hidden = text === null
      if (text === null) return
      const pct = done !== undefined && total ? Math.round((done / total) * 100) : undefined
      fill(progress, h('fluent-progress-bar', pct === undefined ? {} : { value: pct, max: 100 }),
        h('div', { className: 'progress-text', role: 'status' }, text, done !== undefined && total ? ` ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}` : ''))
    },
    edit: (write) => write.kind === 'operation'
      ? import('./record').then((m) => m.openInRecord(pane, bodyToDraft(write.body), write.error))
      : Promise.resolve(false),
  }

  const open = (tab: TabId, focus: boolean) => {
    current = tab
    if (tab !== 'connect') store.set(TAB_KEY, tab)
    drawTabs()
    drawBanner()
    drawPanel()
    if (focus) tabs.querySelector<HTMLElement>(`#${tabElementId(tab)}`)?.focus()
  }
  const drawTabs = () => {
    const v = conn.view
    renderTabs(tabs, { current, disabled: !v.credentials, queued: v.pending + v.rejected }, open)
  }
  const drawBanner = () => fill(banner, current === 'connect' ? null : tokenBanner(conn.view, pane))
  const drawPanel = () => {
    const shown = conn.view.credentials ? current : 'connect'
    // The panel is the selected tab's; the connection form is a region of its own.
    const attributes: Record<string, string | null> = TABS.some(([id]) => id === shown)
      ? { role: 'tabpanel', 'aria-labelledby': tabElementId(shown), 'aria-label': null, tabindex: '0' }
      : { role: 'region', 'aria-labelledby': null, 'aria-label': 'Connection', tabindex: null }
    for (const [k, v] of Object.entries(attributes)) {
      if (v === null) main.removeAttribute(k)
      else main.setAttribute(k, v)
    }
    try {
      fill(main, PANELS[shown](pane))
    } catch (err) {
      notifyError('lotledger', (err as Error).message)
    }
  }
  tabs.addEventListener('keydown', (e) => onTabKey(e, current, open))

  let last: { catalogue?: string; role?: string; state?: string } = {}
  conn.subscribe((v) => {
    renderHeader(header, v, () => pane.go('connect'))
    drawTabs()
    drawBanner()
    // Pickers and forms follow a freshly loaded catalogue; a new role shows or hides the forms.
    const now = { catalogue: v.catalogue?.loadedAt, role: v.catalogue?.me.role }
    if (now.role !== last.role || (now.catalogue !== last.catalogue && current !== 'record' && current !== 'lots')) drawPanel()
    last = now
  })
  last = { catalogue: conn.view.catalogue?.loadedAt, role: conn.view.catalogue?.me.role }
  renderHeader(header, conn.view, () => pane.go('connect'))
  drawTabs()
  drawPanel()
  window.addEventListener('online', () => void conn.tick())
  return pane
}
