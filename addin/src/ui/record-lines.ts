/**
 * The lines part of the Record form: the sections each kind of operation has, a delivery's
 * first-expiring-first suggestion, a production's "made from" choices, and lines taken from the
 * rows selected in Excel.
 */
import { OPERATION_TYPE_INFO } from '../../../shared/operation-types'
import { dateInZone } from '../../../shared/dates'
import { expiryText } from '../../../shared/expiry-precision'
import { resolveProduct } from '../../../shared/products/resolve'
import { selectedRows } from '../../excel'
import { gs1Reader } from '../forms/gs1-parser'
import { emptyLine, linesFromRows } from '../forms/lines-from-rows'
import { inputKey, type OperationDraft, type ProduceDraft } from '../forms/operation-draft'
import { productsOf } from '../sync/catalogue'
import type { Pane } from './context'
import { button, h, message } from './dom'
import { lineEditor } from './line-editor'
import { counted } from './outcome'

/** What the line sections need of the form around them. */
export interface LinesContext {
  pane: Pane
  draft: () => OperationDraft
  save(): void
  /** Draws the form again (after lines were added or replaced). */
  render(): void
  status: HTMLElement
}

/** "Made from" ticks of a produced line: which consumed lots made it. */
function madeFrom(c: LinesContext, line: ProduceDraft): HTMLElement | null {
  const consumed = c.draft().consume.filter((l) => l.product.trim() && l.lot.trim())
  if (!consumed.length || !line.product.trim()) return null
  return h('div', { className: 'made-from' }, h('span', { className: 'muted' }, 'Made from (none ticked: all consumed lots)'),
    ...consumed.map((l) => {
      const key = inputKey(l.product.trim(), l.lot.trim())
      return h('label', { className: 'check' }, h('input', {
        type: 'checkbox', checked: line.inputs.includes(key),
        onchange: (e: Event) => {
          line.inputs = (e.target as HTMLInputElement).checked ? [...line.inputs, key] : line.inputs.filter((k) => k !== key)
          c.save()
        },
      }), `${l.product.trim()} ${l.lot.trim()}`)
    }))
}

/** Fills line `index` of a delivery with the lots to pick first (one line per lot). */
async function suggest(c: LinesContext, index: number): Promise<void> {
  const api = c.pane.conn.api
  const draft = c.draft()
  const line = draft.lines[index]
  if (!api) return
  try {
    const qty = Number(line.qty) || undefined
    const answer = await api.fefo(line.product.trim(), qty, line.from.trim() || draft.from.trim() || undefined)
    if (!answer.picks.length) {
      c.status.replaceChildren(message('warning', `No ${line.product} to pick${answer.expired.length ? ' (only expired lots left)' : ''}.`))
      return
    }
    const picked = answer.picks.map((pick) => ({ ...line, lot: pick.lot ?? '', qty: String(pick.qty), from: line.from || (pick.location !== 'WH/Stock' ? pick.location : '') }))
    draft.lines.splice(index, 1, ...picked)
    c.save()
    c.render()
    c.status.replaceChildren(message(answer.shortfall > 0 ? 'warning' : 'info',
      answer.picks.map((pick) => `${pick.lot} × ${pick.qty} (expires ${expiryText(pick) ?? 'never'})`).join(', ') +
      (answer.shortfall > 0 ? ` — ${answer.shortfall} short` : '') + (answer.expired.length ? `; expired left out: ${answer.expired.map((q) => q.lot).join(', ')}` : '')))
  } catch (err) {
    c.status.replaceChildren(message('error', `No suggestion: ${(err as Error).message}`))
  }
}

/** Lines from the rows selected in any sheet, products resolved, GS1 barcodes read; they follow the lines already typed. */
async function fromSelection(c: LinesContext): Promise<void> {
  try {
    const [sel, read] = await Promise.all([selectedRows(), gs1Reader()])
    const today = dateInZone(new Date(), c.pane.conn.view.catalogue?.settings.timeZone ?? 'UTC')
    const { lines, unknown, conflicts, checks, error } = linesFromRows(sel.headers, sel.rows, (t) => {
      const scan = read(t, today)
      return scan.ok ? scan : null
    })
    if (error) return void c.status.replaceChildren(message('warning', `Selected rows on ${sel.sheet}: ${error}.`))
    const index = productsOf(c.pane.conn.view.catalogue)
    for (const l of lines) l.product = resolveProduct(l.product, index).product?.sku ?? l.product
    for (const { line, row, gtin } of checks) {
      const p = index.bySku.get(line.product)
      if (p && p.gtin !== gtin) conflicts.push(`row ${row}: the product column says ${p.sku}, the barcode GTIN ${gtin}${p.gtin ? ` (${p.sku} has ${p.gtin})` : ''}`)
    }
    const draft = c.draft()
    const target = draft.type === 'production' ? draft.consume : draft.lines
    target.splice(0, target.length, ...target.filter((l) => l.product.trim()), ...lines)
    c.save()
    c.render()
    const said = `${counted(lines.length, 'line')} taken from ${sel.sheet}${unknown.length ? `; columns not used: ${unknown.join(', ')}` : ''}.`
    c.status.replaceChildren(conflicts.length
      ? message('warning', said, h('div', null, 'Check these rows, the barcode was not used where it disagrees:'), h('ul', { className: 'problems' }, ...conflicts.map((t) => h('li', null, t))))
      : message('info', said))
  } catch (err) {
    c.status.replaceChildren(message('error', `Could not read the selection: ${(err as Error).message}`))
  }
}

/** The headings and line editors of the draft's kind, and the button that takes lines from Excel. */
export function lineSections(c: LinesContext): HTMLElement[] {
  const draft = c.draft()
  const t = draft.type
  const products = productsOf(c.pane.conn.view.catalogue)
  const base = { products, onChange: c.save }
  const sections: HTMLElement[] = t === 'production'
    ? [
        h('h3', null, 'Consumed'), lineEditor(draft.consume, { ...base, section: 'consume', fields: ['from'], blank: emptyLine }),
        h('h3', null, 'Produced'), lineEditor(draft.produce, {
          ...base, section: 'produce', fields: ['to', 'expirationDate'], blank: () => ({ ...emptyLine(), inputs: [] }), extra: (line) => madeFrom(c, line),
        }),
      ]
    : [
        h('h3', null, t === 'return' ? 'Lines to return (leave empty to return everything)' : 'Lines'),
        lineEditor(draft.lines, {
          ...base, section: 'lines', fields: OPERATION_TYPE_INFO[t].lineFields, blank: emptyLine, qtyLabel: t === 'adjustment' ? 'Counted' : undefined,
          extra: t === 'delivery' ? (line, i) => {
            const p = resolveProduct(line.product, products).product
            return p && p.tracking !== 'none' ? h('div', { className: 'actions' }, button('Suggest lots (first expiring first)', () => void suggest(c, i), { size: 'small' })) : null
          } : undefined,
        }),
      ]
  if (c.pane.excel) sections.push(h('div', { className: 'actions' }, button('Take lines from the selected rows', () => void fromSelection(c), { 'data-action': 'from-selection' })))
  return sections
}
