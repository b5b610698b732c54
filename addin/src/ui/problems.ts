/**
 * Showing what is wrong where the user looks: each problem on the field or line it is about,
 * once, in the form's words; a short title in the status area, with only what could not be
 * placed on the form listed under it.
 */
import type { ErrorDetail } from '../../../shared/schemas/error'
import type { Rows, Section } from '../forms/draft-body'
import { friendlyMessage } from '../forms/validate'
import { h, message, setFieldError } from './dom'

const SECTION_WORDS: Record<Section, string> = { lines: 'Line', consume: 'Consumed line', produce: 'Produced line' }

/** An API path (`lines[2].qty`, `lines[0].serials[3]`) as the form's path, with draft rows. */
export function formPath(path: string, rows: Rows): string {
  const m = /^(lines|consume|produce)\[(\d+)\](.*)$/.exec(path)
  if (!m) return path
  const section = m[1] as Section
  const row = rows[section][Number(m[2])] ?? Number(m[2])
  const rest = m[3].replace(/^\.serials(\[\d+\])?/, '.lot').replace(/^\.countedQty/, '.qty').replace(/^\.inputs.*/, '')
  return `${section}[${row}]${rest}`
}

/** "Line 2: …" for a problem of a line that is not on the form any more; the message alone otherwise. */
function unplacedText(path: string, text: string): string {
  const m = /^(lines|consume|produce)\[(\d+)\]/.exec(path)
  return m ? `${SECTION_WORDS[m[1] as Section]} ${Number(m[2]) + 1}: ${text}` : text
}

/** Clears the errors shown on `form`. */
export function clearProblems(form: HTMLElement): void {
  for (const el of form.querySelectorAll('[aria-invalid]')) setFieldError(el as HTMLElement, null)
  for (const el of form.querySelectorAll('[data-error-for]')) el.textContent = ''
}

/**
 * Clears old errors, then shows `problems` on their fields (or their line), and `title` in
 * `status` with the problems that have no place on the form. Focuses the first field at fault.
 */
export function showProblems(form: HTMLElement, status: HTMLElement, problems: ErrorDetail[], rows: Rows, title: string): void {
  clearProblems(form)
  const unplaced: string[] = []
  for (const p of problems) {
    const path = formPath(p.path, rows)
    const text = friendlyMessage(p.message)
    const control = form.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`)
    const line = /^(\w+\[\d+\])/.exec(path)?.[1]
    const box = line ? form.querySelector(`[data-error-for="${CSS.escape(line)}"]`) : null
    if (control) setFieldError(control, text, !box)
    if (box) box.textContent = [box.textContent, text].filter(Boolean).join('; ')
    else if (!control) unplaced.push(unplacedText(p.path, text))
  }
  status.replaceChildren(message('error', h('strong', null, title), unplaced.length ? h('ul', { className: 'problems' }, ...unplaced.map((u) => h('li', null, u))) : null))
  form.querySelector<HTMLElement>('[aria-invalid]')?.focus()
}
