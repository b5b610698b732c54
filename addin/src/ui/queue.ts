/** Queue: writes waiting for the server, and writes it refused, until sent, fixed or discarded. */
import type { Pane } from './context'
import { button, fill, h, message, primary } from './dom'

export function queuePanel(pane: Pane): HTMLElement {
  const list = h('div', { className: 'queue' })
  const status = h('div', { className: 'status-area' })
  const render = () => {
    const all = pane.conn.outbox.list()
    if (!all.length) return void fill(list, h('p', { className: 'lead' }, 'Nothing waiting: everything you recorded is on the server.'))
    fill(list, ...all.map((w) => h('article', { className: `queued ${w.state}`, 'data-id': w.id },
      h('header', null, h('strong', null, w.label),
        h('fluent-badge', { appearance: 'tint', color: w.state === 'rejected' ? 'danger' : 'warning' }, w.state === 'rejected' ? 'Refused' : 'Waiting')),
      h('div', { className: 'muted' }, `Saved ${new Date(w.createdAt).toLocaleString()} · ${w.attempts} ${w.attempts === 1 ? 'try' : 'tries'} · id ${w.id}`),
      w.error ? h('div', { className: 'reason' }, ...(w.error.details.length > 1 ? w.error.details.map((d) => h('div', null, `${d.path}: ${d.message}`)) : [w.error.message])) : null,
      h('div', { className: 'actions' },
        w.kind === 'operation' ? button('Edit', () => pane.edit(w)) : null,
        button('Discard', () => {
          if (confirm(`Discard "${w.label}"? It was never applied; its data will be gone.`)) pane.conn.outbox.discard(w.id)
        })))))
  }
  const send = async () => {
    fill(status, message('info', 'Sending…'))
    await pane.conn.tick()
    const v = pane.conn.view
    fill(status, v.state === 'online'
      ? message(v.rejected ? 'warning' : 'success', `${v.pending} waiting, ${v.rejected} refused.`)
      : message('warning', `The server cannot be reached (${v.message ?? v.state}); trying again every few seconds.`))
  }
  // The panel is rebuilt on every visit: stop listening once this one left the page.
  const off = pane.conn.outbox.subscribe(() => (list.isConnected ? render() : off()))
  render()
  return h('section', { className: 'panel', 'aria-label': 'Queue' }, h('h2', null, 'Queue'),
    h('p', { className: 'muted' }, 'Writes are kept on this computer until the server has them. A refused one stays here with the reason until you fix or discard it.'),
    h('div', { className: 'actions' }, primary('Send now', () => void send())), list, status)
}
