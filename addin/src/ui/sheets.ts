/** Sheets: pull Traceability, Stock, Lots, Expiring, Moves and Recall into the workbook, and refresh them; import templates. */
import { IMPORT_KINDS, KINDS, type ImportKind } from '../../../shared/import/kinds'
import type { SheetSource } from '../../../shared/sheets/model'
import { insertTemplate, selectionContext } from '../../excel'
import { deliverSheet, refreshAll } from '../sheets/deliver'
import { downloadTemplate, paneTemplate } from '../sheets/templates'
import type { Pane } from './context'
import { button, field, fill, h, input, message, primary, select } from './dom'

const FORM_KEY = 'draft:sheets'

interface SheetsForm {
  product: string
  lot: string
  direction: 'both' | 'upstream' | 'downstream'
  location: string
  after: string
  before: string
  template: ImportKind
}

/** What goes in each column of a template, from the import kinds' definition. */
function templateColumns(kind: ImportKind): HTMLElement {
  return h('details', { className: 'template-columns' },
    h('summary', { className: 'muted' }, 'What goes in each column'),
    h('table', { className: 'grid' }, h('tbody', null, ...KINDS[kind].columns.map((c) =>
      h('tr', null, h('th', null, c.header), h('td', null, c.required ? 'Required. ' : '', c.help))))))
}

export function sheetsPanel(pane: Pane): HTMLElement {
  const catalogue = pane.conn.view.catalogue
  const f: SheetsForm = { product: '', lot: '', direction: 'both', location: '', after: '', before: '', template: 'receipts', ...pane.store.get<SheetsForm>(FORM_KEY) }
  if (!IMPORT_KINDS.includes(f.template)) f.template = 'receipts'
  const save = () => pane.store.set(FORM_KEY, f)
  const status = h('div', { className: 'status-area' })
  const verb = pane.excel ? '' : 'Download '
  const inputs = new Map<keyof SheetsForm, HTMLInputElement>()
  const bound = (key: Exclude<keyof SheetsForm, 'template'>, label: string, props: Record<string, unknown> = {}) => {
    const el = input({ value: f[key], name: key, ...props })
    el.addEventListener('input', () => ((f[key] = el.value as never), save()))
    inputs.set(key, el)
    return field(label, el)
  }
  const direction = select([['both', 'Both directions'], ['upstream', 'Upstream: where it came from'], ['downstream', 'Downstream: where it went']], f.direction, { name: 'direction' })
  direction.addEventListener('change', () => ((f.direction = direction.value as SheetsForm['direction']), save()))

  const run = async (source: SheetSource | null) => {
    const api = pane.conn.api
    if (!api || !catalogue) return void fill(status, message('error', 'Connect to the server first.'))
    if (!source) return
    try {
      const ctx = { workspace: catalogue.me.workspace.id, timeZone: catalogue.settings.timeZone, now: new Date() }
      const done = await deliverSheet(api, source, ctx, pane.excel, (text, d, t) => pane.progress(text, d, t))
      fill(status, message('success', pane.excel ? `${done.place}: ${done.model.rows.length} rows, refreshed in place.` : `Downloaded ${done.place} (${done.model.rows.length} rows).`))
    } catch (err) {
      fill(status, message('error', `${(err as Error).message}`))
    } finally {
      pane.progress(null)
    }
  }
  const lotSource = (kind: 'trace' | 'recall'): SheetSource | null => {
    if (!f.product.trim() || !f.lot.trim()) {
      fill(status, message('warning', 'Give a product and a lot or serial.'))
      return null
    }
    return kind === 'trace' ? { kind, product: f.product.trim(), lot: f.lot.trim(), direction: f.direction } : { kind, product: f.product.trim(), lot: f.lot.trim() }
  }
  const traceSelection = async () => {
    try {
      const sel = await selectionContext()
      if (!sel.lot || !sel.product) {
        return void fill(status, message('warning', `Select a cell holding a lot or serial, in a row with a product (${sel.sheet}!${sel.address} has ${sel.value ?? 'nothing'}).`))
      }
      Object.assign(f, { product: sel.product, lot: sel.lot })
      save()
      inputs.get('product')!.value = sel.product
      inputs.get('lot')!.value = sel.lot
      await run({ kind: 'trace', product: sel.product, lot: sel.lot, direction: f.direction })
    } catch (err) {
      fill(status, message('error', `Could not read the selection: ${(err as Error).message}`))
    }
  }
  const refresh = async () => {
    const api = pane.conn.api
    if (!api || !catalogue) return
    try {
      const ctx = { workspace: catalogue.me.workspace.id, timeZone: catalogue.settings.timeZone, now: new Date() }
      const done = await refreshAll(api, ctx, (text, d, t) => pane.progress(text, d, t))
      fill(status, message('success', done.length ? `Refreshed ${done.map((d) => d.place).join(', ')}.` : 'No lotledger sheet in this workbook yet.'))
    } catch (err) {
      fill(status, message('error', (err as Error).message))
    } finally {
      pane.progress(null)
    }
  }
  const optional = (v: string) => v.trim() || undefined

  const templateKind = select(IMPORT_KINDS.map((k): [string, string] => [k, KINDS[k].title]), f.template, { name: 'template' })
  const columnsHelp = h('div', null, templateColumns(f.template))
  templateKind.addEventListener('change', () => {
    f.template = templateKind.value as ImportKind
    save()
    fill(columnsHelp, templateColumns(f.template))
  })
  const insert = async (sheetName?: string) => {
    if (!catalogue) return void fill(status, message('error', 'Connect to the server first.'))
    try {
      pane.progress('Writing the template…')
      const done = await insertTemplate(paneTemplate(f.template, catalogue), { sheetName })
      if (!done.inserted) {
        return void fill(status, message('warning', `A sheet named ${done.sheet} exists already.`,
          h('div', { className: 'actions' }, button(`Insert as ${done.suggestion}`, () => void insert(done.suggestion), { 'data-template': 'insert-as' }))))
      }
      fill(status, message('success', `${done.sheet}: fill it in from row 2. Headers bold on amber are required.`))
    } catch (err) {
      fill(status, message('error', `Could not insert the template: ${(err as Error).message}`))
    } finally {
      pane.progress(null)
    }
  }
  const download = async () => {
    const credentials = pane.conn.view.credentials
    if (!credentials) return void fill(status, message('error', 'Connect to the server first.'))
    try {
      pane.progress('Downloading the template…')
      fill(status, message('success', `Downloaded ${await downloadTemplate(credentials, f.template)}.`))
    } catch (err) {
      fill(status, message('error', `Could not download the template: ${(err as Error).message}`))
    } finally {
      pane.progress(null)
    }
  }

  return h('section', { className: 'panel', 'aria-label': 'Sheets' },
    h('h2', null, 'Sheets'),
    pane.excel ? null : message('info', 'Excel is not here: each sheet downloads as an .xlsx file instead.'),
    h('form', { className: 'form', onsubmit: (e: Event) => e.preventDefault() },
      h('h3', null, 'A lot'),
      bound('product', 'Product', { list: 'sheet-products', placeholder: 'SKU' }),
      bound('lot', 'Lot or serial'),
      field('Direction', direction),
      h('div', { className: 'actions' },
        primary(`${verb}Traceability`, () => void run(lotSource('trace')), { 'data-sheet': 'trace' }),
        pane.excel ? button('Trace selection', () => void traceSelection(), { 'data-sheet': 'trace-selection' }) : null,
        button(`${verb}Recall`, () => void run(lotSource('recall')), { 'data-sheet': 'recall' })),
      h('h3', null, 'Stock and lots'),
      bound('location', 'Location (and inside it)', { list: 'sheet-locations', placeholder: 'WH/Stock' }),
      h('div', { className: 'actions' },
        button(`${verb}Stock`, () => void run({ kind: 'stock', product: optional(f.product), location: optional(f.location) }), { 'data-sheet': 'stock' }),
        button(`${verb}Lots`, () => void run({ kind: 'lots', product: optional(f.product) }), { 'data-sheet': 'lots' }),
        button(`${verb}Expiring`, () => void run({ kind: 'expiring' }), { 'data-sheet': 'expiring' })),
      h('h3', null, 'Moves'),
      h('div', { className: 'row' }, bound('after', 'From date', { type: 'date' }), bound('before', 'Before date', { type: 'date' })),
      h('div', { className: 'actions' },
        button(`${verb}Moves`, () => void run({
          kind: 'moves', product: optional(f.product), lot: optional(f.lot), location: optional(f.location), after: optional(f.after), before: optional(f.before),
        }), { 'data-sheet': 'moves' })),
      pane.excel ? h('div', { className: 'actions separated' }, button('Refresh all lotledger sheets', () => void refresh(), { 'data-sheet': 'refresh' })) : null,
      h('h3', null, 'Import templates'),
      field('Template', templateKind),
      columnsHelp,
      h('div', { className: 'actions' },
        pane.excel
          ? button('Insert template sheet', () => void insert(), { 'data-template': 'insert' })
          : button('Download template', () => void download(), { 'data-template': 'download' })),
      h('datalist', { id: 'sheet-products' }, ...(catalogue?.products ?? []).map((p) => h('option', { value: p.sku }, p.name))),
      h('datalist', { id: 'sheet-locations' }, ...(catalogue?.locations ?? []).map((l) => h('option', { value: l.code }, l.name)))),
    status)
}
