/**
 * The active sheet as rows to import, and the import's outcome written back beside them: a
 * Status column, errors in red on the row and on the cell at fault.
 */
import type { SheetRows } from '../../shared/import/report'
import { statusText } from '../../shared/import/status-text'
import { FLAG_COLORS } from '../../shared/sheets/model'
import { cellValue } from './headers'
import { READ_BLOCK_ROWS } from './selection'

/** How many rows from the top may hold the header (a title may sit above it). */
const HEADER_SEARCH_ROWS = 10
const STATUS_HEADER = 'Status'
/** Cells coloured per sync: a few calls each, well under Excel on the web's 5 MB request. */
const MARKS_PER_SYNC = 2_000
/** Workbook setting: `{ [sheetName]: addresses }` of the cells the last check marked red. */
export const MARKS_SETTING = 'lotledger.importMarks'
const MARKS_KEPT = 2_000

function parseMarks(value: unknown): Record<string, string[]> {
  try {
    const v = typeof value === 'string' ? JSON.parse(value) : value
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string[]>) : {}
  } catch {
    return {}
  }
}

/**
 * The used part of the active sheet: the header is the first of its top rows that `fits`; the
 * rows under it are read in blocks, one sync each. A Status column left by an earlier import is
 * not read as data.
 */
export async function activeSheetRows(fits: (headers: string[]) => boolean): Promise<SheetRows> {
  return Excel.run(async (context) => {
    const workbook = context.workbook
    workbook.load('name')
    const sheet = workbook.worksheets.getActiveWorksheet()
    sheet.load('name')
    const used = sheet.getUsedRangeOrNullObject(true)
    used.load('rowIndex,columnIndex,rowCount,columnCount')
    await context.sync()
    if (used.isNullObject) return { file: workbook.name, sheet: sheet.name, headerRow: 1, headers: [], rows: [] }
    const top = sheet.getRangeByIndexes(used.rowIndex, used.columnIndex, Math.min(used.rowCount, HEADER_SEARCH_ROWS * 3), used.columnCount)
    top.load('values')
    await context.sync()
    const texts = (r: unknown[]) => r.map((v) => (v === null || v === undefined ? '' : String(v).trim()))
    const at = top.values.findIndex((r, i) => i < HEADER_SEARCH_ROWS * 3 && fits(texts(r)))
    if (at === -1) return { file: workbook.name, sheet: sheet.name, headerRow: used.rowIndex + 1, headers: texts(top.values[0] ?? []), rows: [] }
    let headers = texts(top.values[at])
    // The Status column of an earlier import is ours: leave it out of the data.
    const status = headers.indexOf(STATUS_HEADER)
    const width = status > 0 && headers.slice(status + 1).every((h) => h === '') ? status : headers.length
    headers = headers.slice(0, width)
    const first = used.rowIndex + at + 1
    const last = used.rowIndex + used.rowCount
    const rows: SheetRows['rows'] = []
    for (let start = first; start < last; start += READ_BLOCK_ROWS) {
      const block = sheet.getRangeByIndexes(start, used.columnIndex, Math.min(READ_BLOCK_ROWS, last - start), width)
      block.load('values')
      await context.sync()
      block.values.forEach((r, i) => {
        const cells = r.map((v) => (typeof v === 'boolean' ? v : cellValue(v)))
        if (cells.some((c) => c !== null && c !== '')) rows.push({ row: start + i + 1, cells })
      })
    }
    return { file: workbook.name, sheet: sheet.name, headerRow: used.rowIndex + at + 1, headers, rows }
  })
}

export interface RowOutcome {
  row: number
  status: 'ok' | 'unchanged' | 'error'
  message: string
}

/**
 * Writes each row's outcome in a Status column right of the headers (reused when it is there),
 * in the shared vocabulary (`applied`: the import was kept), errors in red; `cells` are the
 * cells at fault (like `C7`), filled red too.
 */
export async function writeStatusColumn(sheetName: string, headerRow: number, width: number, outcomes: RowOutcome[], cells: string[], applied: boolean): Promise<void> {
  await Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName)
    const used = sheet.getUsedRangeOrNullObject(true)
    used.load('columnIndex,rowCount,rowIndex')
    // Cells an earlier check marked red lose their red: they may be fixed now.
    const setting = context.workbook.settings.getItemOrNullObject(MARKS_SETTING)
    setting.load('value')
    await context.sync()
    const marked = setting.isNullObject ? {} : parseMarks(setting.value)
    for (const address of (marked[sheetName] ?? []).slice(0, MARKS_KEPT)) sheet.getRange(address).format.fill.clear()
    context.workbook.settings.add(MARKS_SETTING, JSON.stringify({ ...marked, [sheetName]: cells.slice(0, MARKS_KEPT) }))
    const left = used.isNullObject ? 0 : used.columnIndex
    const column = left + width
    const bottom = Math.max(used.isNullObject ? headerRow : used.rowIndex + used.rowCount, ...outcomes.map((o) => o.row))
    const byRow = new Map(outcomes.map((o) => [o.row, o]))
    const text = (o: RowOutcome | undefined) => (o ? statusText(o, applied) : '')
    // Clear what an earlier import wrote there; write the texts in blocks, one sync each.
    const whole = sheet.getRangeByIndexes(headerRow - 1, column, bottom - headerRow + 1, 1)
    whole.clear('Contents')
    whole.format.fill.clear()
    whole.format.font.color = '#107C10'
    const head = sheet.getRangeByIndexes(headerRow - 1, column, 1, 1)
    head.values = [[STATUS_HEADER]]
    head.format.font.bold = true
    head.format.font.color = '#000000'
    head.format.columnWidth = 260
    await context.sync()
    for (let start = headerRow + 1; start <= bottom; start += READ_BLOCK_ROWS) {
      const count = Math.min(READ_BLOCK_ROWS, bottom - start + 1)
      const block = sheet.getRangeByIndexes(start - 1, column, count, 1)
      block.values = Array.from({ length: count }, (_, i) => [text(byRow.get(start + i))])
      await context.sync()
    }
    // Errors are few: each gets its colour, and so does the cell at fault, a bounded number per sync.
    const marks: Array<() => void> = [
      ...outcomes.filter((o) => o.status === 'error').map((o) => () => {
        const cell = sheet.getRangeByIndexes(o.row - 1, column, 1, 1)
        cell.format.font.color = FLAG_COLORS.expiredText
        cell.format.fill.color = FLAG_COLORS.expired
      }),
      ...cells.slice(0, MARKS_KEPT).map((address) => () => void (sheet.getRange(address).format.fill.color = FLAG_COLORS.expired)),
    ]
    for (let i = 0; i < marks.length; i += MARKS_PER_SYNC) {
      for (const mark of marks.slice(i, i + MARKS_PER_SYNC)) mark()
      await context.sync()
    }
  })
}
