/** The pane's shell: header with the connection state, tabs, and the panel shown. */
import type { KeyValueStore } from '../platform/helpers'
import { notifyError } from '../platform/helpers'
import type { Connection, ConnectionView } from '../sync/connection'
import type { QueuedWrite } from '../sync/outbox'
import { connectPanel } from './connect'
import type { Pane, TabId } from './context'
import { fill, h } from './dom'
import { importPanel } from './import'
import { lotsPanel } from './lots'
import { queuePanel } from './queue'
import { editInRecord, recordPanel } from './record'
import { sheetsPanel } from './sheets'

const TABS: Array<[TabId, string]> = [['record', 'Record'], ['lots', 'Lots'], ['sheets', 'Sheets'], ['import', 'Import'], ['queue', 'Queue']]
const TAB_KEY = 'ui:tab'

function stateBadge(v: ConnectionView): HTMLElement {
  const [color, text] =
    v.state === 'online' ? (v.pending ? ['warning', `Pending ${v.pending}`] : ['success', 'Online'])
    : v.state === 'offline' ? ['danger', v.pending ? `Offline · ${v.pending} pending` : 'Offline']
    : v.state === 'unauthorized' ? ['danger', 'Token refused']
    : v.state === 'connecting' ? ['informative', 'Connecting…']
    : ['subtle', 'Not connected']
  return h('fluent-badge', { appearance: 'filled', color, className: 'state', 'data-state': v.state, title: v.message ?? '' }, text)
}

export function startApp(root: HTMLElement, conn: Connection, store: KeyValueStore, excel: boolean): Pane {
  const header = h('header', { className: 'top' })
  const progress = h('div', { className: 'progress', hidden: true })
  const tabs = h('nav', { className: 'tabs', role: 'tablist', 'aria-label': 'Sections' })
  const main = h('main', { className: 'content' })
  // Header, progress and tabs stay in view while a long form scrolls.
  fill(root, h('div', { className: 'chrome' }, header, progress, tabs), main)
  let current: TabId = conn.view.credentials ? (store.get<TabId>(TAB_KEY) ?? 'record') : 'connect'

  const pane: Pane = {
    conn, store, excel,
    go(tab) {
      current = tab
      store.set(TAB_KEY, tab)
      renderTabs()
      renderPanel()
    },
    progress(text, done, total) {
      progress.hidden = text === null
      if (text === null) return
      const pct = done !== undefined && total ? Math.round((done / total) * 100) : undefined
      fill(progress, h('fluent-progress-bar', pct === undefined ? {} : { value: pct, max: 100 }),
        h('div', { className: 'progress-text', role: 'status' }, text, done !== undefined && total ? ` ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}` : ''))
    },
    edit(write: QueuedWrite) {
      editInRecord(pane, write.body)
      pane.go('record')
    },
  }

  const renderHeader = () => {
    const v = conn.view
    const me = v.catalogue?.me
    fill(header,
      h('div', { className: 'brand' }, h('img', { src: 'assets/icon-32.png', alt: '', width: 20, height: 20 }), h('span', null, 'lotledger')),
      h('div', { className: 'who' }, me ? `${me.workspace.name} · ${me.role}` : ''),
      stateBadge(v),
      h('fluent-button', { appearance: 'subtle', size: 'small', 'aria-label': 'Connection settings', title: 'Connection', onclick: () => pane.go('connect') }, '⚙'))
  }
  const renderTabs = () => {
    const v = conn.view
    fill(tabs, ...TABS.map(([id, label]) => h('button', {
      role: 'tab', type: 'button', 'aria-selected': String(current === id), className: 'tab', 'data-tab': id,
      disabled: !v.credentials, onclick: () => pane.go(id),
    }, label, id === 'queue' && v.pending + v.rejected > 0 ? h('span', { className: 'count' }, String(v.pending + v.rejected)) : null)))
  }
  const renderPanel = () => {
    const panels: Record<TabId, (p: Pane) => HTMLElement> = { record: recordPanel, lots: lotsPanel, sheets: sheetsPanel, import: importPanel, queue: queuePanel, connect: connectPanel }
    try {
      fill(main, panels[conn.view.credentials ? current : 'connect'](pane))
    } catch (err) {
      notifyError('lotledger', (err as Error).message)
    }
  }
  let lastCatalogue = conn.view.catalogue?.loadedAt
  conn.subscribe((v) => {
    renderHeader()
    renderTabs()
    // Pickers and forms follow a freshly loaded catalogue.
    if (v.catalogue?.loadedAt !== lastCatalogue && current !== 'record' && current !== 'lots') renderPanel()
    lastCatalogue = v.catalogue?.loadedAt
  })
  renderHeader()
  renderTabs()
  renderPanel()
  window.addEventListener('online', () => void conn.tick())
  conn.start()
  return pane
}
