/** Sheets > A lot: the traceability and the recall of one lot, asked by its fields or by the selected cell. */
import { resolveProduct } from '../../../shared/products/resolve'
import type { SheetSource } from '../../../shared/sheets/model'
import { selectionContext } from '../../excel'
import { productsOf } from '../sync/catalogue'
import { button, field, fill, h, message, primary, select, setFieldError } from './dom'
import type { SheetsContext, SheetsForm } from './sheets-context'

/** The lot the fields name, or null after showing what is missing on the fields. */
function lotSource(c: SheetsContext, kind: 'trace' | 'recall'): SheetSource | null {
  const product = c.sku('traceProduct')
  const lot = c.form.traceLot.trim()
  if (product === null) return null
  if (!product) setFieldError(c.control('traceProduct'), 'choose the lot\'s product')
  if (!lot) setFieldError(c.control('traceLot'), 'give the lot or serial')
  if (!product || !lot) return null
  return kind === 'trace' ? { kind, product, lot, direction: c.form.direction } : { kind, product, lot }
}

/** Traces the selected cell: a lot or serial in a row with a product. */
async function traceSelection(c: SheetsContext): Promise<void> {
  try {
    const sel = await selectionContext()
    const at = `${sel.sheet}!${sel.address}`
    if (!sel.lot) {
      const where = sel.header ? `is in the ${sel.header} column` : `holds ${sel.value ?? 'nothing'}`
      return void fill(c.status, message('warning', `${at} ${where}: select the cell of a lot or serial number, in a row with a product.`))
    }
    if (!sel.product) return void fill(c.status, message('warning', `${at} holds ${sel.lot}, but its row has no product column (Product, SKU, Item…): select a lot in a row with a product.`))
    const match = resolveProduct(sel.product, productsOf(c.pane.conn.view.catalogue))
    if (!match.product) return void fill(c.status, message('warning', `${at}: ${match.message}.`))
    Object.assign(c.form, { traceProduct: match.product.sku, traceLot: sel.lot })
    c.save()
    c.control('traceProduct').value = match.product.sku
    c.control('traceLot').value = sel.lot
    await c.run({ kind: 'trace', product: match.product.sku, lot: sel.lot, direction: c.form.direction })
  } catch (err) {
    fill(c.status, message('error', `Could not read the selection: ${(err as Error).message}`))
  }
}

/** The "A lot" part of Sheets: Traceability, Trace selection, Recall. */
export function lotSection(c: SheetsContext): HTMLElement[] {
  const verb = c.pane.excel ? '' : 'Download '
  const direction = select([['both', 'Both directions'], ['upstream', 'Upstream: where it came from'], ['downstream', 'Downstream: where it went']], c.form.direction, { name: 'direction' })
  direction.addEventListener('change', () => {
    c.form.direction = direction.value as SheetsForm['direction']
    c.save()
  })
  const run = (kind: 'trace' | 'recall') => {
    const source = lotSource(c, kind)
    if (source) void c.run(source)
  }
  return [
    h('h3', null, 'A lot'),
    c.product('traceProduct', 'Product', true),
    c.text('traceLot', 'Lot or serial'),
    field('Direction', direction),
    h('p', { className: 'hint' }, c.pane.excel ? 'Each lot gets its own sheet (Trace MILK L-1); pulling it again refreshes it.' : 'Downloads the server\'s report of the lot.'),
    h('div', { className: 'actions' },
      primary(`${verb}Traceability`, () => run('trace'), { 'data-sheet': 'trace' }),
      c.pane.excel ? button('Trace selection', () => void traceSelection(c), { 'data-sheet': 'trace-selection' }) : null,
      button(`${verb}Recall`, () => run('recall'), { 'data-sheet': 'recall' })),
  ]
}
