/** The editable lines of an operation: one small card per line, fitted to the pane's width. */
import type { LineField } from '../../../shared/operation-types'
import { resolveProduct, type ProductIndex } from '../../../shared/products/resolve'
import type { Product } from '../api/types'
import type { DraftLine } from '../forms/lines-from-rows'
import { h, input } from './dom'

export interface LineEditorOptions<L extends DraftLine> {
  section: 'lines' | 'consume' | 'produce'
  /** Which fields this kind of operation uses, besides product, lot and quantity. */
  fields: readonly LineField[]
  qtyLabel?: string
  products: ProductIndex<Product>
  onChange(): void
  /** Extra controls under a line (FEFO suggestion, "made from" choices). */
  extra?(line: L, index: number): HTMLElement | null
  /** A new empty line of this section. */
  blank(): L
}

/** How a line of each section is called, for its legend and the names of its controls. */
const SECTION_LINE = { lines: 'Line', consume: 'Consumed line', produce: 'Produced line' } as const

const LABELS: Record<string, string> = {
  from: 'From', to: 'To', package: 'Package', expirationDate: 'Expiration', location: 'Location', noLot: 'No lot (count the untracked bucket)',
}

/** The Expiration field; a month-only expiry (from a scan) says so beside its last day. */
function expirationField(line: DraftLine, control: HTMLInputElement): HTMLElement {
  const field = small(LABELS.expirationDate, control)
  if (line.expirationPrecision === 'month') field.append(h('span', { className: 'muted', 'data-month-only': '' }, `month only: ${line.expirationDate.slice(0, 7)}`))
  control.addEventListener('input', () => field.querySelector('[data-month-only]')?.remove())
  return field
}

function small(label: string, control: HTMLInputElement | HTMLTextAreaElement): HTMLElement {
  return h('label', { className: 'mini' }, h('span', null, label), control)
}

/** Renders `lines` into a container; edits update the array in place. */
export function lineEditor<L extends DraftLine>(lines: L[], o: LineEditorOptions<L>): HTMLElement {
  const box = h('div', { className: 'lines', 'data-section': o.section })
  const render = () => {
    box.replaceChildren(...lines.map((line, i) => card(line, i)), h('fluent-button', {
      appearance: 'subtle', onclick: () => (lines.push(o.blank()), o.onChange(), render()), 'data-action': `add-${o.section}`,
    }, '+ Add line'))
  }
  const card = (line: L, i: number) => {
    const at = `${o.section}[${i}]`
    const errorBox = h('div', { className: 'field-error', role: 'alert', 'data-error-for': at, id: `${o.section}-${i}-error` })
    const bind = (key: 'product' | 'lot' | 'qty' | 'from' | 'to' | 'package' | 'expirationDate' | 'location', props: Record<string, unknown> = {}) => {
      const el = input({ value: line[key], 'data-path': `${at}.${key}`, 'aria-describedby': errorBox.id, ...props })
      el.addEventListener('input', () => {
        line[key] = el.value
        // A date typed over a month-only expiry is a day.
        if (key === 'expirationDate') delete line.expirationPrecision
        o.onChange()
      })
      return el
    }
    const match = resolveProduct(line.product, o.products)
    const product = match.product
    const name = `${SECTION_LINE[o.section]} ${i + 1}`
    const productInput = bind('product', { list: 'products-list', placeholder: 'SKU, name or GTIN', 'aria-label': `${name} product` })
    // A product chosen changes the line's fields (serials, tracking): redraw once it is chosen,
    // not on every keystroke, which would steal the focus. A GTIN, a name or another case
    // becomes the product's SKU; a product the resolver cannot decide says why on the line.
    productInput.addEventListener('change', () => {
      const chosen = resolveProduct(productInput.value, o.products)
      if (chosen.product) line.product = chosen.product.sku
      o.onChange()
      render()
      const again = box.querySelector<HTMLElement>(`[data-path="${CSS.escape(`${at}.product`)}"]`)
      if (!chosen.product && chosen.problem !== 'empty' && again) {
        again.setAttribute('aria-invalid', 'true')
        box.querySelector(`[data-error-for="${CSS.escape(at)}"]`)!.textContent = chosen.message
      }
    })
    // A scanner ends a GTIN with Enter: take it and move on to the lot instead of leaving the form.
    productInput.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter') return
      e.preventDefault()
      productInput.dispatchEvent(new Event('change'))
      box.querySelector<HTMLElement>(`[data-path="${CSS.escape(`${at}.lot`)}"]`)?.focus()
    })
    const serial = product?.tracking === 'serial'
    const tracked = product ? product.tracking !== 'none' : true
    const lotControl = serial
      ? (() => {
          const t = h('textarea', { rows: 2, 'data-path': `${at}.lot`, 'aria-describedby': errorBox.id, placeholder: 'one serial per line' }, line.lot)
          t.addEventListener('input', () => ((line.lot = t.value), o.onChange()))
          return t
        })()
      : bind('lot', { placeholder: tracked ? 'lot' : 'not tracked', disabled: !tracked || line.noLot })
    const extras = o.fields.filter((f) => f !== 'noLot').map((f) => f === 'expirationDate' ? expirationField(line, bind(f, { type: 'date' })) : small(LABELS[f], bind(f)))
    const noLot = o.fields.includes('noLot') && tracked
      ? h('label', { className: 'check' }, h('input', {
          type: 'checkbox', checked: Boolean(line.noLot), onchange: (e: Event) => ((line.noLot = (e.target as HTMLInputElement).checked), o.onChange(), render()),
        }), LABELS.noLot)
      : null
    return h('fieldset', { className: 'line', 'data-line': String(i) },
      h('legend', null, name, product ? h('span', { className: 'muted' }, ` · ${product.name} (${product.uom}, ${product.tracking === 'none' ? 'untracked' : `by ${product.tracking}`})`) : null),
      h('div', { className: 'row' }, small('Product', productInput),
        h('fluent-button', { appearance: 'subtle', size: 'small', 'aria-label': `Remove ${name.toLowerCase()}`, title: 'Remove line',
          onclick: () => (lines.splice(i, 1), lines.length === 0 && lines.push(o.blank()), o.onChange(), render()) }, '✕')),
      h('div', { className: 'row' },
        h('label', { className: 'mini grow' }, h('span', null, serial ? 'Serials' : 'Lot/Serial'), lotControl),
        small(o.qtyLabel ?? 'Quantity', bind('qty', { inputmode: 'decimal', placeholder: serial ? 'count' : '' }))),
      extras.length ? h('div', { className: 'row wrap' }, ...extras) : null,
      noLot,
      errorBox,
      o.extra?.(line, i) ?? null,
    )
  }
  render()
  return box
}
