/** Lots & serials: register one lot, a run of serials, or a pasted list; see the dates before saving. */
import type { Lot, Product } from '../api/types'
import { newClientId } from '../ids'
import { emptyLotForm, lotEntries, lotInputs, type LotForm } from '../forms/lot-entries'
import { newDraft, type OperationDraft } from '../forms/operation-draft'
import { emptyLine } from '../forms/lines-from-rows'
import { resolveProduct } from '../sync/catalogue'
import type { Pane } from './context'
import { button, field, fill, h, input, message, primary } from './dom'

const FORM_KEY = 'draft:lots'
const PREVIEW_ROWS = 8

export function lotsPanel(pane: Pane): HTMLElement {
  const catalogue = pane.conn.view.catalogue
  const products = new Map<string, Product>((catalogue?.products ?? []).filter((p) => p.tracking !== 'none').map((p) => [p.sku, p]))
  const form: LotForm = pane.store.get<LotForm>(FORM_KEY) ?? emptyLotForm()
  const save = () => pane.store.set(FORM_KEY, form)
  const preview = h('div', { className: 'preview', 'aria-live': 'polite' })
  const status = h('div', { className: 'status-area' })
  const body = h('div', { className: 'form' })

  const bound = (key: keyof LotForm, props: Record<string, unknown> = {}) => {
    const el = input({ value: form[key], name: key, ...props })
    el.addEventListener('input', () => ((form[key] = el.value as never), save(), update()))
    return el
  }

  const update = () => {
    const product = products.get(form.product.trim())
    const { entries, problems } = lotEntries(form, product, catalogue?.settings.timeZone ?? 'UTC')
    const rows = entries.slice(0, PREVIEW_ROWS).map((e) => h('tr', null, h('td', null, e.name), h('td', null, e.qty ?? ''),
      h('td', null, e.dates.expirationDate ?? '—'), h('td', null, e.dates.bestBeforeDate ?? '—'), h('td', null, e.dates.alertDate ?? '—')))
    fill(preview,
      product ? h('p', { className: 'muted' }, product.expiry
        ? `${product.name}: expires ${product.expiry.expirationDays} days after it comes in (alert ${product.expiry.alertDays} days before). Dates shown are what the server will compute from today; a receipt dates lots from its own date.`
        : `${product.name} has no shelf life set: lots get no dates unless you give one.`) : null,
      entries.length ? h('table', { className: 'grid' },
        h('thead', null, h('tr', null, h('th', null, form.mode === 'single' ? 'Lot' : 'Lot/Serial'), h('th', null, 'Qty'), h('th', null, 'Expires'), h('th', null, 'Best before'), h('th', null, 'Alert'))),
        h('tbody', null, ...rows),
        entries.length > PREVIEW_ROWS ? h('tfoot', null, h('tr', null, h('td', { colspan: 5 }, `…and ${entries.length - PREVIEW_ROWS} more (${entries.length} in all)`))) : null) : null,
      problems.length ? message('warning', ...problems.map((p) => `Line ${p.line}: ${p.message}\n`)) : null,
    )
    return { product, entries, problems }
  }

  const render = () => {
    const productInput = bound('product', { list: 'tracked-products', placeholder: 'SKU, name or GTIN' })
    productInput.addEventListener('change', () => {
      form.product = resolveProduct(productInput.value, products)
      save()
      render()
    })
    const modes = h('div', { className: 'segmented', role: 'radiogroup', 'aria-label': 'What to register' },
      ...(['single', 'run', 'paste'] as const).map((m) => h('label', null, h('input', {
        type: 'radio', name: 'mode', value: m, checked: form.mode === m, onchange: () => ((form.mode = m), save(), render()),
      }), { single: 'One lot', run: 'Serial run', paste: 'Paste a list' }[m])))
    const fields = form.mode === 'single'
      ? [field('Lot or serial', bound('name', { placeholder: 'L2026-1127' })), field('Internal reference', bound('ref'), 'e.g. the manufacturer\'s lot (optional)')]
      : form.mode === 'run'
        ? [field('First serial', bound('first', { placeholder: 'SN-0099A' }), 'The last number in it counts up, keeping its width.'), field('How many', bound('count', { type: 'number', min: 1, max: 10000 }))]
        : [field('Lots or serials, one per line', (() => {
            const t = h('textarea', { rows: 6, name: 'pasted', placeholder: 'L-001\t120\t2026-12-31\nL-002; 80' }, form.pasted)
            t.addEventListener('input', () => ((form.pasted = t.value), save(), update()))
            return t
          })(), 'Optionally a quantity and an expiration date (YYYY-MM-DD) after each, separated by TAB or ;')]
    fill(body,
      field('Product', productInput),
      h('datalist', { id: 'tracked-products' }, ...[...products.values()].map((p) => h('option', { value: p.sku }, `${p.name}${p.gtin ? ` · ${p.gtin}` : ''}`))),
      modes, ...fields,
      field('Expiration date (optional)', bound('expirationDate', { type: 'date' }), 'Given, it wins over the computed date.'),
      preview,
      h('div', { className: 'actions' }, primary('Register', () => void register()), button('Receive these…', receive)),
    )
    update()
  }

  const register = async () => {
    const { product, entries, problems } = update()
    if (!product) return void status.replaceChildren(message('error', form.product ? `${form.product} is not a product tracked by lot or serial.` : 'Choose a product.'))
    if (!entries.length || problems.length) return void status.replaceChildren(message('error', 'Nothing to register yet.'))
    const lots = lotInputs(product.sku, entries, form.ref)
    const outcome = await pane.conn.outbox.submit({ id: newClientId('lots-'), kind: 'lots', label: `Register ${lots.length} ${product.sku} ${lots.length === 1 ? 'lot' : 'lots'}`, body: { lots } })
    if (outcome.state === 'sent') {
      const r = outcome.result.body as { lots: Lot[]; created: number }
      status.replaceChildren(message('success', `${r.created} registered, ${r.lots.length - r.created} already there. `,
        h('span', null, r.lots.slice(0, 5).map((l) => `${l.name}: expires ${l.expirationDate ?? 'never'}`).join('; '))))
      Object.assign(form, { ...emptyLotForm(), product: form.product, mode: form.mode })
      save()
      render()
    } else if (outcome.state === 'queued') {
      status.replaceChildren(message('warning', `Saved on this computer; it will be sent when the server is back.`))
      void pane.conn.tick()
    } else {
      status.replaceChildren(message('error', outcome.error.message, ...outcome.error.details.map((d) => `\n${d.path}: ${d.message}`)))
    }
  }

  /** Opens a receipt with one line per lot (quantities from the pasted list, 1 per serial). */
  const receive = () => {
    const { product, entries } = update()
    if (!product || !entries.length) return void status.replaceChildren(message('error', 'Choose a product and lots first.'))
    const draft: OperationDraft = newDraft('receipt')
    draft.lines = product.tracking === 'serial'
      ? [{ ...emptyLine(), product: product.sku, lot: entries.map((e) => e.name).join('\n'), expirationDate: form.expirationDate }]
      : entries.map((e) => ({ ...emptyLine(), product: product.sku, lot: e.name, qty: e.qty !== undefined ? String(e.qty) : '', expirationDate: e.explicitExpiration ? e.dates.expirationDate ?? '' : '' }))
    pane.store.set('draft:operation', draft)
    pane.go('record')
  }

  render()
  return h('section', { className: 'panel', 'aria-label': 'Lots and serials' }, h('h2', null, 'Lots & serials'), h('form', { className: 'form', onsubmit: (e: Event) => e.preventDefault() }, body), status)
}
