/** Queue: writes waiting for the server, and writes it refused after their form was left, until sent, fixed or discarded. */
import type { QueuedWrite } from '../sync/outbox'
import { friendlyMessage } from '../forms/validate'
import type { Pane } from './context'
import { ask } from './dialog'
import { button, fill, h, message, primary } from './dom'
import { counted } from './outcome'

/** Why a refused write was refused, each problem once, in the form's words. */
function reason(w: QueuedWrite): HTMLElement | null {
  if (!w.error) return null
  const items = w.error.details.length ? w.error.details.map((d) => friendlyMessage(d.message)) : [friendlyMessage(w.error.message)]
  return h('div', { className: 'reason' }, ...items.map((t) => h('div', null, t)))
}

/** One write of the queue, with what can be done about it. */
function item(pane: Pane, w: QueuedWrite, status: HTMLElement): HTMLElement {
  const discard = async () => {
    const yes = await ask({
      title: 'Discard this write?', confirm: 'Discard', cancel: 'Keep it',
      text: `"${w.label}" was never applied; discarding it drops its data from this computer for good.`,
    })
    if (!yes) return
    pane.conn.outbox.discard(w.id)
    fill(status, message('info', `Discarded "${w.label}".`))
  }
  const refused = w.state === 'rejected'
  return h('article', { className: `queued ${w.state}`, 'data-id': w.id },
    h('header', null, h('strong', null, w.label),
      h('fluent-badge', { appearance: 'tint', color: refused ? 'danger' : 'warning' }, refused ? 'Refused' : 'Waiting')),
    h('div', { className: 'muted' }, `Saved ${new Date(w.createdAt).toLocaleString()} · ${counted(w.attempts, 'try', 'tries')}`),
    reason(w),
    h('div', { className: 'actions' },
      w.kind === 'operation' ? button('Edit', () => void pane.edit(w), { 'data-action': 'edit' }) : null,
      button('Discard', () => void discard(), { 'data-action': 'discard' })))
}

/** The Queue tab: every write waiting or refused, with Send now, Edit and Discard. */
export function queuePanel(pane: Pane): HTMLElement {
  const list = h('div', { className: 'queue' })
  const status = h('div', { className: 'status-area' })
  const render = () => {
    const all = pane.conn.outbox.list()
    if (!all.length) return void fill(list, h('p', { className: 'lead' }, 'Nothing waiting: everything you recorded is on the server.'))
    fill(list, ...all.map((w) => item(pane, w, status)))
  }
  const send = async () => {
    fill(status, message('info', 'Sending…'))
    await pane.conn.tick()
    const v = pane.conn.view
    fill(status, v.state === 'online'
      ? message(v.rejected ? 'warning' : 'success', v.pending || v.rejected ? `${v.pending} waiting, ${v.rejected} refused.` : 'Everything was sent.')
      : v.state === 'unauthorized'
        ? message('error', 'The server refused your token: connect with a new one (⚙) to send these.')
        : message('warning', `The server cannot be reached (${v.message ?? v.state}); trying again every few seconds.`))
  }
  // The panel is rebuilt on every visit: stop listening once this one left the page.
  const off = pane.conn.outbox.subscribe(() => (list.isConnected ? render() : off()))
  render()
  return h('section', { className: 'panel', 'aria-label': 'Queue' }, h('h2', null, 'Queue'),
    h('p', { className: 'muted' }, 'Writes are kept on this computer until the server has them. One the server refused after you left its form stays here with the reason until you fix or discard it.'),
    h('div', { className: 'actions' }, primary('Send now', () => void send(), { 'data-action': 'send' })), status, list)
}
