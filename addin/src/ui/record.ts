/** Record: receipts, deliveries, transfers, counts, scrap, production and returns. */
import { OPERATION_TYPE_INFO, OPERATION_TYPES, type End, type OperationType } from '../../../shared/operation-types'
import type { ErrorDetail } from '../../../shared/schemas/error'
import { draftToBody, type Rows } from '../forms/draft-body'
import { describeBody, isEmptyDraft, newDraft, type OperationDraft } from '../forms/operation-draft'
import { productsOf } from '../sync/catalogue'
import type { QueuedWrite } from '../sync/outbox'
import type { Pane } from './context'
import { ask } from './dialog'
import { button, clearStatusOnInput, field, h, input, message, primary, select } from './dom'
import { recordedMessage, refusalDetails, refusalTitle, waitingText } from './outcome'
import { clearProblems, showProblems } from './problems'
import { kdeSection } from './record-kdes'
import { lineSections } from './record-lines'
import { recordScan, type ProductionSide } from './record-scan'
import { returnPicker } from './return-picker'
import { canWrite, viewerNote } from './role'
import { scanField } from './scan-field'

const DRAFT_KEY = 'draft:operation'
/** A refusal to show on the draft when Record opens (a queued write opened to fix it). */
const REFUSAL_KEY = 'draft:refusal'

type Refusal = NonNullable<QueuedWrite['error']>

/** The default location of an end the form asks for ('' when the user must choose), or undefined when it does not ask. */
function formEnd(type: OperationType, end: End): string | undefined {
  const info = OPERATION_TYPE_INFO[type]
  return info.formEnds.includes(end) ? (info.ends[end] ?? '') : undefined
}

/**
 * Opens `draft` in Record, with `refusal` shown on it. When Record holds another operation being
 * written, asks first; resolves false when the user keeps that one.
 */
export async function openInRecord(pane: Pane, draft: OperationDraft, refusal: Refusal | null = null): Promise<boolean> {
  const current = pane.store.get<OperationDraft>(DRAFT_KEY)
  if (current && current.id !== draft.id && !isEmptyDraft({ ...newDraft(current.type), ...current })) {
    const replace = await ask({
      title: 'Replace the operation in Record?',
      text: `Record holds ${current.reference.trim() ? `${OPERATION_TYPE_INFO[current.type].label.toLowerCase()} ${current.reference.trim()}` : `a ${OPERATION_TYPE_INFO[current.type].label.toLowerCase()}`} not recorded yet. It will be replaced and its lines lost.`,
      confirm: 'Replace it', cancel: 'Keep it',
    })
    if (!replace) return false
  }
  pane.store.set(DRAFT_KEY, draft)
  if (refusal) pane.store.set(REFUSAL_KEY, refusal)
  else pane.store.remove(REFUSAL_KEY)
  pane.go('record')
  return true
}

/** The Record tab: the operation being written, checked and sent once; for a viewer, why not. */
export function recordPanel(pane: Pane): HTMLElement {
  const title = h('h2', null, 'Record an operation')
  if (!canWrite(pane)) return h('section', { className: 'panel', 'aria-label': 'Record an operation' }, title, viewerNote(pane, 'record operations'))
  const catalogue = pane.conn.view.catalogue
  let draft: OperationDraft = { ...newDraft(), ...pane.store.get<OperationDraft>(DRAFT_KEY) }
  const save = () => pane.store.set(DRAFT_KEY, draft)
  const status = h('div', { className: 'status-area' })
  const form = h('form', { className: 'form', novalidate: true, onsubmit: (e: Event) => (e.preventDefault(), void submit()) })
  clearStatusOnInput(form, status)
  const root = h('section', { className: 'panel', 'aria-label': 'Record an operation' }, title, form, status)
  let busy = false
  let side: ProductionSide = 'consume'
  // One Scan field for the panel's life: redrawing the form keeps it, and its focus, for the next scan.
  const scan = scanField(pane, {
    hint: 'A scanner types the barcode and Enter: the product, lot or serial, expiry and quantity go on the current line; the next scan starts a new one.',
    onScan: recordScan({ pane, draft: () => draft, save, render: () => render(), side: () => side }),
  })

  const kdes = kdeSection(() => draft, save)
  /** Problems inside the KDE section open it first, so that they are seen. */
  const show = (problems: ErrorDetail[], rows: Rows, title: string) => {
    if (problems.some((p) => p.path.startsWith('kdes.'))) kdes.open()
    showProblems(form, status, problems, rows, title)
  }

  const headerField = (key: 'reference' | 'partner' | 'date' | 'from' | 'to' | 'overrideReason', label: string, props: Record<string, unknown> = {}, hint?: string) => {
    const el = input({ value: draft[key], name: key, 'data-path': key === 'overrideReason' ? 'override.reason' : key, ...props })
    el.addEventListener('input', () => ((draft[key] = el.value), save()))
    return field(label, el, hint)
  }

  const sideSelect = () => {
    const el = select([['consume', 'Consumed lines'], ['produce', 'Produced lines']], side, { name: 'scan-side' })
    el.addEventListener('change', () => (side = el.value === 'produce' ? 'produce' : 'consume'))
    return el
  }

  const render = () => {
    const t = draft.type
    const typeSelect = select(OPERATION_TYPES.map((x) => [x, OPERATION_TYPE_INFO[x].choice]), t, { name: 'type' })
    typeSelect.addEventListener('change', () => {
      draft = { ...draft, type: typeSelect.value as OperationType, from: '', to: '' }
      save()
      render()
    })
    const ends = { from: formEnd(t, 'from'), to: formEnd(t, 'to') }
    const warnExpired = catalogue?.settings.expiredShipping === 'warn' && (t === 'delivery' || t === 'internal' || t === 'production')
    const children: Array<HTMLElement | null> = [
      field('Operation', typeSelect),
      headerField('reference', 'Reference', { required: true, placeholder: t === 'receipt' ? 'PO-1042' : t === 'delivery' ? 'SO-2231' : '' }),
      t === 'receipt' || t === 'delivery' || t === 'return' ? headerField('partner', t === 'receipt' ? 'Supplier' : 'Customer') : null,
      headerField('date', 'Date', { type: 'date' }, 'Empty: now. Expiry dates count from the receipt date.'),
      t === 'return' ? returnPicker(pane, draft, save) : null,
      ends.from !== undefined ? headerField('from', t === 'production' ? 'Components from' : 'From', { list: 'locations-list', placeholder: ends.from || 'location' }) : null,
      ends.to !== undefined ? headerField('to', t === 'production' ? 'Products to' : 'To', { list: 'locations-list', placeholder: ends.to || 'location' }) : null,
      scan,
      t === 'production' ? field('Scans go to', sideSelect()) : null,
      ...lineSections({ pane, draft: () => draft, save, render, status }),
      t === 'receipt' ? kdes.element() : null,
      warnExpired ? headerField('overrideReason', 'Reason to ship expired lots', {}, 'Only needed if a lot is expired; kept in the ledger.') : null,
      h('div', { className: 'actions' },
        primary('Record', () => {}, { type: 'submit', 'data-action': 'record' }),
        button('Clear', () => ((draft = newDraft(draft.type)), save(), pane.store.remove(REFUSAL_KEY), render(), status.replaceChildren()), { 'data-action': 'clear' })),
      h('datalist', { id: 'products-list' }, ...(catalogue?.products ?? []).map((p) => h('option', { value: p.sku }, `${p.name}${p.gtin ? ` · ${p.gtin}` : ''}`))),
      h('datalist', { id: 'locations-list' }, ...(catalogue?.locations ?? []).map((l) => h('option', { value: l.code }, l.name))),
    ]
    form.replaceChildren(...children.filter((c): c is HTMLElement => c !== null))
  }

  const afterSend = (text: HTMLElement) => {
    status.replaceChildren(text)
    pane.store.remove(REFUSAL_KEY)
    draft = newDraft(draft.type)
    save()
    render()
  }

  const submit = async () => {
    // The button and the form are one action: a second press while one is on its way sends nothing.
    if (busy) return
    const { body, problems, rows } = draftToBody(draft, productsOf(catalogue))
    if (!body) return show(problems, rows, 'Check the marked fields: nothing was sent.')
    clearProblems(form)
    busy = true
    pane.progress('Recording…')
    try {
      const outcome = await pane.conn.outbox.submit({ id: draft.id, kind: 'operation', label: describeBody(body), body }, { refusalShownOnForm: () => root.isConnected })
      if (outcome.state === 'sent') {
        if (outcome.result.kind === 'operation') afterSend(recordedMessage(outcome.result.body, outcome.result.status))
      } else if (outcome.state === 'queued') {
        afterSend(message('warning', waitingText(outcome.cause, outcome.reason)))
        if (outcome.cause === 'offline') void pane.conn.tick()
      } else {
        show(refusalDetails(outcome.error), rows, refusalTitle(outcome.error.code))
      }
    } finally {
      busy = false
      pane.progress(null)
    }
  }

  render()
  // A write opened from the Queue shows why the server refused it.
  const refusal = pane.store.get<Refusal>(REFUSAL_KEY)
  if (refusal) show(refusalDetails(refusal), draftToBody(draft, productsOf(catalogue)).rows, `Refused when it was sent. ${refusalTitle(refusal.code)}`)
  return root
}
