/** Import: the active sheet (in Excel) or a file (without it), checked whole and applied all or none. */
import { headersFit, IMPORT_KINDS, KINDS, type ImportKind } from '../../../shared/import/kinds'
import { activeSheetRows, writeStatusColumn } from '../../excel'
import { summaryText } from '../../../shared/import/summary'
import { importSummary } from '../api/import-summary'
import type { ImportReport } from '../api/types'
import { friendlyMessage } from '../forms/validate'
import { saveFile } from '../download/save'
import type { Pane } from './context'
import { button, clearStatusOnInput, field, fill, h, message, primary, select } from './dom'
import { counted } from './outcome'
import { canWrite, viewerNote } from './role'

const KIND_KEY = 'draft:importKind'
const SHOWN_PROBLEMS = 25

/** The report in words (the sentence the checked file and the command line say too), then every problem (the first few) where it is. */
function reportMessage(report: ImportReport, note = ''): HTMLElement {
  const head = summaryText(report)
  const intent = report.problems.length ? 'error' : report.applied ? 'success' : 'info'
  return message(intent, h('strong', null, head), note ? h('div', null, note) : null,
    report.unknownColumns.length ? h('div', null, `Columns not used: ${report.unknownColumns.join(', ')}`) : null,
    report.problems.length ? h('ul', { className: 'problems' }, ...report.problems.slice(0, SHOWN_PROBLEMS).map((p) =>
      h('li', null, p.row === null ? '' : h('strong', null, `${p.column ?? 'Row '}${p.row} `), friendlyMessage(p.message)))) : null,
    report.problems.length > SHOWN_PROBLEMS ? h('div', null, `…and ${report.problems.length - SHOWN_PROBLEMS} more.`) : null)
}

/** The Import tab: the active sheet in Excel, a file without it; for a viewer, why not. */
export function importPanel(pane: Pane): HTMLElement {
  const title = h('h2', null, 'Import')
  if (!canWrite(pane)) return h('section', { className: 'panel', 'aria-label': 'Import' }, title, viewerNote(pane, 'import'))
  let kind = pane.store.get<ImportKind>(KIND_KEY) ?? 'receipts'
  const kinds = select(IMPORT_KINDS.map((k) => [k, KINDS[k].title]), kind, { name: 'kind' })
  kinds.addEventListener('change', () => {
    kind = kinds.value as ImportKind
    pane.store.set(KIND_KEY, kind)
  })
  const fileInput = h('input', { type: 'file', accept: '.xlsx,.csv', name: 'file' })
  const status = h('div', { className: 'status-area' })
  let busy = false
  /** One import at a time: a second click while one runs sends nothing. */
  const once = (task: () => Promise<void>) => async () => {
    if (busy) return
    busy = true
    try {
      await task()
    } catch (err) {
      fill(status, message('error', `${(err as Error).message}${pane.conn.view.state === 'offline' ? ' Imports need the server: nothing was changed.' : ''}`))
    } finally {
      busy = false
      pane.progress(null)
    }
  }

  const fromSheet = (dryRun: boolean) => once(async () => {
    const api = pane.conn.api
    if (!api) return void fill(status, message('error', 'Connect to the server first.'))
    pane.progress('Reading the sheet…')
    const sheet = await activeSheetRows((headers) => headersFit(kind, headers))
    if (!sheet.rows.length) {
      return void fill(status, message('warning', `${sheet.sheet} has no ${KINDS[kind].title.toLowerCase()} to import: it needs a header row with ${KINDS[kind].columns.filter((c) => c.required).map((c) => c.header).join(', ')}.`))
    }
    pane.progress(`${dryRun ? 'Checking' : 'Importing'} ${counted(sheet.rows.length, 'row')}…`)
    const report = await api.importRows(kind, dryRun, sheet)
    pane.progress('Writing the Status column…')
    const cells = report.problems.filter((p) => p.row !== null && p.column).map((p) => `${p.column}${p.row}`)
    await writeStatusColumn(sheet.sheet, sheet.headerRow, sheet.headers.length, report.statuses, cells, report.applied)
    fill(status, reportMessage(report, 'Each row\'s outcome is in the Status column: Imported, OK, Already imported or Error.'))
  })

  const chosenFile = () => {
    const file = fileInput.files?.[0]
    if (!file) fill(status, message('warning', 'Choose an .xlsx or .csv file.'))
    return file
  }
  const fromFile = (dryRun: boolean) => once(async () => {
    const api = pane.conn.api
    const file = chosenFile()
    if (!api || !file) return
    pane.progress(`${dryRun ? 'Checking' : 'Importing'} ${file.name}…`)
    fill(status, reportMessage(await api.importFile(kind, dryRun, file)))
  })
  const annotated = once(async () => {
    const api = pane.conn.api
    const file = chosenFile()
    if (!api || !file) return
    pane.progress(`Checking ${file.name}…`)
    const answer = await api.importAnnotated(kind, true, file)
    const name = saveFile(answer)
    const summary = importSummary(answer.headers)
    fill(status, message(summary && summary.problems > 0 ? 'warning' : 'success', h('strong', null, `Downloaded ${name}.`),
      h('div', null, summary
        ? `${counted(summary.rows, 'row')} checked, ${counted(summary.problems, 'problem')}: each row's outcome is in its Status column, every problem in its Problems sheet.`
        : 'Each row\'s outcome is in its Status column.')))
  })

  const form = h('form', { className: 'form', onsubmit: (e: Event) => e.preventDefault() },
    field('What the rows hold', kinds),
    pane.excel ? null : field('File', fileInput),
    h('div', { className: 'actions' },
      button('Check', () => void (pane.excel ? fromSheet(true) : fromFile(true))(), { 'data-import': 'check' }),
      primary('Import', () => void (pane.excel ? fromSheet(false) : fromFile(false))(), { 'data-import': 'apply' }),
      pane.excel ? null : button('Download checked copy', () => void annotated(), { 'data-import': 'annotated' })))
  clearStatusOnInput(form, status)
  form.addEventListener('change', () => fill(status))
  return h('section', { className: 'panel', 'aria-label': 'Import' }, title,
    h('p', { className: 'muted' }, pane.excel
      ? 'Imports the active sheet: its header row is found by the column names, every row is checked, and all rows are applied or none. Check first to see each row\'s outcome in a Status column.'
      : 'Imports an .xlsx or .csv file: every row is checked, and all rows are applied or none. The checked copy is your file with each row\'s outcome in a Status column and the problems in red.'),
    form, status)
}
