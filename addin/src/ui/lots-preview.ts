/** The dates the lots will get, shown before saving, and the lines of a pasted list that could not be read. */
import { expiryText } from '../../../shared/expiry-precision'
import type { PastedProblem } from '../../../shared/serials'
import type { Product } from '../api/types'
import type { LotEntry, LotMode } from '../forms/lot-entries'
import { h, message } from './dom'
import { counted } from './outcome'

const PREVIEW_ROWS = 8

/** The preview of `entries` (the first few), what the product's shelf life says, and the problems by line. */
export function lotsPreview(mode: LotMode, product: Product | undefined, entries: LotEntry[], problems: PastedProblem[]): Array<HTMLElement | null> {
  const rows = entries.slice(0, PREVIEW_ROWS).map((e) => h('tr', null, h('td', null, e.name), h('td', null, e.qty ?? ''),
    h('td', null, expiryText(e.dates) ?? '—'), h('td', { className: 'optional' }, e.dates.bestBeforeDate ?? '—'), h('td', null, e.dates.alertDate ?? '—')))
  return [
    product ? h('p', { className: 'muted' }, product.expiry
      ? `${product.name}: expires ${product.expiry.expirationDays} days after it comes in (alert ${product.expiry.alertDays} days before). Dates shown are what the server will compute from today; a receipt dates lots from its own date.`
      : `${product.name} has no shelf life set: lots get no dates unless you give one.`) : null,
    entries.length ? h('table', { className: 'grid' },
      h('thead', null, h('tr', null, h('th', null, mode === 'single' ? 'Lot' : 'Lot/Serial'), h('th', null, 'Qty'), h('th', null, 'Expires'), h('th', { className: 'optional' }, 'Best before'), h('th', null, 'Alert'))),
      h('tbody', null, ...rows),
      h('tfoot', null, h('tr', null, h('td', { colspan: 5 }, entries.length > PREVIEW_ROWS
        ? `…and ${entries.length - PREVIEW_ROWS} more (${counted(entries.length, 'lot')} to register)`
        : `${counted(entries.length, 'lot')} to register`)))) : null,
    problems.length ? message('warning', h('strong', null, `${counted(problems.length, 'line')} cannot be read; the others can be registered.`),
      h('ul', { className: 'problems' }, ...problems.map((p) => h('li', null, mode === 'paste' && p.line > 0 ? `Line ${p.line}: ${p.message}` : p.message)))) : null,
  ]
}
