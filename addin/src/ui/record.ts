/** Record: receipts, deliveries, transfers, counts, scrap, production and returns. */
import { OPERATION_TYPE_INFO, OPERATION_TYPES, type End, type OperationType } from '../../../shared/operation-types'
import { ApiError, type ApiErrorCode } from '../api/errors'
import type { OperationResult, Product } from '../api/types'
import { selectedRows } from '../../excel'
import { linesFromRows } from '../forms/lines-from-rows'
import { bodyToDraft, describeBody, draftToBody, inputKey, newDraft, type OperationDraft, type ProduceDraft } from '../forms/operation-draft'
import type { Pane } from './context'
import { button, field, h, input, message, primary, select } from './dom'
import { lineEditor } from './line-editor'
import { showProblems } from './problems'

const DRAFT_KEY = 'draft:operation'

/** The default location of an end the form asks for ('' when the user must choose), or undefined when it does not ask. */
function formEnd(type: OperationType, end: End): string | undefined {
  const info = OPERATION_TYPE_INFO[type]
  return info.formEnds.includes(end) ? (info.ends[end] ?? '') : undefined
}

/** Loads a queued write into the form (to fix a refused one). */
export function editInRecord(pane: Pane, body: unknown): void {
  pane.store.set(DRAFT_KEY, bodyToDraft(body as never))
}

export function recordPanel(pane: Pane): HTMLElement {
  const catalogue = pane.conn.view.catalogue
  const products = new Map<string, Product>((catalogue?.products ?? []).map((p) => [p.sku, p]))
  let draft: OperationDraft = pane.store.get<OperationDraft>(DRAFT_KEY) ?? newDraft()
  const save = () => pane.store.set(DRAFT_KEY, draft)
  const status = h('div', { className: 'status-area' })
  const form = h('form', { className: 'form', novalidate: true, onsubmit: (e: Event) => (e.preventDefault(), void submit()) })
  const root = h('section', { className: 'panel', 'aria-label': 'Record an operation' }, h('h2', null, 'Record an operation'), form, status)

  const locations = (catalogue?.locations ?? []).map((l) => l.code)
  const headerField = (key: 'reference' | 'partner' | 'date' | 'from' | 'to' | 'note' | 'correctionOf' | 'overrideReason', label: string, props: Record<string, unknown> = {}, hint?: string) => {
    const el = input({ value: draft[key], name: key, 'data-path': key === 'overrideReason' ? 'override.reason' : key, ...props })
    el.addEventListener('input', () => ((draft[key] = el.value), save()))
    return field(label, el, hint)
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
    const sections: HTMLElement[] = []
    if (t === 'production') {
      sections.push(h('h3', null, 'Consumed'), lineEditor(draft.consume, { section: 'consume', fields: ['from'], products, onChange: save }))
      sections.push(h('h3', null, 'Produced'), lineEditor(draft.produce, {
        section: 'produce', fields: ['to', 'expirationDate'], products, onChange: save, extra: (line) => madeFrom(line as ProduceDraft),
      }))
    } else {
      sections.push(h('h3', null, t === 'return' ? 'Lines to return (leave empty to reverse everything)' : 'Lines'), lineEditor(draft.lines, {
        section: 'lines', fields: OPERATION_TYPE_INFO[t].lineFields, products, onChange: save, qtyLabel: t === 'adjustment' ? 'Counted' : undefined,
        extra: t === 'delivery' ? (line, i) => fefoButton(line.product, i) : undefined,
      }))
    }
    const warnExpired = catalogue?.settings.expiredShipping === 'warn' && (t === 'delivery' || t === 'internal')
    const children: Array<HTMLElement | null> = [
      field('Operation', typeSelect),
      headerField('reference', 'Reference', { required: true, placeholder: t === 'receipt' ? 'PO-1042' : t === 'delivery' ? 'SO-2231' : '' }),
      t === 'receipt' || t === 'delivery' || t === 'return' ? headerField('partner', t === 'receipt' ? 'Supplier' : 'Customer') : null,
      headerField('date', 'Date', { type: 'date' }, 'Empty: now. Expiry dates count from the receipt date.'),
      t === 'return' ? headerField('correctionOf', 'Returns operation (id)', { placeholder: 'the id shown when it was recorded' }) : null,
      ends.from !== undefined ? headerField('from', t === 'production' ? 'Components from' : 'From', { list: 'locations-list', placeholder: ends.from || 'location' }) : null,
      ends.to !== undefined ? headerField('to', t === 'production' ? 'Products to' : 'To', { list: 'locations-list', placeholder: ends.to || 'location' }) : null,
      ...sections,
      pane.excel ? h('div', { className: 'actions' }, button('Take lines from the selected rows', () => void fromSelection())) : null,
      warnExpired ? headerField('overrideReason', 'Reason to ship expired lots', {}, 'Only needed if a lot is expired; kept in the ledger.') : null,
      h('div', { className: 'actions' }, primary('Record', () => void submit(), { type: 'submit' }), button('Clear', () => ((draft = newDraft(draft.type)), save(), render(), status.replaceChildren()))),
      h('datalist', { id: 'products-list' }, ...(catalogue?.products ?? []).map((p) => h('option', { value: p.sku }, `${p.name}${p.gtin ? ` · ${p.gtin}` : ''}`))),
      h('datalist', { id: 'locations-list' }, ...locations.map((c) => h('option', { value: c }))),
    ]
    form.replaceChildren(...children.filter((c): c is HTMLElement => c !== null))
  }

  const madeFrom = (line: ProduceDraft) => {
    const consumed = draft.consume.filter((c) => c.product.trim() && c.lot.trim())
    if (!consumed.length || !line.product.trim()) return null
    return h('div', { className: 'made-from' }, h('span', { className: 'muted' }, 'Made from (none ticked: all consumed lots)'),
      ...consumed.map((c) => {
        const key = inputKey(c.product.trim(), c.lot.trim())
        return h('label', { className: 'check' }, h('input', {
          type: 'checkbox', checked: line.inputs.includes(key),
          onchange: (e: Event) => {
            line.inputs = (e.target as HTMLInputElement).checked ? [...line.inputs, key] : line.inputs.filter((k) => k !== key)
            save()
          },
        }), `${c.product.trim()} ${c.lot.trim()}`)
      }))
  }

  const fefoButton = (product: string, index: number) => {
    const p = products.get(product.trim())
    if (!p || p.tracking === 'none') return null
    return h('div', { className: 'actions' }, button('Suggest lots (first expiring first)', () => void suggest(index), { size: 'small' }))
  }

  const suggest = async (index: number) => {
    const api = pane.conn.api
    const line = draft.lines[index]
    if (!api) return
    try {
      const qty = Number(line.qty) || undefined
      const answer = await api.fefo(line.product.trim(), qty, line.from.trim() || draft.from.trim() || undefined)
      if (!answer.picks.length) {
        status.replaceChildren(message('warning', `No ${line.product} to pick${answer.expired.length ? ' (only expired lots left)' : ''}.`))
        return
      }
      const picked = answer.picks.map((pick) => ({ ...line, lot: pick.lot ?? '', qty: String(pick.qty), from: line.from || (pick.location !== 'WH/Stock' ? pick.location : '') }))
      draft.lines.splice(index, 1, ...picked)
      save()
      render()
      status.replaceChildren(message(answer.shortfall > 0 ? 'warning' : 'info',
        answer.picks.map((pick) => `${pick.lot} × ${pick.qty} (expires ${pick.expirationDate ?? 'never'})`).join(', ') +
        (answer.shortfall > 0 ? ` — ${answer.shortfall} short` : '') + (answer.expired.length ? `; expired left out: ${answer.expired.map((q) => q.lot).join(', ')}` : '')))
    } catch (err) {
      status.replaceChildren(message('error', `No suggestion: ${(err as Error).message}`))
    }
  }

  const fromSelection = async () => {
    try {
      const sel = await selectedRows()
      const { lines, unknown, error } = linesFromRows(sel.headers, sel.rows)
      if (error) return void status.replaceChildren(message('warning', `Selected rows on ${sel.sheet}: ${error}.`))
      const target = draft.type === 'production' ? draft.consume : draft.lines
      const kept = target.filter((l) => l.product.trim())
      target.splice(0, target.length, ...kept, ...lines)
      save()
      render()
      status.replaceChildren(message('info', `${lines.length} ${lines.length === 1 ? 'line' : 'lines'} taken from ${sel.sheet}${unknown.length ? `; columns not used: ${unknown.join(', ')}` : ''}.`))
    } catch (err) {
      status.replaceChildren(message('error', `Could not read the selection: ${(err as Error).message}`))
    }
  }

  const submit = async () => {
    const { body, problems, rows } = draftToBody(draft, products)
    if (!body) return void showProblems(form, status, problems, rows, 'Check the form')
    showProblems(form, status, [], rows, '')
    pane.progress('Recording…')
    const outcome = await pane.conn.outbox.submit({ id: draft.id, kind: 'operation', label: describeBody(body), body })
    pane.progress(null)
    if (outcome.state === 'sent') {
      status.replaceChildren(summary(outcome.result.body as OperationResult, outcome.result.status))
      draft = newDraft(draft.type)
      save()
      render()
    } else if (outcome.state === 'queued') {
      status.replaceChildren(message('warning', `Saved on this computer: it will be sent when the server is back (${outcome.reason}).`))
      draft = newDraft(draft.type)
      save()
      render()
      void pane.conn.tick()
    } else {
      showProblems(form, status, outcome.error.details, rows, refusal(outcome.error))
    }
  }

  render()
  return root
}

function refusal(err: ApiError): string {
  const hint: Partial<Record<ApiErrorCode, string>> = {
    insufficient_stock: 'Not enough stock.', serial_in_stock: 'A serial is already in stock.', lot_required: 'A lot is needed.',
    lot_expired: 'An expired lot cannot be shipped.', exists_with_different_fields: 'This id was used for another operation.',
  }
  return `${hint[err.code] ?? 'Refused.'} ${err.message}`
}

function summary(r: OperationResult, status: number): HTMLElement {
  const created = r.lots.filter((l) => l.created)
  return message('success',
    h('strong', null, `${status === 200 ? 'Already recorded' : 'Recorded'}: ${describeBody(r.operation.request as never)}`),
    h('div', null, `${r.moves.length} ${r.moves.length === 1 ? 'move' : 'moves'} · id ${r.operation.id}`),
    created.length ? h('div', null, `New lots: ${created.slice(0, 8).map((l) => `${l.name}${l.expirationDate ? ` (expires ${l.expirationDate})` : ''}`).join(', ')}${created.length > 8 ? ` and ${created.length - 8} more` : ''}`) : null)
}

