/**
 * The Record form's "Traceability (FSMA 204)" section of a receipt: where and when the food was
 * harvested, cooled and first packed, for foods on FDA's Food Traceability List. Optional and
 * collapsed; it opens by itself when it holds something or a problem is shown in it.
 */
import '@fluentui/web-components/accordion.js'
import '@fluentui/web-components/accordion-item.js'
import type { OperationDraft } from '../forms/operation-draft'
import { emptyKdes, hasKdes, kdePath, KDE_FORM } from '../forms/receipt-kdes'
import { field, h, input } from './dom'

const EVENT_WORDS = { harvest: 'Harvest', cooling: 'Cooling', initialPacking: 'Initial packing' } as const

/** The section's state across the form's redraws. */
export interface KdeSection {
  /** The section for the draft as it is now (draw it again after each redraw). */
  element(): HTMLElement
  /** Opens it, so that problems shown in it can be seen. */
  open(): void
}

/** The section of `draft()`'s KDEs; `save` keeps each change. */
export function kdeSection(draft: () => OperationDraft, save: () => void): KdeSection {
  let item: (HTMLElement & { expanded?: boolean }) | null = null
  let expanded: boolean | null = null
  /** The draft the state is of: a new operation starts collapsed again. */
  let of: string | null = null
  return {
    open() {
      expanded = true
      if (item) item.expanded = true
    },
    element() {
      const d = draft()
      const kdes = (d.kdes ??= emptyKdes())
      if (of !== d.id) (of = d.id), (item = null), (expanded = null)
      if (item) expanded = item.expanded === true
      const groups = KDE_FORM.map((e) => h('div', { className: 'kde-event' }, h('div', { className: 'kde-title' }, EVENT_WORDS[e.event]),
        ...e.fields.map((f) => {
          const el = input({ value: kdes[f.field], name: f.field, 'data-path': kdePath(f.field), ...(f.date ? { type: 'date' } : {}) })
          el.addEventListener('input', () => ((kdes[f.field] = el.value), save()))
          return field(f.label, el)
        })))
      item = h('fluent-accordion-item', { expanded: expanded ?? hasKdes(kdes), 'data-section': 'kdes' },
        h('span', { slot: 'heading' }, 'Traceability (FSMA 204)'),
        h('div', { className: 'kde-body' },
          h('div', { className: 'hint' }, 'Optional, for foods on FDA\'s Food Traceability List: where and when they were harvested, cooled and first packed. Each place with its date.'),
          ...groups))
      return h('fluent-accordion', { className: 'kdes' }, item)
    },
  }
}
