/**
 * A product for a GTIN the catalogue lacks, asked of an admin in a dialog when a scan names it:
 * SKU, name, unit and tracking, checked with the server's schemas before it is sent once.
 */
import '@fluentui/web-components/dialog.js'
import '@fluentui/web-components/dialog-body.js'
import { Sku } from '../../../shared/schemas/common'
import { ProductInput, type Tracking } from '../../../shared/schemas/product'
import type { Gs1Fields } from '../../../shared/gs1/interpret'
import type { Product } from '../api/types'
import { friendlyMessage } from '../forms/validate'
import type { Pane } from './context'
import { button, field, h, input, select, setFieldError } from './dom'
import type { ScanReply } from './scan-field'

/** True when the connected token may add products. */
export const canAddProducts = (pane: Pane) => pane.conn.view.catalogue?.me.role === 'admin'

/** What the scan suggests: tracked the way it names its goods, in kilograms when it weighs them. */
function suggested(scan: Gs1Fields): { tracking: Tracking; uom: string } {
  return { tracking: scan.serial ? 'serial' : scan.lot ? 'lot' : 'none', uom: scan.netWeightKg !== undefined ? 'kg' : 'Units' }
}

/**
 * Asks for a new product with the scan's GTIN and adds it; resolves the product added, or null
 * when the user cancels. Refusals of the server show on their field and the dialog stays open.
 */
export function addProductForScan(pane: Pane, scan: Gs1Fields & { gtin: string }): Promise<Product | null> {
  const api = pane.conn.api
  const hint = suggested(scan)
  const sku = input({ name: 'sku', placeholder: 'e.g. MILK-1L', required: true })
  const name = input({ name: 'name', required: true })
  const uom = input({ name: 'uom', value: hint.uom })
  const tracking = select([['lot', 'By lot'], ['serial', 'By serial'], ['none', 'Not tracked']], hint.tracking, { name: 'tracking' })
  const problem = h('div', { className: 'field-error', role: 'alert' })
  // A field's complaint goes as soon as it is edited.
  for (const c of [sku, name, uom]) c.addEventListener('input', () => setFieldError(c, null))
  return new Promise((resolve) => {
    let added: Product | null = null
    let busy = false
    const submit = async () => {
      if (busy) return
      for (const c of [sku, name, uom]) setFieldError(c, null)
      problem.textContent = ''
      const key = Sku.safeParse(sku.value.trim())
      const body = ProductInput.safeParse({ name: name.value.trim(), uom: uom.value.trim() || undefined, tracking: tracking.value, gtin: scan.gtin })
      if (!key.success) setFieldError(sku, sku.value.trim() ? friendlyMessage(key.error.issues[0].message) : 'a SKU is required')
      else if (pane.conn.view.catalogue?.products.some((p) => p.sku === key.data)) setFieldError(sku, `${key.data} is another product's SKU: choose a new one`)
      if (!body.success) for (const issue of body.error.issues) setFieldError(issue.path[0] === 'uom' ? uom : name, issue.path[0] === 'name' && !name.value.trim() ? 'a name is required' : friendlyMessage(issue.message))
      if (!key.success || !body.success || dialog.querySelector('[aria-invalid=true]') || !api) {
        if (!api) problem.textContent = 'Not connected: connect first.'
        dialog.querySelector<HTMLElement>('[aria-invalid=true]')?.focus()
        return
      }
      busy = true
      try {
        added = (await api.saveProduct(key.data, body.data)).body
        dialog.hide()
        void pane.conn.tick()
      } catch (err) {
        problem.textContent = `Not added: ${friendlyMessage((err as Error).message)}`
      } finally {
        busy = false
      }
    }
    const form = h('form', { className: 'form', novalidate: true, onsubmit: (e: Event) => (e.preventDefault(), void submit()) },
      h('p', null, `No product has GTIN ${scan.gtin}. Add one with it:`),
      field('SKU', sku), field('Name', name), field('Unit', uom), field('Tracking', tracking), problem,
      // A submit button inside the form: Enter in any field adds the product.
      h('button', { type: 'submit', hidden: true, tabindex: '-1' }))
    const dialog = h('fluent-dialog', { type: 'modal', 'aria-labelledby': 'new-product-title', className: 'question' },
      h('fluent-dialog-body', null,
        h('h2', { slot: 'title', id: 'new-product-title' }, 'New product'),
        form,
        h('fluent-button', { slot: 'action', appearance: 'primary', 'data-dialog': 'confirm', onclick: () => void submit() }, 'Add product'),
        h('fluent-button', { slot: 'action', appearance: 'secondary', 'data-dialog': 'cancel', onclick: () => dialog.hide() }, 'Cancel'))) as HTMLElement & { show(): void; hide(): void }
    dialog.addEventListener('toggle', (e) => {
      if (!(e instanceof CustomEvent) || e.detail?.newState !== 'closed') return
      dialog.remove()
      resolve(added)
    })
    document.body.append(dialog)
    dialog.show()
    sku.focus()
  })
}

/**
 * What a scan of an unknown GTIN says: to an admin, a button that adds the product and then
 * `retry` puts the scan on the form with it; to others, who may add it.
 */
export function unknownGtinReply(pane: Pane, scan: Gs1Fields, gtin: string, retry: (product: Product) => ScanReply, say: (r: ScanReply) => void): ScanReply {
  if (!canAddProducts(pane)) {
    return { intent: 'error', content: [`No product has GTIN ${gtin}. An admin can add it (scanning it in the pane offers to), or give an existing product this GTIN.`] }
  }
  const add = async () => {
    const product = await addProductForScan(pane, { ...scan, gtin })
    if (product) say(retry(product))
  }
  return { intent: 'warning', content: [`No product has GTIN ${gtin}. `, button('Add a product with this GTIN…', () => void add(), { 'data-action': 'add-product', size: 'small' })] }
}
