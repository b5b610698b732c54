/**
 * Inserts an import template into the open workbook: its data sheet (headers, widths, formats,
 * frozen header, dropdowns) and the hidden lists sheet the dropdowns read, refilled with the
 * workspace's lists. Needs ExcelApi 1.8 (data validation); names are 1.4 (their formula 1.7),
 * sheet visibility 1.2.
 */
import { HEADER_FILL, type TemplateModel } from '../../shared/import/templates'
import { CHUNK_OVERHEAD_BYTES, DEFAULT_MAX_PAYLOAD_BYTES, TEXT_FORMAT } from './cells'
import { POINTS_PER_CHARACTER } from './sheet-format'

export interface InsertTemplateOptions {
  /** The data sheet's name (default: the template's, e.g. `Receipts`). */
  sheetName?: string
  /** Request budget per sync (default under Excel on the web's 5 MB limit). */
  maxPayloadBytes?: number
}

export type InsertTemplateResult =
  | { inserted: true; sheet: string; syncs: number }
  /** A sheet of that name exists: nothing was changed; `suggestion` is a free name. */
  | { inserted: false; sheet: string; suggestion: string }

/** Excel's longest sheet name. */
const SHEET_NAME_MAX = 31

/** The first of `Receipts (2)`, `Receipts (3)`... that no sheet has (names compare without case). */
export function freeSheetName(wanted: string, taken: string[]): string {
  const used = new Set(taken.map((n) => n.toLowerCase()))
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`
    const name = `${wanted.slice(0, SHEET_NAME_MAX - suffix.length)}${suffix}`
    if (!used.has(name.toLowerCase())) return name
  }
}

/** Request bytes of one cell written with its format (value and format as JSON, separators). */
const cellBytes = (v: string) => JSON.stringify(v).length + JSON.stringify(TEXT_FORMAT).length + 6

type Sync = () => Promise<void>

/** Fills the lists sheet column by column, in as many syncs as the lists' size needs. */
async function writeLists(sheet: Excel.Worksheet, t: TemplateModel, sync: Sync, budget: number): Promise<void> {
  let pending = 0
  for (const list of t.lists.columns) {
    const cells = [list.header, ...list.values]
    for (let start = 0; start < cells.length; ) {
      let end = start
      let bytes = 0
      while (end < cells.length && (end === start || pending + bytes + cellBytes(cells[end]) <= budget)) bytes += cellBytes(cells[end++])
      const range = sheet.getRangeByIndexes(start, list.column, end - start, 1)
      // Text first: a SKU such as 00123 stays text.
      range.numberFormat = cells.slice(start, end).map(() => [TEXT_FORMAT])
      range.values = cells.slice(start, end).map((v) => [v])
      pending += bytes
      start = end
      if (start < cells.length) {
        await sync()
        pending = 0
      }
    }
    sheet.getRangeByIndexes(0, list.column, 1, 1).format.font.bold = true
  }
}

/**
 * Writes template `t` as a new sheet (see the module comment), the lists sheet hidden and the
 * new sheet active. Refuses, changing nothing, when a sheet of that name exists.
 */
export async function insertTemplate(t: TemplateModel, options: InsertTemplateOptions = {}): Promise<InsertTemplateResult> {
  const name = options.sheetName ?? t.sheet
  const budget = (options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES) - CHUNK_OVERHEAD_BYTES
  return Excel.run(async (context): Promise<InsertTemplateResult> => {
    let syncs = 0
    const sync: Sync = async () => {
      syncs++
      await context.sync()
    }
    const book = context.workbook
    const sheets = book.worksheets
    sheets.load('items/name')
    const found = sheets.getItemOrNullObject(t.lists.sheet)
    const names = t.lists.columns.map((l) => book.names.getItemOrNullObject(l.name))
    await sync()
    const taken = sheets.items.map((s) => s.name)
    const clash = taken.find((n) => n.toLowerCase() === name.toLowerCase())
    if (clash !== undefined) return { inserted: false, sheet: clash, suggestion: freeSheetName(t.sheet, taken) }

    const lists = found.isNullObject ? sheets.add(t.lists.sheet) : found
    if (!found.isNullObject) lists.getRange().clear()
    await writeLists(lists, t, sync, budget)
    t.lists.columns.forEach((l, i) => {
      if (names[i].isNullObject) book.names.add(l.name, `=${l.ref}`)
      else names[i].formula = `=${l.ref}`
    })
    await sync()

    const sheet = sheets.add(name)
    const header = sheet.getRangeByIndexes(0, 0, 1, t.columns.length)
    header.numberFormat = [t.columns.map(() => TEXT_FORMAT)]
    header.values = [t.columns.map((c) => c.header)]
    const rows = t.rows.last - t.rows.first + 1
    let pending = 0
    for (const [i, c] of t.columns.entries()) {
      const cell = sheet.getRangeByIndexes(0, i, 1, 1)
      cell.format.font.bold = c.required
      cell.format.fill.color = c.required ? HEADER_FILL.required : HEADER_FILL.optional
      cell.format.columnWidth = c.width * POINTS_PER_CHARACTER
      const bytes = rows * (JSON.stringify([c.numberFormat]).length + 1)
      if (pending > 0 && pending + bytes > budget) {
        await sync()
        pending = 0
      }
      pending += bytes
      const body = sheet.getRangeByIndexes(t.rows.first - 1, i, rows, 1)
      body.numberFormat = Array.from({ length: rows }, () => [c.numberFormat])
      if (c.validation) {
        // One validation per column, reading the lists sheet through its defined name.
        body.dataValidation.rule = { list: { inCellDropDown: true, source: `=${c.validation.formula}` } }
        body.dataValidation.errorAlert = { showAlert: true, style: c.validation.strict ? 'Stop' : 'Warning', title: c.header, message: c.validation.message }
        body.dataValidation.ignoreBlanks = true
      }
    }
    sheet.freezePanes.freezeRows(1)
    sheet.activate()
    sheet.getRange('A2').select()
    lists.visibility = 'Hidden'
    await sync()
    return { inserted: true, sheet: name, syncs }
  })
}
