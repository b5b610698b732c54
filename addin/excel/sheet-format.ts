/**
 * The parts of a written sheet around its values: heading, table, indentation, row flags.
 * Each function only queues commands; the caller decides when to sync.
 */
import { FLAG_COLORS, type SheetModel } from '../../shared/sheets/model'
import { FIRST_DATA_ROW, HEADER_ROW, TEXT_FORMAT, dueFormula } from './cells'

/** Built-in table style: banded rows, filter buttons on. */
export const TABLE_STYLE = 'TableStyleMedium2'
export const TITLE_FONT_SIZE = 14
/** Fluent neutral secondary text. */
export const SUBTITLE_COLOR = '#605E5C'
/** Column widths come in characters; Excel wants points. */
export const POINTS_PER_CHARACTER = 7

/** Title (row 1), subtitle (row 2), the table's header row (row 4) and the column widths. */
export function queueHeading(sheet: Excel.Worksheet, model: SheetModel): void {
  const heading = sheet.getRange('A1:A2')
  heading.numberFormat = [[TEXT_FORMAT], [TEXT_FORMAT]]
  heading.values = [[model.title], [model.subtitle]]
  const title = sheet.getRange('A1')
  title.format.font.bold = true
  title.format.font.size = TITLE_FONT_SIZE
  sheet.getRange('A2').format.font.color = SUBTITLE_COLOR
  const header = sheet.getRangeByIndexes(HEADER_ROW, 0, 1, model.columns.length)
  header.numberFormat = [model.columns.map(() => TEXT_FORMAT)]
  header.values = [model.columns.map((c) => c.header)]
  model.columns.forEach((c, i) => {
    sheet.getRangeByIndexes(HEADER_ROW, i, 1, 1).format.columnWidth = c.width * POINTS_PER_CHARACTER
  })
}

/** The Excel table over the header and `bodyRows` data rows (at least one: Excel tables have a body). */
export function queueTable(sheet: Excel.Worksheet, model: SheetModel, name: string, bodyRows: number): void {
  const table = sheet.tables.add(sheet.getRangeByIndexes(HEADER_ROW, 0, 1 + Math.max(1, bodyRows), model.columns.length), true)
  table.name = name
  table.style = TABLE_STYLE
}

/**
 * Row flags as two custom conditional formats on the data body. A new format goes to the top
 * priority, so alert is added first and expired second: expired wins and stops the alert rule.
 */
export function queueFlags(sheet: Excel.Worksheet, model: SheetModel, bodyRows: number): void {
  const { expired, alert } = model.flags ?? {}
  if ((expired === undefined && alert === undefined) || bodyRows === 0) return
  const body = sheet.getRangeByIndexes(FIRST_DATA_ROW, 0, bodyRows, model.columns.length)
  const add = (column: number, fill: string, font: string, stop: boolean) => {
    const cf = body.conditionalFormats.add('Custom')
    cf.custom.rule.formula = dueFormula(column)
    cf.custom.format.fill.color = fill
    cf.custom.format.font.color = font
    cf.stopIfTrue = stop
  }
  if (alert !== undefined) add(alert, FLAG_COLORS.alert, FLAG_COLORS.alertText, false)
  if (expired !== undefined) add(expired, FLAG_COLORS.expired, FLAG_COLORS.expiredText, true)
}

/** A table name not used elsewhere in the workbook: `wanted`, else `wanted_2`, `wanted_3`... */
export function freeTableName(wanted: string, taken: Set<string>): string {
  if (!taken.has(wanted.toLowerCase())) return wanted
  for (let i = 2; ; i++) if (!taken.has(`${wanted}_${i}`.toLowerCase())) return `${wanted}_${i}`
}
