/** A few helpers to build the pane's DOM without a framework. */

type Child = Node | string | number | null | undefined | false
type Props = Record<string, unknown>

/** Creates an element: properties (`onclick`, `value`, `className`...) or attributes (`aria-*`, `data-*`, custom). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K]
export function h(tag: string, props?: Props | null, ...children: Child[]): HTMLElement
export function h(tag: string, props: Props | null = null, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag)
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === undefined || v === null || v === false) continue
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v as EventListener)
    else if (k === 'className') el.className = String(v)
    else if (k === 'value' || k === 'checked' || k === 'disabled' || k === 'textContent') (el as unknown as Record<string, unknown>)[k] = v
    else el.setAttribute(k, v === true ? '' : String(v))
  }
  append(el, children)
  return el
}

/** Replaces an element's children, skipping empty ones. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren()
  append(el as HTMLElement, children)
}

function append(el: HTMLElement, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue
    el.append(typeof c === 'string' || typeof c === 'number' ? String(c) : c)
  }
}

let fieldCounter = 0

/** A labelled form field: `<label for>` + control, with room for a hint and an error message. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLElement {
  control.id ||= `f${++fieldCounter}`
  const hintEl = hint ? h('div', { className: 'hint', id: `${control.id}-hint` }, hint) : null
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id)
  return h('div', { className: 'field' }, h('label', { for: control.id }, label), control, hintEl, h('div', { className: 'field-error', role: 'alert' }))
}

/**
 * Marks a control invalid (or valid again) and, when `show`, writes the message under it in its
 * field; a control inside a line leaves the words to the line's own error box.
 */
export function setFieldError(control: HTMLElement, message: string | null, show = true): void {
  const box = control.closest('.field')?.querySelector('.field-error')
  if (box && show) box.textContent = message ?? ''
  if (message) control.setAttribute('aria-invalid', 'true')
  else control.removeAttribute('aria-invalid')
}

export function input(props: Props = {}): HTMLInputElement {
  return h('input', { type: 'text', autocomplete: 'off', ...props })
}

export function select(options: Array<[value: string, label: string]>, value?: string, props: Props = {}): HTMLSelectElement {
  const s = h('select', props, ...options.map(([v, l]) => h('option', { value: v }, l)))
  if (value !== undefined) s.value = value
  return s
}

export function button(label: string, onclick: (e: Event) => void, props: Props = {}): HTMLElement {
  return h('fluent-button', { appearance: 'secondary', onclick, ...props }, label)
}

export function primary(label: string, onclick: (e: Event) => void, props: Props = {}): HTMLElement {
  return button(label, onclick, { appearance: 'primary', ...props })
}

const ICONS: Record<'info' | 'success' | 'warning' | 'error', string> = {
  info: 'M10 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16Zm0 7a.75.75 0 0 0-.75.75v4.5a.75.75 0 0 0 1.5 0v-4.5A.75.75 0 0 0 10 9Zm0-3.25a1 1 0 1 0 0 2 1 1 0 0 0 0-2Z',
  success: 'M10 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16Zm3.36 5.65a.5.5 0 0 0-.71 0L9 11.29 7.35 9.65a.5.5 0 0 0-.7.7l2 2c.19.2.5.2.7 0l4-4a.5.5 0 0 0 0-.7Z',
  warning: 'M8.68 2.79a1.5 1.5 0 0 1 2.64 0l6.5 12A1.5 1.5 0 0 1 16.5 17h-13a1.5 1.5 0 0 1-1.32-2.21l6.5-12ZM10 13.5a1 1 0 1 0 0 2 1 1 0 0 0 0-2Zm0-7a.75.75 0 0 0-.75.75v4a.75.75 0 0 0 1.5 0v-4A.75.75 0 0 0 10 6.5Z',
  error: 'M10 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16ZM7.8 7.1a.5.5 0 0 0-.7.7L9.29 10 7.1 12.2a.5.5 0 1 0 .7.7L10 10.71l2.2 2.2a.5.5 0 0 0 .7-.7L10.71 10l2.2-2.2a.5.5 0 0 0-.7-.7L10 9.29 7.8 7.1Z',
}

/** A message bar with its intent's icon: info | success | warning | error. */
export function message(intent: 'info' | 'success' | 'warning' | 'error', ...content: Child[]): HTMLElement {
  const icon = document.createElementNS('http://www.w3.org/2000/svg', 'svg')
  icon.setAttribute('viewBox', '0 0 20 20')
  icon.setAttribute('width', '16')
  icon.setAttribute('height', '16')
  icon.setAttribute('aria-hidden', 'true')
  icon.setAttribute('slot', 'icon')
  icon.setAttribute('class', `icon ${intent}`)
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path')
  path.setAttribute('d', ICONS[intent])
  path.setAttribute('fill', 'currentColor')
  icon.append(path)
  return h('fluent-message-bar', { intent }, icon as unknown as Node, h('div', { className: 'message-text' }, ...content))
}

/**
 * Old news goes once the user moves on: a result or a warning in `status` is cleared at the next
 * edit of `form`. Errors stay until the next try, beside the fields they are about.
 */
export function clearStatusOnInput(form: HTMLElement, status: HTMLElement): void {
  form.addEventListener('input', () => {
    if (status.firstElementChild && !status.querySelector('fluent-message-bar[intent="error"]')) status.replaceChildren()
  })
}

/**
 * On a long panel the outcome of an action shows where the user acted: `status` moves under the
 * row of buttons that was clicked.
 */
export function statusFollowsClicks(form: HTMLElement, status: HTMLElement): void {
  form.addEventListener('click', (e) => {
    const actions = e.target instanceof Element ? e.target.closest('.actions') : null
    if (actions && form.contains(actions) && !status.contains(actions) && actions.nextElementSibling !== status) actions.after(status)
  }, true)
}
