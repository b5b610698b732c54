/**
 * A TemplateModel as an .xlsx file (exceljs document writer: a template is a few sheets of
 * formats, no data): the data sheet first, then the instructions, then the hidden lists sheet.
 */
import ExcelJS from 'exceljs'
import { assertNever } from '../../shared/assert-never'
import { HEADER_FILL, type InstructionRow, type TemplateModel } from '../../shared/import/templates'
import { columnLetter } from '../../shared/xlsx'
import { enableQuotePrefix, quoteIfFormula } from '../exports/quote-prefix'

// A product or location named like a formula (`-20C freezer`) stays text when its cell is edited.
enableQuotePrefix(ExcelJS)

const GREY_TEXT = 'FF605E5C'

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`
/** Fonts name their face: without one, LibreOffice falls back to its own default (a serif). */
const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: 'Calibri', size: 11, ...extra })
/** Printed on landscape pages, as wide as one page. */
const PRINT: Partial<ExcelJS.PageSetup> = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
const solid = (hex: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: argb(hex) } })

/** exceljs has range-level validations (`sqref="B2:B5001"`) but its typings do not say so. */
type RangeValidations = { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }

/** The data sheet: styled headers, widths, frozen header, formats and one list validation per column. */
function dataSheet(wb: ExcelJS.Workbook, t: TemplateModel): void {
  const ws = wb.addWorksheet(t.sheet, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }], pageSetup: PRINT })
  const validations = (ws as unknown as RangeValidations).dataValidations
  t.columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1)
    column.width = c.width
    const header = ws.getCell(1, i + 1)
    header.value = c.header
    header.numFmt = '@'
    header.font = font({ bold: c.required })
    header.fill = solid(c.required ? HEADER_FILL.required : HEADER_FILL.optional)
    header.alignment = { vertical: 'middle' }
    // Formats on the bounded rows only: cheap to write and to read back.
    for (let r = t.rows.first; r <= t.rows.last; r++) ws.getCell(r, i + 1).numFmt = c.numberFormat
    if (c.validation) {
      const letter = columnLetter(i + 1)
      // One range-level validation per column (per-cell ones hit exceljs's address-sorting bug).
      validations.add(`${letter}${t.rows.first}:${letter}${t.rows.last}`, {
        type: 'list', allowBlank: true, formulae: [c.validation.formula],
        showErrorMessage: true, errorStyle: c.validation.strict ? 'stop' : 'warning', errorTitle: c.header, error: c.validation.message,
      })
    }
  })
  ws.getRow(1).height = 20
}

/**
 * Lines a wrapped text takes in a column `width` characters wide. Neither Excel nor exceljs fits
 * row heights to wrapped text, so rows get their height from this (text is a little narrower than
 * the `0` widths count in: a generous estimate).
 */
export function textLines(text: string, width: number): number {
  return Math.max(1, Math.ceil(text.length / width))
}

function instructionsSheet(wb: ExcelJS.Workbook, t: TemplateModel): void {
  const { widths, rows } = t.instructions
  const ws = wb.addWorksheet(t.instructions.sheet, { pageSetup: PRINT })
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w))
  const span = widths.length
  const total = widths.reduce((a, b) => a + b, 0)
  rows.forEach((row: InstructionRow, i) => {
    const r = i + 1
    const excelRow = ws.getRow(r)
    row.cells.forEach((v, j) => {
      const cell = excelRow.getCell(j + 1)
      cell.value = v
      quoteIfFormula(cell)
    })
    switch (row.style) {
      case 'title':
        excelRow.getCell(1).font = font({ bold: true, size: 14 })
        excelRow.height = 22
        break
      case 'subtitle':
        excelRow.getCell(1).font = font({ color: { argb: GREY_TEXT } })
        break
      case 'heading':
        excelRow.getCell(1).font = font({ bold: true, size: 12 })
        excelRow.height = 18
        break
      case 'text':
        ws.mergeCells(r, 1, r, span)
        excelRow.getCell(1).alignment = { wrapText: true, vertical: 'top' }
        excelRow.height = 15 * textLines(row.cells[0] ?? '', total)
        break
      case 'tableHeader':
        for (let j = 1; j <= span; j++) {
          excelRow.getCell(j).font = font({ bold: true })
          excelRow.getCell(j).fill = solid(HEADER_FILL.optional)
        }
        break
      case 'column': {
        const required = row.cells[1] === 'yes'
        excelRow.getCell(1).font = font({ bold: required })
        if (required) excelRow.getCell(1).fill = solid(HEADER_FILL.required)
        for (let j = 1; j <= span; j++) excelRow.getCell(j).alignment = { wrapText: true, vertical: 'top' }
        excelRow.height = 15 * textLines(row.cells[span - 1] ?? '', widths[span - 1])
        break
      }
      case 'blank':
        break
      default:
        assertNever(row.style, 'instruction row style')
    }
  })
}

function listsSheet(wb: ExcelJS.Workbook, t: TemplateModel): void {
  const ws = wb.addWorksheet(t.lists.sheet, { state: 'hidden' })
  for (const list of t.lists.columns) {
    const column = list.column + 1
    ws.getColumn(column).width = Math.min(40, Math.max(list.header.length, ...list.values.map((v) => v.length)) + 2)
    ws.getCell(1, column).value = list.header
    ws.getCell(1, column).font = font({ bold: true })
    list.values.forEach((v, i) => {
      const cell = ws.getCell(i + 2, column)
      cell.numFmt = '@'
      cell.value = v
      quoteIfFormula(cell)
    })
    wb.definedNames.add(list.ref, list.name)
  }
}

/** The template as the bytes of an .xlsx file. */
export async function templateXlsx(t: TemplateModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'lotledger'
  wb.title = `lotledger ${t.title} template`
  dataSheet(wb, t)
  instructionsSheet(wb, t)
  listsSheet(wb, t)
  return Buffer.from(await wb.xlsx.writeBuffer())
}
