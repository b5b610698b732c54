/** Lots & serials: register one lot, a run of serials, or a pasted list; see the dates before saving. */
import { expiryText } from '../../../shared/expiry-precision'
import { productIndex, resolveProduct } from '../../../shared/products/resolve'
import type { Gs1Fields } from '../../../shared/gs1/interpret'
import type { Product } from '../api/types'
import { emptyLine } from '../forms/lines-from-rows'
import { emptyLotForm, lotEntries, lotInputs, monthOnly, type LotEntry, type LotForm } from '../forms/lot-entries'
import { newDraft } from '../forms/operation-draft'
import { noProductText, productOfScan } from '../forms/scan-line'
import { lotFormFromScan } from '../forms/scan-lot'
import { friendlyMessage } from '../forms/validate'
import { newClientId } from '../ids'
import type { Pane } from './context'
import { button, clearStatusOnInput, field, fill, h, input, message, primary, setFieldError } from './dom'
import { lotsPreview } from './lots-preview'
import { unknownGtinReply } from './new-product'
import { counted, waitingText } from './outcome'
import { openInRecord } from './record'
import { canWrite, viewerNote } from './role'
import { scanField, type ScanReply } from './scan-field'

const FORM_KEY = 'draft:lots'
const MODES = { single: 'One lot', run: 'Serial run', paste: 'Paste a list' } as const

/** The Lots tab: one lot, a serial run or a pasted list, previewed; for a viewer, why not. */
export function lotsPanel(pane: Pane): HTMLElement {
  const title = h('h2', null, 'Lots & serials')
  if (!canWrite(pane)) return h('section', { className: 'panel', 'aria-label': 'Lots and serials' }, title, viewerNote(pane, 'register lots'))
  const catalogue = pane.conn.view.catalogue
  const settings = catalogue?.settings
  // Products added by a scan come with the change feed while the form stays open.
  let tracked = productIndex((catalogue?.products ?? []).filter((p) => p.tracking !== 'none'))
  const withProduct = (p: Product) => {
    if (p.tracking !== 'none' && !tracked.bySku.has(p.sku)) tracked = productIndex([...tracked.bySku.values(), p])
  }
  const form: LotForm = { ...emptyLotForm(), ...pane.store.get<LotForm>(FORM_KEY) }
  const save = () => pane.store.set(FORM_KEY, form)
  const preview = h('div', { className: 'preview', 'aria-live': 'polite' })
  const status = h('div', { className: 'status-area' })
  const body = h('div', { className: 'form' })
  const formEl = h('form', { className: 'form', onsubmit: (e: Event) => e.preventDefault() }, body)
  clearStatusOnInput(formEl, status)

  const productOf = (): Product | undefined => resolveProduct(form.product, tracked).product ?? undefined
  const update = () => {
    const product = productOf()
    const { entries, problems } = lotEntries(form, product, settings?.timeZone ?? 'UTC', new Date(), settings?.dateFormat)
    fill(preview, ...lotsPreview(form.mode, product, entries, problems))
    return { product, entries, problems }
  }
  const bound = (key: 'product' | 'name' | 'ref' | 'expirationDate' | 'first' | 'count', props: Record<string, unknown> = {}) => {
    const el = input({ value: form[key], name: key, ...props })
    el.addEventListener('input', () => {
      form[key] = el.value
      // A date typed over a month-only expiry is a day.
      if (key === 'expirationDate') delete form.expirationPrecision
      save()
      update()
    })
    return el
  }

  /** Puts a scan on the form: `product` when one was just added for its GTIN. */
  const takeScan = (scan: Gs1Fields, say: (r: ScanReply) => void, added?: Product): ScanReply => {
    if (!scan.gtin) return { intent: 'error', content: [noProductText(scan)] }
    const product = added ?? productOfScan(scan, productIndex(pane.conn.view.catalogue?.products ?? []))
    if (!product) return unknownGtinReply(pane, scan, scan.gtin, (p) => takeScan(scan, say, p), say)
    withProduct(product)
    const outcome = lotFormFromScan(form, scan, product)
    if (outcome.ok) {
      save()
      render()
    }
    return { intent: outcome.ok ? 'success' : 'error', content: [outcome.text] }
  }
  // Kept across redraws of the form, with its focus, for the next scan.
  const scan = scanField(pane, {
    hint: 'A scanner types the barcode and Enter: the product, the lot or serial and its expiry fill the form; a second serial makes a list.',
    onScan: (s, say) => takeScan(s, say),
  })

  const render = () => {
    const productInput = bound('product', { list: 'tracked-products', placeholder: 'SKU, name or GTIN' })
    productInput.addEventListener('change', () => {
      const match = resolveProduct(productInput.value, tracked)
      if (match.product) form.product = match.product.sku
      save()
      render()
      if (!match.product && match.problem !== 'empty') {
        const again = body.querySelector<HTMLInputElement>('input[name=product]')!
        setFieldError(again, match.problem === 'unknown' ? `${match.message}, or not tracked by lot or serial` : match.message)
      }
    })
    const modes = h('div', { className: 'segmented', role: 'radiogroup', 'aria-label': 'What to register' },
      ...(['single', 'run', 'paste'] as const).map((m) => h('label', null, h('input', {
        type: 'radio', name: 'mode', value: m, checked: form.mode === m, onchange: () => ((form.mode = m), save(), render()),
      }), MODES[m])))
    const pasted = h('textarea', { rows: 6, name: 'pasted', placeholder: 'L-001\t120\t31/12/2026\nL-002; 80' }, form.pasted)
    pasted.addEventListener('input', () => ((form.pasted = pasted.value), save(), update()))
    const dates = settings?.dateFormat === 'MDY' ? '12/31/2026' : settings?.dateFormat === 'YMD' ? '2026/12/31' : '31/12/2026'
    const fields = form.mode === 'single'
      ? [field('Lot or serial', bound('name', { placeholder: 'L2026-1127' })), field('Internal reference', bound('ref'), 'e.g. the manufacturer\'s lot (optional)')]
      : form.mode === 'run'
        ? [field('First serial', bound('first', { placeholder: 'SN-0099A' }), 'The last number in it counts up, keeping its width.'), field('How many', bound('count', { type: 'number', min: 1, max: 10000 }))]
        : [field('Lots or serials, one per line', pasted, `Optionally a quantity and an expiration date (${dates} or 2026-12-31) after each, separated by TAB or ;`)]
    fill(body,
      scan,
      field('Product', productInput),
      h('datalist', { id: 'tracked-products' }, ...[...tracked.bySku.values()].map((p) => h('option', { value: p.sku }, `${p.name}${p.gtin ? ` · ${p.gtin}` : ''}`))),
      modes, ...fields,
      field('Expiration date (optional)', bound('expirationDate', { type: 'date' }), form.expirationPrecision === 'month'
        ? `Month only (${form.expirationDate.slice(0, 7)}), as the scan gave it: kept as the month, its last day counts.`
        : 'Given, it wins over the computed date.'),
      preview,
      h('div', { className: 'actions' }, primary('Register', () => void register(), { 'data-action': 'register' }), button('Receive these…', () => void receive(), { 'data-action': 'receive' })),
    )
    update()
  }

  /** The pasted lines numbered `lines`: after registering a list, those that could not be read stay, to be fixed. */
  const pastedLines = (lines: number[]) => {
    const bad = new Set(lines)
    return form.pasted.split(/\r?\n/).filter((_, i) => bad.has(i + 1)).join('\n')
  }

  let busy = false
  const register = async () => {
    const { product, entries, problems } = update()
    if (!product) return void status.replaceChildren(message('error', form.product ? `${form.product} is not a product tracked by lot or serial.` : 'Choose a product.'))
    if (!entries.length) return void status.replaceChildren(message('error', problems.length ? 'No line can be registered yet: see the problems above.' : 'Nothing to register yet.'))
    if (busy) return
    busy = true
    const lots = lotInputs(product.sku, entries, form.ref)
    try {
      const outcome = await pane.conn.outbox.submit(
        { id: newClientId('lots-'), kind: 'lots', label: `Register ${lots.length} ${product.sku} ${lots.length === 1 ? 'lot' : 'lots'}`, body: { lots } },
        { refusalShownOnForm: () => body.isConnected })
      if (outcome.state === 'rejected') return void status.replaceChildren(message('error', h('strong', null, 'Nothing was registered.'), refusedLots(outcome.error, entries)))
      const left = problems.map((p) => p.line)
      const note = left.length ? ` ${counted(left.length, 'line')} could not be read and stay in the list to fix.` : ''
      if (outcome.state === 'sent' && outcome.result.kind === 'lots') {
        const r = outcome.result.body
        status.replaceChildren(message('success', h('strong', null, `${r.created} registered, ${r.lots.length - r.created} already there.${note}`),
          h('div', null, r.lots.slice(0, 5).map((l) => `${l.name}: expires ${expiryText(l) ?? 'never'}`).join('; '))))
      } else if (outcome.state === 'queued') {
        status.replaceChildren(message('warning', `${waitingText(outcome.cause, outcome.reason)}${note}`))
        if (outcome.cause === 'offline') void pane.conn.tick()
      }
      Object.assign(form, { ...emptyLotForm(), product: form.product, mode: form.mode, count: form.count, pasted: form.mode === 'paste' ? pastedLines(left) : '' })
      save()
      render()
    } finally {
      busy = false
    }
  }

  /** Opens a receipt with one line per lot (quantities from the pasted list, 1 per serial). */
  const receive = async () => {
    const { product, entries } = update()
    if (!product || !entries.length) return void status.replaceChildren(message('error', 'Choose a product and lots first.'))
    const draft = newDraft('receipt')
    draft.lines = product.tracking === 'serial'
      ? [{ ...emptyLine(), product: product.sku, lot: entries.map((e) => e.name).join('\n'), expirationDate: form.expirationDate, ...monthOnly(form) }]
      : entries.map((e) => ({
          ...emptyLine(), product: product.sku, lot: e.name, qty: e.qty !== undefined ? String(e.qty) : '',
          ...(e.explicitExpiration ? { expirationDate: e.dates.expirationDate ?? '', ...monthOnly(e.dates) } : {}),
        }))
    await openInRecord(pane, draft)
  }

  render()
  return h('section', { className: 'panel', 'aria-label': 'Lots and serials' }, title, formEl, status)
}

/** A refusal of a registration, each problem named by its lot (`lots[3].name` is the fourth lot sent). */
function refusedLots(err: { message: string; details: Array<{ path: string; message: string }> }, entries: LotEntry[]): HTMLElement {
  const items = err.details.length
    ? err.details.map((d) => {
        const i = /^lots\[(\d+)\]/.exec(d.path)
        const text = friendlyMessage(d.message)
        return i && entries[Number(i[1])] ? `${entries[Number(i[1])].name}: ${text}` : text
      })
    : [friendlyMessage(err.message)]
  return h('ul', { className: 'problems' }, ...items.map((t) => h('li', null, t)))
}
