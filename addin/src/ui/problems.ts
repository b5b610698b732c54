/** Showing refusals where the user looks: on the field or line they are about, and in one message. */
import { message, setFieldError } from './dom'

type Rows = Record<'lines' | 'consume' | 'produce', number[]>

/** Maps an API path (`lines[2].qty`, `lines[0].serials[3]`) to the form's row and field. */
function formPath(path: string, rows: Rows): string {
  const m = /^(lines|consume|produce)\[(\d+)\](.*)$/.exec(path)
  if (!m) return path
  const row = rows[m[1] as keyof Rows][Number(m[2])] ?? Number(m[2])
  const rest = m[3].replace(/^\.serials(\[\d+\])?/, '.lot').replace(/^\.countedQty/, '.qty').replace(/^\.inputs.*/, '')
  return `${m[1]}[${row}]${rest}`
}

/** Clears old errors, then shows `problems` on their fields and a summary in `status`. */
export function showProblems(form: HTMLElement, status: HTMLElement, problems: Array<{ path: string; message: string }>, rows: Rows, title: string): void {
  for (const el of form.querySelectorAll('[aria-invalid]')) setFieldError(el as HTMLElement, null)
  for (const el of form.querySelectorAll('[data-error-for]')) el.textContent = ''
  if (!title) return void status.replaceChildren()
  const unplaced: string[] = []
  for (const p of problems) {
    const path = formPath(p.path, rows)
    const control = form.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`)
    if (control) {
      setFieldError(control, p.message)
      const line = /^(\w+\[\d+\])/.exec(path)?.[1]
      const box = line ? form.querySelector(`[data-error-for="${CSS.escape(line)}"]`) : null
      if (box) box.textContent = [box.textContent, p.message].filter(Boolean).join('; ')
      continue
    }
    const line = /^(\w+\[\d+\])/.exec(path)?.[1]
    const box = line ? form.querySelector(`[data-error-for="${CSS.escape(line)}"]`) : null
    if (box) box.textContent = [box.textContent, p.message].filter(Boolean).join('; ')
    else unplaced.push(`${p.path}: ${p.message}`)
  }
  status.replaceChildren(message('error', title, ...unplaced.map((u) => `\n${u}`)))
  form.querySelector<HTMLElement>('[aria-invalid]')?.focus()
}
