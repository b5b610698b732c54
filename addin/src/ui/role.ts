/** What the token's role allows in the pane: a viewer reads and pulls sheets but writes nothing. */
import type { Pane } from './context'
import { button, h, message } from './dom'

/** True when the connected token may record and register (operator or admin). */
export function canWrite(pane: Pane): boolean {
  return pane.conn.view.catalogue?.me.role !== 'viewer'
}

/** Says why a viewer gets no form here, and how to get one. */
export function viewerNote(pane: Pane, cannot: string): HTMLElement {
  return h('div', { className: 'form' },
    message('info',
      h('strong', null, `A viewer token cannot ${cannot}.`),
      h('div', null, 'It reads the ledger and pulls sheets. Ask your administrator for an operator token, then connect with it.')),
    h('div', { className: 'actions' }, button('Connect with another token', () => pane.go('connect'), { 'data-action': 'change-token' })))
}
