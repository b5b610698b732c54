/** The editable lines of an operation: one small card per line, fitted to the pane's width. */
import type { LineField } from '../../../shared/operation-types'
import type { Product } from '../api/types'
import { resolveProduct } from '../sync/catalogue'
import { emptyLine, type DraftLine } from '../forms/lines-from-rows'
import { h, input } from './dom'

export interface LineEditorOptions {
  section: 'lines' | 'consume' | 'produce'
  /** Which fields this kind of operation uses, besides product, lot and quantity. */
  fields: readonly LineField[]
  qtyLabel?: string
  products: Map<string, Product>
  onChange(): void
  /** Extra controls under a line (FEFO suggestion, "made from" choices). */
  extra?(line: DraftLine, index: number): HTMLElement | null
}

const LABELS: Record<string, string> = {
  from: 'From', to: 'To', package: 'Package', expirationDate: 'Expiration', location: 'Location', noLot: 'No lot (count the untracked bucket)',
}

function small(label: string, control: HTMLInputElement): HTMLElement {
  return h('label', { className: 'mini' }, h('span', null, label), control)
}

/** Renders `lines` into a container; edits update the array in place. */
export function lineEditor(lines: DraftLine[], o: LineEditorOptions): HTMLElement {
  const box = h('div', { className: 'lines', 'data-section': o.section })
  const render = () => {
    box.replaceChildren(...lines.map((line, i) => card(line, i)), h('fluent-button', {
      appearance: 'subtle', onclick: () => (lines.push(emptyLine()), o.onChange(), render()), 'data-action': `add-${o.section}`,
    }, '+ Add line'))
  }
  const card = (line: DraftLine, i: number) => {
    const at = `${o.section}[${i}]`
    const bind = (key: keyof DraftLine, props: Record<string, unknown> = {}) => {
      const el = input({ value: line[key] ?? '', 'data-path': `${at}.${key}`, ...props })
      el.addEventListener('input', () => {
        ;(line as unknown as Record<string, string>)[key] = el.value
        o.onChange()
      })
      // A new product changes the line's fields (serials, tracking): redraw once it is chosen,
      // not on every keystroke, which would steal the focus. A scanned GTIN or a unique name
      // becomes the product's SKU.
      if (key === 'product') {
        el.addEventListener('change', () => {
          line.product = resolveProduct(el.value, o.products)
          o.onChange()
          render()
        })
      }
      return el
    }
    const product = o.products.get(line.product.trim())
    const serial = product?.tracking === 'serial'
    const tracked = product ? product.tracking !== 'none' : true
    const lotControl = serial
      ? (() => {
          const t = h('textarea', { rows: 2, 'data-path': `${at}.lot`, placeholder: 'one serial per line' }, line.lot)
          t.addEventListener('input', () => ((line.lot = t.value), o.onChange()))
          return t
        })()
      : bind('lot', { placeholder: tracked ? 'lot' : 'not tracked', disabled: !tracked || line.noLot })
    const productInput = bind('product', { list: 'products-list', placeholder: 'SKU, name or GTIN', 'aria-label': `Line ${i + 1} product` })
    const extras = o.fields.filter((f) => f !== 'noLot').map((f) => small(LABELS[f], bind(f, f === 'expirationDate' ? { type: 'date' } : {})))
    const noLot = o.fields.includes('noLot') && tracked
      ? h('label', { className: 'check' }, h('input', {
          type: 'checkbox', checked: Boolean(line.noLot), onchange: (e: Event) => ((line.noLot = (e.target as HTMLInputElement).checked), o.onChange(), render()),
        }), LABELS.noLot)
      : null
    return h('fieldset', { className: 'line', 'data-line': String(i) },
      h('legend', null, `Line ${i + 1}`, product ? h('span', { className: 'muted' }, ` · ${product.name} (${product.uom}, ${product.tracking === 'none' ? 'untracked' : `by ${product.tracking}`})`) : null),
      h('div', { className: 'row' }, small('Product', productInput),
        h('fluent-button', { appearance: 'subtle', size: 'small', 'aria-label': `Remove line ${i + 1}`, title: 'Remove line',
          onclick: () => (lines.splice(i, 1), lines.length === 0 && lines.push(emptyLine()), o.onChange(), render()) }, '✕')),
      h('div', { className: 'row' },
        h('label', { className: 'mini grow' }, h('span', null, serial ? 'Serials' : 'Lot/Serial'), lotControl),
        small(o.qtyLabel ?? 'Quantity', bind('qty', { inputmode: 'decimal', placeholder: serial ? 'count' : '' }))),
      extras.length ? h('div', { className: 'row wrap' }, ...extras) : null,
      noLot,
      h('div', { className: 'field-error', role: 'alert', 'data-error-for': at }),
      o.extra?.(line, i) ?? null,
    )
  }
  render()
  return box
}
