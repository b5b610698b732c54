/** Connect: which server, which token; what this token is. */
import type { Pane } from './context'
import { button, field, h, input, message, primary } from './dom'

export function connectPanel(pane: Pane): HTMLElement {
  const v = pane.conn.view
  const url = input({ type: 'url', value: v.credentials?.serverUrl ?? location.origin, name: 'server', placeholder: 'https://lotledger.example.com' })
  const token = input({ type: 'password', value: v.credentials?.token ?? '', name: 'token', placeholder: 'll_…', autocomplete: 'off' })
  const status = h('div', { className: 'status-area' })
  const connect = async () => {
    status.replaceChildren(message('info', 'Connecting…'))
    try {
      await pane.conn.connect({ serverUrl: url.value.trim(), token: token.value.trim() })
      status.replaceChildren(message('success', `Connected to workspace ${pane.conn.view.catalogue?.me.workspace.name}.`))
      pane.go(pane.conn.view.pending > 0 ? 'queue' : 'record')
    } catch (err) {
      status.replaceChildren(message('error', `Could not connect: ${(err as Error).message}`))
    }
  }
  const me = v.catalogue?.me
  return h(
    'section',
    { className: 'panel', 'aria-label': 'Connection' },
    h('h2', null, 'Connection'),
    me && v.credentials
      ? h('dl', { className: 'facts' },
          h('dt', null, 'Workspace'), h('dd', null, `${me.workspace.name} (${me.workspace.id})`),
          h('dt', null, 'Role'), h('dd', null, me.role),
          h('dt', null, 'Token'), h('dd', null, me.token.name),
          h('dt', null, 'Server'), h('dd', null, v.credentials.serverUrl))
      : h('p', { className: 'lead' }, 'Connect to your lotledger server with the token your administrator gave you.'),
    h('form', { className: 'form', onsubmit: (e: Event) => (e.preventDefault(), void connect()) },
      field('Server URL', url, 'The address of the lotledger server (this pane\'s own address by default).'),
      field('Token', token, 'Remembered on this computer for you.'),
      h('div', { className: 'actions' }, primary('Connect', () => void connect(), { type: 'submit' }),
        v.credentials ? button('Disconnect', () => (pane.conn.disconnect(), pane.go('connect'))) : null)),
    status,
  )
}
