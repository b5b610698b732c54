/** The pane's header: the workspace and the role it works as, and the state of the connection. */
import type { ConnectionView } from '../sync/connection'
import { fill, h } from './dom'

/** The connection's state as a badge: its colour and its words (the Queue tab counts what waits). */
function stateBadge(v: ConnectionView): HTMLElement {
  const [color, text] =
    v.state === 'online' ? (v.pending ? ['warning', `Pending ${v.pending}`] : ['success', 'Online'])
    : v.state === 'offline' ? ['danger', 'Offline']
    : v.state === 'unauthorized' ? ['danger', 'Token refused']
    : v.state === 'connecting' ? ['informative', 'Connecting…']
    : ['subtle', 'Not connected']
  return h('fluent-badge', { appearance: 'filled', color, className: 'state', 'data-state': v.state, title: v.message ?? '' }, text)
}

/** Draws the header into `el`; the gear opens the connection form. */
export function renderHeader(el: HTMLElement, v: ConnectionView, openConnection: () => void): void {
  const me = v.catalogue?.me
  // The workspace's name gives way to the role when the pane is narrow: the role stays whole.
  fill(el,
    h('div', { className: 'brand' }, h('img', { src: 'assets/icon-32.png', alt: 'lotledger', width: 20, height: 20 }), h('span', { className: 'brand-name' }, 'lotledger')),
    h('div', { className: 'who', title: me ? `${me.workspace.name} · ${me.role}` : '' },
      me ? h('span', { className: 'ws' }, me.workspace.name) : null,
      me ? h('span', { className: 'role' }, me.role) : null),
    stateBadge(v),
    h('fluent-button', { appearance: 'subtle', size: 'small', 'aria-label': 'Connection settings', title: 'Connection', onclick: openConnection }, '⚙'))
}
