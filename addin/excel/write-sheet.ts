/**
 * Writes a SheetModel into the open workbook: a new worksheet, or the existing one of that name
 * refreshed in place (same sheet, same position, old table and formats gone).
 */
import type { SheetModel } from '../../shared/sheets/model'
import { CHUNK_OVERHEAD_BYTES, DEFAULT_MAX_PAYLOAD_BYTES, FIRST_DATA_ROW, HEADER_ROW, chunkEnd, indentRuns, prepareRows } from './cells'
import { isPayloadLimitError } from './errors'
import { SHEETS_SETTING, parseRegistry, updateRegistry, type SheetRegistry } from './settings'
import { freeTableName, queueFlags, queueHeading, queueTable } from './sheet-format'

export interface WriteSheetOptions {
  /** Called after each chunk of rows is in the workbook. */
  onProgress?(written: number, total: number): void
  /** Request budget per sync; the default stays under Excel on the web's 5 MB limit. */
  maxPayloadBytes?: number
}

export interface WriteSheetResult {
  /** `context.sync()` calls made, failed ones included. */
  syncs: number
  rows: number
  /** A new worksheet was added (false: one of that name was refreshed in place). */
  created: boolean
}

/** Estimated request bytes of one indentation call (object path and property set). */
const INDENT_CALL_BYTES = 400

type Sync = () => Promise<void>

interface Prepared {
  sheet: Excel.Worksheet
  /** The sheet's name as the workbook spells it (names are case-insensitive). */
  sheetName: string
  tableName: string
  registry: SheetRegistry
  sheetNames: string[]
  created: boolean
}

/** Finds or creates the sheet; an existing one loses its tables, contents, formats and frozen panes. */
async function prepareSheet(context: Excel.RequestContext, model: SheetModel, sync: Sync): Promise<Prepared> {
  const book = context.workbook
  const found = book.worksheets.getItemOrNullObject(model.name)
  const sheets = book.worksheets
  sheets.load('items/name')
  const tables = book.tables
  tables.load('items/name')
  const setting = book.settings.getItemOrNullObject(SHEETS_SETTING)
  setting.load('value')
  await sync()
  const registry = setting.isNullObject ? {} : parseRegistry(setting.value)
  const sheetNames = sheets.items.map((s) => s.name)
  let own: string[] = []
  let sheet: Excel.Worksheet
  if (found.isNullObject) {
    sheet = sheets.add(model.name)
  } else {
    sheet = found
    sheet.tables.load('items/name')
    await sync()
    own = sheet.tables.items.map((t) => t.name.toLowerCase())
    for (const t of sheet.tables.items) t.delete()
    const all = sheet.getRange()
    all.conditionalFormats.clearAll()
    all.clear()
    sheet.freezePanes.unfreeze()
  }
  const taken = new Set(tables.items.map((t) => t.name.toLowerCase()).filter((n) => !own.includes(n)))
  const sheetName = sheetNames.find((n) => n.toLowerCase() === model.name.toLowerCase()) ?? model.name
  return { sheet, sheetName, tableName: freeTableName(model.table, taken), registry, sheetNames, created: found.isNullObject }
}

/**
 * Writes `model` into the workbook (see the module comment), in row chunks of one sync each,
 * each under `maxPayloadBytes`; a chunk Excel still finds too large is halved and retried.
 */
export async function writeSheet(model: SheetModel, options: WriteSheetOptions = {}): Promise<WriteSheetResult> {
  const budget = (options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES) - CHUNK_OVERHEAD_BYTES
  const { cells, formats, sizes } = prepareRows(model)
  const total = cells.length
  const width = model.columns.length

  return Excel.run(async (context) => {
    let syncs = 0
    const sync: Sync = async () => {
      syncs++
      await context.sync()
    }
    const { sheet, sheetName, tableName, registry, sheetNames, created } = await prepareSheet(context, model, sync)
    context.workbook.application.suspendApiCalculationUntilNextSync()
    queueHeading(sheet, model)
    await sync()

    let maxRows = Infinity
    for (let start = 0; start < total; ) {
      const end = chunkEnd(sizes, start, budget, maxRows)
      const rows = end - start
      context.workbook.application.suspendApiCalculationUntilNextSync()
      const range = sheet.getRangeByIndexes(FIRST_DATA_ROW + start, 0, rows, width)
      // Formats first: a text-formatted cell keeps `00123` as text.
      range.numberFormat = formats.slice(start, end)
      range.values = cells.slice(start, end)
      try {
        await sync()
      } catch (e) {
        if (!isPayloadLimitError(e) || rows === 1) throw e
        maxRows = Math.ceil(rows / 2)
        continue
      }
      start = end
      options.onProgress?.(start, total)
    }

    if (model.indent && total > 0) {
      const column = model.indent.column
      const runs = indentRuns(model.indent.levels.slice(0, total))
      if (runs.length > 0) sheet.getRangeByIndexes(FIRST_DATA_ROW, column, total, 1).format.horizontalAlignment = 'Left'
      // Batched so that a deep, ragged tree still stays under the request limit.
      const perSync = Math.max(1, Math.floor(budget / INDENT_CALL_BYTES))
      for (let i = 0; i < runs.length; i++) {
        const run = runs[i]
        sheet.getRangeByIndexes(FIRST_DATA_ROW + run.start, column, run.count, 1).format.indentLevel = run.level
        if ((i + 1) % perSync === 0 && i + 1 < runs.length) await sync()
      }
    }

    queueTable(sheet, model, tableName, total)
    queueFlags(sheet, model, total)
    sheet.freezePanes.freezeRows(HEADER_ROW + 1)
    context.workbook.settings.add(SHEETS_SETTING, updateRegistry(registry, sheetNames, sheetName, model.source))
    sheet.activate()
    await sync()
    if (total === 0) options.onProgress?.(0, 0)
    return { syncs, rows: total, created }
  })
}
