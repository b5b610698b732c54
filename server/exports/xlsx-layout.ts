/**
 * How a report looks on screen and on paper, around the rows the stream writer adds: page setup
 * (paper, orientation, one page wide, the header repeated, page numbers in the footer), the
 * title block, a document's lines above and below its table, the header row, and one shared
 * style per column (number format, alignment, wrapping).
 */
import type ExcelJS from 'exceljs'
import { DATE_FORMAT, DATETIME_FORMAT, MONTH_FORMAT, TITLE_ROWS, type CellKind, type CellValue, type DocumentLine, type SheetColumn, type SheetDocument } from '../../shared/sheets/model'
import { wrappedLines } from '../../shared/sheets/fit'
import { quoteIfFormula } from './quote-prefix'

/** Fluent neutral secondary text, as the pane's subtitle. */
const SUBTITLE_COLOR = 'FF605E5C'
const TITLE_FONT_SIZE = 14
/** TableStyleMedium2 on exceljs's default theme (the pane's downloaded sheets): accent 1 and its 80% tint. */
export const HEADER_FILL = 'FF4F81BD'
export const BAND_FILL = 'FFDCE6F1'
/** The workbook's body font, named wherever a cell sets a font of its own (else viewers pick their own). */
const FONT = { name: 'Calibri', family: 2, size: 11 } as const
/** Title, header and labels start at the left whatever the column holds below them. */
const LEFT = { horizontal: 'left', vertical: 'bottom' } as const
/** Wider than this (in characters), a report prints in landscape: up to it, portrait shrinks it to about 90% at most. */
const PORTRAIT_MAX_WIDTH = 110
/** Height of a line of text in points (Calibri 11): a row holding wrapped text gets one per line. */
export const LINE_HEIGHT = 15
/** Height of a line to write on (a signature), in points: room for a pen. */
const BLANK_LINE_HEIGHT = 24
/** Excel's paper size codes (exceljs's enum lacks Letter, which is 1). */
const PAPER = { A4: 9, Letter: 1 } as unknown as Record<'A4' | 'Letter', ExcelJS.PaperSize>

/** What a report writes above and around its rows. */
export interface ReportHead {
  /** Worksheet name. */
  name: string
  title: string
  subtitle: string
  columns: SheetColumn[]
  /** Row colours: columns (0-based) whose date on or before today makes the row red / amber. */
  flags?: { expired?: number; alert?: number }
  /** Column (0-based) whose cells are indented by each row's level. */
  indentColumn?: number
  /** A document's lines above and below its table (a delivery slip's addresses and signature). */
  document?: SheetDocument
  /** Paper the pages are set up for (A4 when not said). */
  paper?: keyof typeof PAPER
}

/** Where the parts of the sheet are, 1-based rows. */
export interface SheetLayout {
  headerRow: number
  firstDataRow: number
}

/** The rows of `head`'s parts: title and subtitle, a document's lines above (and a blank row), then the header. */
export function layoutOf(head: ReportHead): SheetLayout {
  const above = head.document?.above.length ? head.document.above.length + 1 : 0
  const headerRow = TITLE_ROWS + above + 1
  return { headerRow, firstDataRow: headerRow + 1 }
}

/**
 * A column's width in characters: its spec's, but at least its header and the filter button
 * beside it. exceljs leaves a width of exactly 9 (its default) unwritten, which Excel shows as
 * 8.43: such a column gets a hair more.
 */
export function columnWidth(c: SheetColumn): number {
  const width = Math.max(c.width, c.header.length + 2)
  return width === 9 ? 9.14 : width
}

/** Excel's number format for a column of `kind` (dates and date-times; none for text and numbers). */
export const formatOf = (kind: CellKind): string | undefined => (kind === 'date' ? DATE_FORMAT : kind === 'datetime' ? DATETIME_FORMAT : undefined)

/** `&` is the footer's code character: text shows it doubled. */
const footerText = (s: string) => s.replaceAll('&', '&&')

/** A sheet's print setup: landscape when wide (a document always portrait), one page wide, the header row on every page, the title and page numbers in the footer. */
export function pageSetup(head: ReportHead): Pick<ExcelJS.AddWorksheetOptions, 'pageSetup' | 'headerFooter'> {
  const wide = !head.document && head.columns.reduce((sum, c) => sum + columnWidth(c), 0) > PORTRAIT_MAX_WIDTH
  const { headerRow } = layoutOf(head)
  return {
    pageSetup: {
      orientation: wide ? 'landscape' : 'portrait', paperSize: PAPER[head.paper ?? 'A4'], fitToPage: true, fitToWidth: 1, fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `&L&9${footerText(head.title)}&R&9Page &P of &N` } as ExcelJS.HeaderFooter,
  }
}

/**
 * How each column's cells line up: numbers right, text and dates left (a column of dates and
 * date-times then starts each on the same digit), indented after a right-aligned number so
 * the two never touch; a short code (a level) centred.
 */
function alignments(columns: SheetColumn[]): Array<Partial<ExcelJS.Alignment>> {
  return columns.map((c, i) => {
    if (c.center) return { horizontal: 'center' }
    if (c.kind === 'number') return { horizontal: 'right' }
    const previous = columns[i - 1] as SheetColumn | undefined
    const afterNumber = previous !== undefined && previous.kind === 'number' && !previous.center
    return { horizontal: 'left', ...(afterNumber ? { indent: 1 } : {}), ...(c.wrap ? { wrapText: true } : {}) }
  })
}

/**
 * One style per column, shared by its cells; `dateOnly` holds the twin of a date-time column for
 * a time at midnight, `month` the twin of a date column for a month-only date.
 */
export function columnStyles(columns: SheetColumn[]): {
  styles: Array<Partial<ExcelJS.Style>>; dateOnly: Array<Partial<ExcelJS.Style>>; month: Array<Partial<ExcelJS.Style>>
} {
  const aligned = alignments(columns)
  // Top: when a wrapped cell makes its row taller, the row still reads along one line.
  const styles = columns.map((c, i): Partial<ExcelJS.Style> => {
    const numFmt = formatOf(c.kind)
    return { ...(numFmt ? { numFmt } : {}), alignment: { ...aligned[i], vertical: 'top' } }
  })
  return { styles, dateOnly: styles.map((s) => ({ ...s, numFmt: DATE_FORMAT })), month: styles.map((s) => ({ ...s, numFmt: MONTH_FORMAT })) }
}

/** Title (bold), subtitle (grey) and a document's lines above the table. */
export function writeHeading(ws: ExcelJS.Worksheet, head: ReportHead, cellOf: (value: CellValue, kind: CellKind) => string | number | undefined): void {
  const title = ws.getRow(1)
  title.getCell(1).value = head.title
  title.getCell(1).font = { ...FONT, bold: true, size: TITLE_FONT_SIZE }
  title.getCell(1).alignment = LEFT
  title.height = 21
  title.commit()
  const subtitle = ws.getRow(2)
  if (head.subtitle) {
    subtitle.getCell(1).value = head.subtitle
    subtitle.getCell(1).font = { ...FONT, color: { argb: SUBTITLE_COLOR } }
    subtitle.getCell(1).alignment = LEFT
  }
  subtitle.commit()
  head.document?.above.forEach((line, i) => writeLine(ws, TITLE_ROWS + 1 + i, line, head.columns, cellOf))
}

/** The header row: white bold on blue, aligned as its column's cells. */
export function writeHeader(ws: ExcelJS.Worksheet, head: ReportHead): void {
  const { headerRow } = layoutOf(head)
  const aligned = alignments(head.columns)
  const header = ws.getRow(headerRow)
  head.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1)
    cell.value = c.header
    cell.font = { ...FONT, bold: true, color: { argb: 'FFFFFFFF' } }
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } }
    // A report's number headers stay at the left as in an Excel table, where the filter button
    // sits at the right; a document has no filter buttons and puts them over their numbers.
    const { horizontal, indent } = aligned[i]
    const over = horizontal === 'center' || (horizontal === 'right' && head.document) ? { horizontal } : {}
    cell.alignment = { ...LEFT, ...over, ...(indent ? { indent } : {}) }
  })
  header.commit()
}

/** A document's lines below the table, after a blank row; `lastRow` is the table's last. */
export function writeFooterLines(ws: ExcelJS.Worksheet, head: ReportHead, lastRow: number, cellOf: (value: CellValue, kind: CellKind) => string | number | undefined): void {
  head.document?.below.forEach((line, i) => writeLine(ws, lastRow + 2 + i, line, head.columns, cellOf))
}

/**
 * A label in bold in column A, its value in B merged across the rest of the table's width (an
 * address line reads as one line, not wrapped in one narrow column): wrapped, bold when
 * `strong`, a line to write on when `blank`.
 */
function writeLine(ws: ExcelJS.Worksheet, rowNumber: number, line: DocumentLine, columns: SheetColumn[], cellOf: (value: CellValue, kind: CellKind) => string | number | undefined): void {
  const row = ws.getRow(rowNumber)
  if (line.label) {
    row.getCell(1).value = line.label
    row.getCell(1).font = { ...FONT, bold: true }
    row.getCell(1).alignment = { horizontal: 'left', vertical: line.look === 'blank' ? 'bottom' : 'top' }
  }
  const cell = row.getCell(2)
  const value = cellOf(line.value, line.kind)
  if (value !== undefined) cell.value = value
  cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true }
  if (line.look === 'strong') cell.font = { ...FONT, bold: true }
  const fmt = formatOf(line.kind)
  if (fmt) cell.numFmt = fmt
  // A signature line spans half the table: room to write, and it still reads as a line to sign on.
  const last = line.look === 'blank' ? Math.max(2, Math.ceil(columns.length / 2)) : columns.length
  const width = columns.slice(1, last).reduce((sum, c) => sum + columnWidth(c), 0)
  if (last > 2) ws.mergeCells(rowNumber, 2, rowNumber, last)
  const lines = typeof line.value === 'string' ? wrappedLines(line.value, width) : 1
  if (lines > 1) row.height = lines * LINE_HEIGHT
  if (line.look === 'blank') {
    for (let c = 2; c <= last; c++) row.getCell(c).border = { bottom: { style: 'thin', color: { argb: 'FF000000' } } }
    row.height = BLANK_LINE_HEIGHT
  }
  quoteIfFormula(cell)
  row.commit()
}
