/**
 * A return names the operation it reverses by its internal id; people know the delivery by its
 * reference. The picker asks the server for the operations under that reference and lets the
 * user pick one (it picks alone when there is one).
 */
import { dateInZone } from '../../../shared/dates'
import { OPERATION_TYPE_INFO } from '../../../shared/operation-types'
import type { OperationSummary } from '../../../shared/schemas/queries'
import type { OperationDraft } from '../forms/operation-draft'
import type { Pane } from './context'
import { button, field, fill, h, input, setFieldError } from './dom'

/** "Delivery SO-1 · 2026-12-05 · Corner Shop · 2 moves". */
function describe(op: OperationSummary, timeZone: string): string {
  return [`${OPERATION_TYPE_INFO[op.type].label} ${op.reference}`, dateInZone(new Date(op.date), timeZone), op.partner, `${op.moveCount} ${op.moveCount === 1 ? 'move' : 'moves'}`]
    .filter(Boolean).join(' · ')
}

/** The field that finds the returned operation; it writes `correctionOf` and `correctionRef` into the draft. */
export function returnPicker(pane: Pane, draft: OperationDraft, save: () => void): HTMLElement {
  const timeZone = pane.conn.view.catalogue?.settings.timeZone ?? 'UTC'
  const ref = input({ value: draft.correctionRef, name: 'correctionRef', 'data-path': 'correctionOf', placeholder: 'SO-2231' })
  const chosen = h('div', { className: 'picked', 'aria-live': 'polite' })
  const show = (text: string | null) => fill(chosen, text ? h('span', { 'data-return-of': draft.correctionOf }, `Returns ${text}`) : null)
  if (draft.correctionOf) show(`operation ${draft.correctionOf}`)
  // Leaving the field and clicking Find are one action: the reference is looked up once.
  let looked: string | null = draft.correctionOf ? draft.correctionRef : null

  const choose = (op: OperationSummary) => {
    Object.assign(draft, { correctionOf: op.id, correctionRef: ref.value.trim() })
    save()
    show(describe(op, timeZone))
  }
  const find = async () => {
    const reference = ref.value.trim()
    if (reference === looked) return
    looked = reference
    Object.assign(draft, { correctionOf: '', correctionRef: reference })
    save()
    show(null)
    setFieldError(ref, null)
    const api = pane.conn.api
    if (!reference || !api) return
    try {
      const ops = (await api.operations({ reference })).operations.filter((o) => o.type !== 'return')
      if (ops.length === 0) return setFieldError(ref, `no delivery or receipt has the reference ${reference}`)
      if (ops.length === 1) return choose(ops[0])
      fill(chosen, h('div', { className: 'choices', role: 'radiogroup', 'aria-label': `Operations with reference ${reference}` },
        ...ops.map((op) => h('label', { className: 'check' },
          h('input', { type: 'radio', name: 'return-of', value: op.id, onchange: () => choose(op) }), describe(op, timeZone)))))
    } catch (err) {
      looked = null
      setFieldError(ref, `could not look ${reference} up: ${(err as Error).message}`)
    }
  }
  ref.addEventListener('input', () => (looked = null))
  ref.addEventListener('change', () => void find())
  ref.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return
    e.preventDefault()
    void find()
  })
  const box = field('Returns (reference of the delivery or receipt)', ref, 'Type its reference and press Enter: the operation is found on the server.')
  // The Find button sits beside the reference it looks up.
  const row = h('div', { className: 'row' })
  ref.replaceWith(row)
  row.append(ref, button('Find', () => void find(), { 'data-action': 'find-return' }))
  return h('div', { className: 'return-of' }, box, chosen)
}
