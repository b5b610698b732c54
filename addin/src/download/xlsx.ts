/**
 * Without Office, sheet actions download the same sheet as an .xlsx file. exceljs is loaded
 * only on this path, so the pane in Excel never pays for it.
 */
import { excelDateCell } from '../../../shared/dates'
import { DATE_FORMAT, DATETIME_FORMAT, FLAG_COLORS, TITLE_ROWS, type SheetModel } from '../../../shared/sheets/model'
import { columnLetter, XLSX_MIME } from '../../../shared/xlsx'

/** The sheet as an .xlsx file's bytes. */
export async function sheetToXlsx(model: SheetModel): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = 'lotledger'
  const ws = wb.addWorksheet(model.name, { views: [{ state: 'frozen', ySplit: TITLE_ROWS + 1 }] })
  ws.getCell('A1').value = model.title
  ws.getCell('A1').font = { bold: true, size: 14 }
  ws.getCell('A2').value = model.subtitle
  ws.getCell('A2').font = { color: { argb: 'FF605E5C' } }
  model.columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width))
  const rows = model.rows.map((r) =>
    r.map((v, i) => {
      const kind = model.columns[i].kind
      return (kind === 'date' || kind === 'datetime') && typeof v === 'string' ? excelDateCell(v) : v
    }),
  )
  ws.addTable({
    name: model.table,
    ref: `A${TITLE_ROWS + 1}`,
    headerRow: true,
    style: { theme: 'TableStyleMedium2', showRowStripes: true },
    columns: model.columns.map((c) => ({ name: c.header, filterButton: true })),
    // exceljs needs at least one row to write a table.
    rows: rows.length ? rows : [model.columns.map(() => null)],
  })
  const first = TITLE_ROWS + 2
  model.columns.forEach((c, i) => {
    if (c.kind === 'date' || c.kind === 'datetime') {
      const fmt = c.kind === 'date' ? DATE_FORMAT : DATETIME_FORMAT
      for (let r = 0; r < rows.length; r++) ws.getCell(first + r, i + 1).numFmt = fmt
    }
  })
  if (model.indent) {
    const column = model.indent.column + 1
    model.indent.levels.forEach((level, r) => {
      if (level > 0) ws.getCell(first + r, column).alignment = { indent: Math.min(level, 15) }
    })
  }
  if (model.flags && rows.length) {
    const last = first + rows.length - 1
    const ref = `A${first}:${columnLetter(model.columns.length)}${last}`
    const rule = (column: number, fill: string, font: string, priority: number) => ({
      type: 'expression' as const, priority, stopIfTrue: true,
      formulae: [`AND($${columnLetter(column + 1)}${first}<>"",$${columnLetter(column + 1)}${first}<=TODAY())`],
      style: { fill: { type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb: argb(fill) } }, font: { color: { argb: argb(font) } } },
    })
    const rules = []
    if (model.flags.expired !== undefined) rules.push(rule(model.flags.expired, FLAG_COLORS.expired, FLAG_COLORS.expiredText, 1))
    if (model.flags.alert !== undefined) rules.push(rule(model.flags.alert, FLAG_COLORS.alert, FLAG_COLORS.alertText, 2))
    ws.addConditionalFormatting({ ref, rules })
  }
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer
}

function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`
}

/** Hands `bytes` to the browser as a download of the .xlsx file `fileName`. */
export function saveXlsx(bytes: ArrayBuffer, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: XLSX_MIME }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Saves the sheet as `<Name> <date>.xlsx` through the browser's download. */
export async function downloadSheet(model: SheetModel, date: string): Promise<string> {
  const name = `${model.name} ${date}.xlsx`
  saveXlsx(await sheetToXlsx(model), name)
  return name
}
