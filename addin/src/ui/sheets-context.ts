/** What the sections of the Sheets tab share: the form's values, its fields, and pulling a sheet. */
import { IMPORT_KINDS, type ImportKind } from '../../../shared/import/kinds'
import { resolveProduct } from '../../../shared/products/resolve'
import { filterText } from '../../../shared/sheets/builders'
import type { SheetSource } from '../../../shared/sheets/model'
import { deliverSheet } from '../sheets/deliver'
import { productsOf } from '../sync/catalogue'
import type { Pane } from './context'
import { field, fill, h, input, message, setFieldError } from './dom'
import { counted } from './outcome'

export interface SheetsForm {
  /** A lot: what Traceability and Recall ask about. */
  traceProduct: string
  traceLot: string
  direction: 'both' | 'upstream' | 'downstream'
  /** Filters of Stock, Lots and Moves, shown with the buttons they apply to. */
  product: string
  lot: string
  location: string
  after: string
  before: string
  /** Documents. */
  slipReference: string
  auditAfter: string
  auditBefore: string
  template: ImportKind
}

const FORM_KEY = 'form:sheets'
/** The Sheets form before anything is typed. */
export const emptySheetsForm = (): SheetsForm => ({
  traceProduct: '', traceLot: '', direction: 'both', product: '', lot: '', location: '', after: '', before: '',
  slipReference: '', auditAfter: '', auditBefore: '', template: 'receipts',
})

export type TextKey = Exclude<keyof SheetsForm, 'direction' | 'template'>

export interface SheetsContext {
  pane: Pane
  form: SheetsForm
  save(): void
  status: HTMLElement
  /** The form's text field `key`; typing keeps the form. */
  text(key: TextKey, label: string, props?: Record<string, unknown>, hint?: string): HTMLElement
  /** A product field: a name, a GTIN or a SKU in another case becomes the SKU once chosen. */
  product(key: 'traceProduct' | 'product', label: string, required: boolean): HTMLElement
  /** The SKU of product field `key` ('' when empty), or null after showing why it names none. */
  sku(key: 'traceProduct' | 'product'): string | null
  /** The control of field `key`, to show a problem on. */
  control(key: TextKey): HTMLInputElement
  /** Pulls `source` into the workbook, or downloads the server's export of it, and says where it went. */
  run(source: SheetSource): Promise<void>
}

/** The Sheets tab's shared state for `pane`, its status shown in `status`. */
export function sheetsContext(pane: Pane, status: HTMLElement): SheetsContext {
  const form: SheetsForm = { ...emptySheetsForm(), ...pane.store.get<SheetsForm>(FORM_KEY) }
  if (!IMPORT_KINDS.includes(form.template)) form.template = 'receipts'
  const controls = new Map<TextKey, HTMLInputElement>()
  const save = () => pane.store.set(FORM_KEY, form)
  const products = () => productsOf(pane.conn.view.catalogue)

  const c: SheetsContext = {
    pane, form, save, status,
    text(key, label, props = {}, hint) {
      const el = input({ value: form[key], name: key, ...props })
      el.addEventListener('input', () => {
        form[key] = el.value
        save()
        setFieldError(el, null)
      })
      controls.set(key, el)
      return field(label, el, hint)
    },
    product(key, label, required) {
      const wrapper = c.text(key, label, { list: 'sheet-products', placeholder: required ? 'SKU, name or GTIN' : 'all products' })
      const el = c.control(key)
      el.addEventListener('change', () => {
        const match = resolveProduct(el.value, products())
        if (match.product) {
          el.value = form[key] = match.product.sku
          save()
        }
        setFieldError(el, match.product || match.problem === 'empty' ? null : match.message)
      })
      return wrapper
    },
    sku(key) {
      if (!form[key].trim()) return ''
      const match = resolveProduct(form[key], products())
      if (match.product) return match.product.sku
      setFieldError(c.control(key), match.message)
      c.control(key).focus()
      return null
    },
    control: (key) => controls.get(key)!,
    async run(source) {
      const api = pane.conn.api
      const catalogue = pane.conn.view.catalogue
      if (!api || !catalogue) return void fill(status, message('error', 'Connect to the server first.'))
      try {
        const ctx = { workspace: catalogue.me.workspace.id, timeZone: catalogue.settings.timeZone, now: new Date(), catalogue }
        const done = await deliverSheet(api, source, ctx, pane.excel, (text, d, t) => pane.progress(text, d, t))
        const filters = filterText(source)
        // A hold is news to act on: said beside the result, as a warning.
        fill(status, message(done.notice ? 'warning' : 'success', done.rows === null
          ? `Downloaded ${done.place}.`
          : `${done.place}: ${counted(done.rows, 'row')} (${filters === 'everything' ? 'no filter' : filters}), ${done.created ? 'on a new sheet' : 'refreshed in place'}.`,
        done.notice ? h('div', null, done.notice) : null))
      } catch (err) {
        fill(status, message('error', (err as Error).message))
      } finally {
        pane.progress(null)
      }
    },
  }
  return c
}
