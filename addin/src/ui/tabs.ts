/**
 * The pane's sections as tabs, after the WAI-ARIA tabs pattern: one tab in the Tab order (the
 * selected one), arrow keys move between tabs and open them, Home and End go to the first and
 * the last; the panel is labelled by its tab.
 */
import type { TabId } from './context'
import { fill, h } from './dom'

export const TABS: ReadonlyArray<[TabId, string]> = [['record', 'Record'], ['lots', 'Lots'], ['sheets', 'Sheets'], ['import', 'Import'], ['queue', 'Queue']]

/** The id of a tab's element: the panel's aria-labelledby. */
export const tabElementId = (id: TabId) => `tab-${id}`
export const PANEL_ID = 'panel'

export interface TabsState {
  current: TabId
  disabled: boolean
  /** Shown on the Queue tab: writes waiting or refused. */
  queued: number
}

/** Draws the tabs into `nav` (a `role=tablist`); `open` is called with the tab chosen. */
export function renderTabs(nav: HTMLElement, s: TabsState, open: (id: TabId, focus: boolean) => void): void {
  // With no tab open (the connection form), the first tab is the one in the Tab order.
  const focusable = TABS.some(([id]) => id === s.current) ? s.current : TABS[0][0]
  fill(nav, ...TABS.map(([id, label]) => {
    const selected = s.current === id
    return h('button', {
      role: 'tab', type: 'button', id: tabElementId(id), className: 'tab', 'data-tab': id,
      'aria-selected': String(selected), 'aria-controls': selected ? PANEL_ID : null, tabindex: id === focusable ? '0' : '-1',
      disabled: s.disabled, onclick: () => open(id, false),
    }, label, id === 'queue' && s.queued > 0 ? h('span', { className: 'count', 'aria-label': `${s.queued} waiting or refused` }, String(s.queued)) : null)
  }))
}

/** Arrow keys, Home and End on the tablist: moves to that tab and opens it. */
export function onTabKey(e: KeyboardEvent, current: TabId, open: (id: TabId, focus: boolean) => void): void {
  const at = Math.max(0, TABS.findIndex(([id]) => id === current))
  const moves: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: TABS.length - 1 }
  if (!(e.key in moves)) return
  e.preventDefault()
  open(TABS[(moves[e.key] + TABS.length) % TABS.length][0], true)
}
