/** Connect: which server, which token; what this token is. */
import type { Pane } from './context'
import { button, field, h, input, message, primary } from './dom'

/** What the connected token is: workspace, role, token name, server. */
function facts(pane: Pane): HTMLElement | null {
  const v = pane.conn.view
  const me = v.catalogue?.me
  if (!me || !v.credentials) return null
  return h('dl', { className: 'facts' },
    h('dt', null, 'Workspace'), h('dd', null, `${me.workspace.name} (${me.workspace.id})`),
    h('dt', null, 'Role'), h('dd', { 'data-fact': 'role' }, me.role),
    h('dt', null, 'Token'), h('dd', null, me.token.name),
    h('dt', null, 'Server'), h('dd', null, v.credentials.serverUrl))
}

/** The connection form: server and token, and what the connected token is. */
export function connectPanel(pane: Pane): HTMLElement {
  const v = pane.conn.view
  const refused = v.state === 'unauthorized'
  const url = input({ type: 'url', value: v.credentials?.serverUrl ?? location.origin, name: 'server', placeholder: 'https://lotledger.example.com' })
  // A refused token is of no more use: the field waits for the new one.
  const token = input({ type: 'password', value: refused ? '' : (v.credentials?.token ?? ''), name: 'token', placeholder: 'll_…', autocomplete: 'off' })
  const status = h('div', { className: 'status-area' })
  let busy = false
  const connect = async () => {
    if (busy) return
    busy = true
    status.replaceChildren(message('info', 'Connecting…'))
    try {
      await pane.conn.connect({ serverUrl: url.value.trim(), token: token.value.trim() })
      pane.go(pane.conn.view.pending > 0 ? 'queue' : pane.conn.view.catalogue?.me.role === 'viewer' ? 'sheets' : 'record')
    } catch (err) {
      status.replaceChildren(message('error', `Could not connect: ${(err as Error).message}`))
    } finally {
      busy = false
    }
  }
  // Enter in either field connects, as in any sign-in form (the Fluent button is not a native default button).
  const form = h('form', { className: 'form', onsubmit: (e: Event) => (e.preventDefault(), void connect()) },
    field('Server URL', url, 'The address of the lotledger server (this pane\'s own address by default).'),
    field('Token', token, 'Remembered on this computer for you.'),
    h('div', { className: 'actions' }, primary('Connect', () => {}, { type: 'submit', 'data-action': 'connect' }),
      v.credentials ? button('Disconnect', () => (pane.conn.disconnect(), pane.go('connect')), { 'data-action': 'disconnect' }) : null))
  form.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || !(e.target instanceof HTMLInputElement)) return
    e.preventDefault()
    form.requestSubmit()
  })
  if (refused) queueMicrotask(() => token.focus())
  return h('section', { className: 'panel', 'aria-label': 'Connection' },
    h('h2', null, 'Connection'),
    refused
      ? message('error', h('strong', null, 'Token refused.'), h('div', null, 'The server does not accept this token any more. Enter a new one: writes waiting on this computer are sent once it is accepted.'))
      : facts(pane) ?? h('p', { className: 'lead' }, 'Connect to your lotledger server with the token your administrator gave you.'),
    form, status)
}
