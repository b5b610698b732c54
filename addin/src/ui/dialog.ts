/**
 * Questions the pane asks before doing something that cannot be undone or that replaces work:
 * a Fluent dialog. Office replaces window.confirm/alert/prompt with functions that throw, so the
 * pane never calls them (a lint rule keeps them out).
 */
import '@fluentui/web-components/dialog.js'
import '@fluentui/web-components/dialog-body.js'
import { h } from './dom'

export interface Question {
  title: string
  /** What will happen, in a sentence or two. */
  text: string
  /** The button that goes ahead ("Discard", "Replace"). */
  confirm: string
  /** The button that changes nothing (default "Cancel"). */
  cancel?: string
}

let asked = 0

/**
 * Shows `q` in a modal dialog; resolves true when the user confirms, false when they cancel,
 * press Escape or click outside. The dialog leaves the page once answered.
 */
export function ask(q: Question): Promise<boolean> {
  const id = `dialog-${++asked}`
  return new Promise((resolve) => {
    let answer = false
    const done = (yes: boolean) => {
      answer = yes
      dialog.hide()
    }
    const dialog = h('fluent-dialog', { type: 'modal', 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-text`, className: 'question' },
      h('fluent-dialog-body', null,
        h('h2', { slot: 'title', id: `${id}-title` }, q.title),
        h('p', { id: `${id}-text` }, q.text),
        h('fluent-button', { slot: 'action', appearance: 'primary', 'data-dialog': 'confirm', onclick: () => done(true) }, q.confirm),
        h('fluent-button', { slot: 'action', appearance: 'secondary', 'data-dialog': 'cancel', autofocus: true, onclick: () => done(false) }, q.cancel ?? 'Cancel'))) as HTMLElement & { show(): void; hide(): void }
    // Escape, a click outside and the buttons all close it: the answer is what was clicked.
    dialog.addEventListener('toggle', (e) => {
      if (!(e instanceof CustomEvent) || e.detail?.newState !== 'closed') return
      dialog.remove()
      resolve(answer)
    })
    document.body.append(dialog)
    dialog.show()
  })
}
