/**
 * Sheets > Stock, lots and moves, with their own filters, always shown with the buttons they
 * apply to and cleared in one click: a filter set long ago never narrows a sheet unseen.
 */
import { rangeProblem } from '../sheets/sources'
import { button, fill, h, setFieldError } from './dom'
import type { SheetsContext } from './sheets-context'

/** "Filters: product MILK · location WH/Stock", or that there is none. */
function filterSummary(c: SheetsContext): string {
  const f = c.form
  const parts = [['product', f.product], ['lot', f.lot], ['location', f.location], ['from', f.after], ['before', f.before]].filter(([, v]) => v.trim())
  return parts.length ? `Filters: ${parts.map(([k, v]) => `${k} ${v.trim()}`).join(' · ')}` : 'No filters: every product, lot and location.'
}

/** The "Stock, lots and moves" part of Sheets, its filters and their summary. */
export function stockSection(c: SheetsContext): HTMLElement[] {
  const verb = c.pane.excel ? '' : 'Download '
  const summary = h('div', { className: 'filters', 'aria-live': 'polite', 'data-filters': '' })
  const showSummary = () => fill(summary, h('span', null, filterSummary(c)))
  const clear = () => {
    for (const key of ['product', 'lot', 'location', 'after', 'before'] as const) {
      c.form[key] = ''
      c.control(key).value = ''
      setFieldError(c.control(key), null)
    }
    c.save()
    showSummary()
  }
  /** The product filter as a SKU, the dates in order; null after showing what is wrong. */
  const filters = (dates: boolean) => {
    const product = c.sku('product')
    if (product === null) return null
    const reversed = dates ? rangeProblem(c.form.after, c.form.before) : null
    if (reversed) {
      setFieldError(c.control('before'), reversed)
      return null
    }
    const opt = (v: string) => v.trim() || undefined
    return { product: product || undefined, lot: opt(c.form.lot), location: opt(c.form.location), after: opt(c.form.after), before: opt(c.form.before) }
  }
  const fields = [
    c.product('product', 'Product', false),
    c.text('lot', 'Lot or serial', { placeholder: 'all lots' }),
    c.text('location', 'Location (and inside it)', { list: 'sheet-locations', placeholder: 'all locations' }),
    h('div', { className: 'row' }, c.text('after', 'From date', { type: 'date' }), c.text('before', 'Before date', { type: 'date' })),
  ]
  const section = h('div', { className: 'filter-box' }, ...fields, summary,
    h('div', { className: 'actions' }, button('Clear filters', clear, { size: 'small', 'data-action': 'clear-filters' })))
  section.addEventListener('input', showSummary)
  section.addEventListener('change', showSummary)
  showSummary()
  const run = (make: (f: NonNullable<ReturnType<typeof filters>>) => Parameters<SheetsContext['run']>[0], dates = false) => {
    const f = filters(dates)
    if (f) void c.run(make(f))
  }
  return [
    h('h3', null, 'Stock, lots and moves'),
    section,
    h('p', { className: 'hint' }, 'Stock uses product, lot and location; Lots the product; Moves all of them and the dates; Expiring none.'),
    h('div', { className: 'actions' },
      button(`${verb}Stock`, () => run((f) => ({ kind: 'stock', product: f.product, lot: f.lot, location: f.location })), { 'data-sheet': 'stock' }),
      button(`${verb}Lots`, () => run((f) => ({ kind: 'lots', product: f.product })), { 'data-sheet': 'lots' }),
      button(`${verb}Expiring`, () => void c.run({ kind: 'expiring' }), { 'data-sheet': 'expiring' }),
      button(`${verb}Moves`, () => run((f) => ({ kind: 'moves', ...f }), true), { 'data-sheet': 'moves' })),
  ]
}
