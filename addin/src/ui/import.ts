/** Import: the active sheet (in Excel) or a file (without it), checked whole and applied all or none. */
import { headersFit, IMPORT_KINDS, KINDS, type ImportKind } from '../../../shared/import/kinds'
import { activeSheetRows, writeStatusColumn } from '../../excel'
import type { ImportReport } from '../api/types'
import type { Pane } from './context'
import { button, field, fill, h, message, primary, select } from './dom'

const KIND_KEY = 'draft:importKind'
const SHOWN_PROBLEMS = 25

export function importPanel(pane: Pane): HTMLElement {
  let kind = pane.store.get<ImportKind>(KIND_KEY) ?? 'receipts'
  const kinds = select(IMPORT_KINDS.map((k) => [k, KINDS[k].title]), kind, { name: 'kind' })
  kinds.addEventListener('change', () => {
    kind = kinds.value as ImportKind
    pane.store.set(KIND_KEY, kind)
  })
  const fileInput = h('input', { type: 'file', accept: '.xlsx,.csv', name: 'file' })
  const status = h('div', { className: 'status-area' })

  const show = (report: ImportReport, note = '') => {
    const { created, updated, unchanged } = report.counts
    const head = report.applied
      ? `Imported ${report.rows} rows of ${report.sheet}: ${created} new, ${updated} changed, ${unchanged} already there.`
      : report.problems.length
        ? `Nothing imported: ${report.problems.length} ${report.problems.length === 1 ? 'problem' : 'problems'} to fix first.`
        : `All ${report.rows} rows can be imported: ${created} new, ${updated} changed, ${unchanged} already there.`
    const intent = report.problems.length ? 'error' : report.applied ? 'success' : 'info'
    fill(status, message(intent, h('strong', null, head), note ? h('div', null, note) : null,
      report.unknownColumns.length ? h('div', null, `Columns not used: ${report.unknownColumns.join(', ')}`) : null,
      report.problems.length ? h('ul', { className: 'problems' }, ...report.problems.slice(0, SHOWN_PROBLEMS).map((p) =>
        h('li', null, h('strong', null, `${p.column ?? ''}${p.row ?? ''}`), ` ${p.message}`))) : null,
      report.problems.length > SHOWN_PROBLEMS ? h('div', null, `…and ${report.problems.length - SHOWN_PROBLEMS} more.`) : null))
  }

  const fromSheet = async (dryRun: boolean) => {
    const api = pane.conn.api
    if (!api) return void fill(status, message('error', 'Connect to the server first.'))
    try {
      pane.progress('Reading the sheet…')
      const sheet = await activeSheetRows((h) => headersFit(kind, h))
      if (!sheet.rows.length) {
        return void fill(status, message('warning', `${sheet.sheet} has no ${KINDS[kind].title.toLowerCase()} to import: it needs a header row with ${KINDS[kind].columns.filter((c) => c.required).map((c) => c.header).join(', ')}.`))
      }
      pane.progress(`${dryRun ? 'Checking' : 'Importing'} ${sheet.rows.length.toLocaleString('en-US')} rows…`)
      const report = await api.importRows(kind, dryRun, sheet)
      pane.progress('Writing the Status column…')
      const cells = report.problems.filter((p) => p.row !== null && p.column).map((p) => `${p.column}${p.row}`)
      await writeStatusColumn(sheet.sheet, sheet.headerRow, sheet.headers.length, report.statuses, cells)
      show(report, 'Each row\'s outcome is in the Status column.')
    } catch (err) {
      fill(status, message('error', `${(err as Error).message}${pane.conn.view.state === 'offline' ? ' Imports need the server: nothing was changed, the rows stay in your sheet.' : ''}`))
    } finally {
      pane.progress(null)
    }
  }

  const fromFile = async (dryRun: boolean) => {
    const api = pane.conn.api
    const file = fileInput.files?.[0]
    if (!api) return void fill(status, message('error', 'Connect to the server first.'))
    if (!file) return void fill(status, message('warning', 'Choose an .xlsx or .csv file.'))
    try {
      pane.progress(`${dryRun ? 'Checking' : 'Importing'} ${file.name}…`)
      show(await api.importFile(kind, dryRun, file))
    } catch (err) {
      fill(status, message('error', (err as Error).message))
    } finally {
      pane.progress(null)
    }
  }

  return h('section', { className: 'panel', 'aria-label': 'Import' },
    h('h2', null, 'Import'),
    h('p', { className: 'muted' }, pane.excel
      ? 'Imports the active sheet: its header row is found by the column names, every row is checked, and all rows are applied or none. Check first to see each row\'s outcome in a Status column.'
      : 'Imports an .xlsx or .csv file: every row is checked, and all rows are applied or none.'),
    h('form', { className: 'form', onsubmit: (e: Event) => e.preventDefault() },
      field('What the rows hold', kinds),
      pane.excel ? null : field('File', fileInput),
      h('div', { className: 'actions' },
        button('Check', () => void (pane.excel ? fromSheet(true) : fromFile(true)), { 'data-import': 'check' }),
        primary('Import', () => void (pane.excel ? fromSheet(false) : fromFile(false)), { 'data-import': 'apply' }))),
    status)
}
