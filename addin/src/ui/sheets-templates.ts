/** Sheets > Import templates: inserted into the workbook in Excel, the server's file without it. */
import { IMPORT_KINDS, KINDS, type ImportKind } from '../../../shared/import/kinds'
import { insertTemplate } from '../../excel'
import { downloadTemplate, paneTemplate } from '../sheets/templates'
import { button, field, fill, h, message, select } from './dom'
import type { SheetsContext } from './sheets-context'

/** What goes in each column of a template, from the import kinds' definition. */
function templateColumns(kind: ImportKind): HTMLElement {
  return h('details', { className: 'template-columns' },
    h('summary', { className: 'muted' }, 'What goes in each column'),
    h('table', { className: 'grid' }, h('tbody', null, ...KINDS[kind].columns.map((col) =>
      h('tr', null, h('th', null, col.header), h('td', null, col.required ? 'Required. ' : '', col.help))))))
}

async function insert(c: SheetsContext, sheetName?: string): Promise<void> {
  const catalogue = c.pane.conn.view.catalogue
  if (!catalogue) return void fill(c.status, message('error', 'Connect to the server first.'))
  try {
    c.pane.progress('Writing the template…')
    const done = await insertTemplate(paneTemplate(c.form.template, catalogue), { sheetName })
    if (!done.inserted) {
      return void fill(c.status, message('warning', `A sheet named ${done.sheet} exists already.`,
        h('div', { className: 'actions' }, button(`Insert as ${done.suggestion}`, () => void insert(c, done.suggestion), { 'data-template': 'insert-as' }))))
    }
    fill(c.status, message('success', `${done.sheet}: fill it in from row 2. Headers bold on amber are required.`))
  } catch (err) {
    fill(c.status, message('error', `Could not insert the template: ${(err as Error).message}`))
  } finally {
    c.pane.progress(null)
  }
}

async function download(c: SheetsContext): Promise<void> {
  const api = c.pane.conn.api
  if (!api) return void fill(c.status, message('error', 'Connect to the server first.'))
  try {
    c.pane.progress('Downloading the template…')
    fill(c.status, message('success', `Downloaded ${await downloadTemplate(api, c.form.template)}.`))
  } catch (err) {
    fill(c.status, message('error', `Could not download the template: ${(err as Error).message}`))
  } finally {
    c.pane.progress(null)
  }
}

/** The "Import templates" part of Sheets. */
export function templateSection(c: SheetsContext): HTMLElement[] {
  const kind = select(IMPORT_KINDS.map((k): [string, string] => [k, KINDS[k].title]), c.form.template, { name: 'template' })
  const help = h('div', null, templateColumns(c.form.template))
  kind.addEventListener('change', () => {
    c.form.template = kind.value as ImportKind
    c.save()
    fill(help, templateColumns(c.form.template))
  })
  return [
    h('h3', null, 'Import templates'),
    field('Template', kind),
    help,
    h('div', { className: 'actions' }, c.pane.excel
      ? button('Insert template sheet', () => void insert(c), { 'data-template': 'insert' })
      : button('Download template', () => void download(c), { 'data-template': 'download' })),
  ]
}
