/**
 * Writes a report as an .xlsx file into a stream with exceljs's streaming writer, row by row:
 * the same look as the pane's sheets (title, grey subtitle, a blue header row, banded rows, real
 * dates, expired rows red and alert rows amber), with what the streaming writer can do instead
 * of an Excel table: a frozen header, auto filters on it and conditional formats.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { clientCaughtUp, drained, sheetStreamOf, zipOutput } from './backpressure'
import { excelDateCell } from '../../shared/dates'
import { looksLikeFormula } from '../../shared/formula-text'
import { enableQuotePrefix, quoted, quoteIfFormula } from './quote-prefix'
import { DATE_FORMAT, DATETIME_FORMAT, FLAG_COLORS, TITLE_ROWS, safeSheetName, type CellKind, type CellValue, type SheetColumn } from '../../shared/sheets/model'
import { columnLetter } from '../../shared/xlsx'

// Text that would turn into a formula when edited (`=cmd|...`, `-1+1`) is written as quoted text.
enableQuotePrefix(ExcelJS)

/** Fluent neutral secondary text, as the pane's subtitle. */
const SUBTITLE_COLOR = 'FF605E5C'
const TITLE_FONT_SIZE = 14
/** TableStyleMedium2 on exceljs's default theme (the pane's downloaded sheets): accent 1 and its 80% tint. */
const HEADER_FILL = 'FF4F81BD'
const BAND_FILL = 'FFDCE6F1'

/** Rows written between two pauses that let the server answer others. */
export const ROWS_PER_TURN = 1000

/** What a report writes above its rows. */
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
  /** Label and value lines between the subtitle and the header (a delivery slip's partner, date...). */
  info?: Array<{ label: string; value: CellValue; kind: CellKind }>
}

/** Rows in the columns' order, with their levels when the report indents them. */
export interface RowBatch {
  rows: CellValue[][]
  levels?: number[]
}

export type RowSource = Iterable<RowBatch> | AsyncIterable<RowBatch>

/** Where the parts of the sheet are, 1-based rows. */
export interface SheetLayout {
  headerRow: number
  firstDataRow: number
}

export function layoutOf(head: ReportHead): SheetLayout {
  const info = head.info?.length ? head.info.length + 1 : 0
  const headerRow = TITLE_ROWS + info + 1
  return { headerRow, firstDataRow: headerRow + 1 }
}

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`

/**
 * A column's width in characters: its spec's, but at least its header and the filter button
 * beside it. exceljs leaves a width of exactly 9 (its default) unwritten, which Excel shows as
 * 8.43: such a column gets a hair more.
 */
export function columnWidth(c: SheetColumn): number {
  const width = Math.max(c.width, c.header.length + 2)
  return width === 9 ? 9.14 : width
}

/** The workbook's body font, named wherever a cell sets a font of its own (else viewers pick their own). */
const FONT = { name: 'Calibri', family: 2, size: 11 } as const
/** Title, header and labels start at the left whatever the column holds below them. */
const LEFT = { horizontal: 'left', vertical: 'bottom' } as const

const formatOf = (kind: CellKind) => (kind === 'date' ? DATE_FORMAT : kind === 'datetime' ? DATETIME_FORMAT : undefined)

/** The last date text made a serial: a report's rows come in runs of the same date. */
let lastSerial: { text: string; serial: number | string } = { text: '', serial: '' }

/** A date or wall-clock value as its Excel serial (zone-free); anything else as it is. */
function cellOf(value: CellValue, kind: CellKind): string | number | undefined {
  if (value === null || value === '') return undefined
  if ((kind === 'date' || kind === 'datetime') && typeof value === 'string') {
    if (value !== lastSerial.text) lastSerial = { text: value, serial: excelDateCell(value) }
    return lastSerial.serial
  }
  return value
}

/** The stream went away (the client hung up): stop writing. */
export class ReportAborted extends Error {
  override name = 'ReportAborted'
}

/**
 * Writes the workbook into `out` and ends it. Rows come in batches; every {@link ROWS_PER_TURN}
 * rows the writer waits for the stream to drain and lets the event loop run. Resolves with the
 * number of data rows; rejects with {@link ReportAborted} when `out` is destroyed meanwhile.
 */
export async function writeReport(head: ReportHead, rows: RowSource, out: Writable): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  wb.creator = 'lotledger'
  const { headerRow, firstDataRow } = layoutOf(head)
  const width = head.columns.length
  const wide = head.columns.reduce((sum, c) => sum + c.width, 0) > 100
  const ws = wb.addWorksheet(safeSheetName(head.name), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${firstDataRow}`, activeCell: `A${firstDataRow}` }],
    pageSetup: {
      orientation: wide ? 'landscape' : 'portrait', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
  })
  const kinds = head.columns.map((c) => c.kind)
  head.columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1)
    column.width = columnWidth(c)
    const fmt = formatOf(c.kind)
    if (fmt) column.numFmt = fmt
  })

  const title = ws.getRow(1)
  title.getCell(1).value = head.title
  title.getCell(1).font = { ...FONT, bold: true, size: TITLE_FONT_SIZE }
  title.getCell(1).alignment = LEFT
  title.height = 21
  title.commit()
  const subtitle = ws.getRow(2)
  subtitle.getCell(1).value = head.subtitle
  subtitle.getCell(1).font = { ...FONT, color: { argb: SUBTITLE_COLOR } }
  subtitle.getCell(1).alignment = LEFT
  subtitle.commit()
  head.info?.forEach((line, i) => {
    const row = ws.getRow(TITLE_ROWS + 1 + i)
    row.getCell(1).value = line.label
    row.getCell(1).font = { ...FONT, bold: true }
    row.getCell(1).alignment = LEFT
    const value = cellOf(line.value, line.kind)
    if (value !== undefined) {
      const cell = row.getCell(2)
      cell.value = value
      cell.alignment = LEFT
      const fmt = formatOf(line.kind)
      if (fmt) cell.numFmt = fmt
      quoteIfFormula(cell)
    }
    row.commit()
  })
  const header = ws.getRow(headerRow)
  head.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1)
    cell.value = c.header
    cell.font = { ...FONT, bold: true, color: { argb: 'FFFFFFFF' } }
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } }
    // Left as in an Excel table: the filter button sits at the right.
    cell.alignment = LEFT
  })
  header.commit()

  // Rows go to the zip a turn's worth at a time, and the next turn waits until the zip and the
  // client have taken them: memory stays flat however long the sheet, and a slow client slows
  // the writer down instead of piling the file up in memory.
  const sheetStream = sheetStreamOf(ws)
  const zipped = zipOutput(wb)
  sheetStream?.cork()
  const handOver = async () => {
    if (sheetStream) {
      sheetStream.uncork()
      sheetStream.cork()
      for (const zipInput of sheetStream.pipes ?? []) await drained(zipInput, out)
    }
    await clientCaughtUp(out, zipped)
  }

  // One style object per column (and per indentation level), shared by its cells: exceljs looks
  // a style object up once, where a fresh one per cell costs more than everything else a row
  // takes. Cells get whole style objects only, never a property set on their own (that would
  // change the shared object).
  const columnStyles: Array<Partial<ExcelJS.Style>> = head.columns.map((c) => {
    const numFmt = formatOf(c.kind)
    return numFmt ? { numFmt } : {}
  })
  // Each shared style's quoted twin, shared in turn by the cells whose text looks like a formula.
  const quotedStyles = new Map<Partial<ExcelJS.Style>, Partial<ExcelJS.Style>>()
  const quotedOf = (style: Partial<ExcelJS.Style>) => {
    let q = quotedStyles.get(style)
    if (!q) quotedStyles.set(style, (q = quoted(style)))
    return q
  }
  const levelStyles = new Map<number, Partial<ExcelJS.Style>>()
  const levelStyle = (level: number) => {
    let style = levelStyles.get(level)
    if (!style) levelStyles.set(level, (style = { ...columnStyles[head.indentColumn!], alignment: { horizontal: 'left', indent: Math.min(level, 15) } }))
    return style
  }

  let n = 0
  let sinceTurn = 0
  const indent = head.indentColumn
  for await (const batch of rows) {
    for (let r = 0; r < batch.rows.length; r++) {
      const source = batch.rows[r]
      const values = new Array<string | number | undefined>(width)
      for (let i = 0; i < width; i++) values[i] = cellOf(source[i] ?? null, kinds[i])
      const row = ws.getRow(firstDataRow + n)
      row.values = values
      row.eachCell((cell, column) => {
        const style = columnStyles[column - 1]
        cell.style = looksLikeFormula(values[column - 1]) ? quotedOf(style) : style
      })
      const level = batch.levels?.[r] ?? 0
      if (indent !== undefined && level > 0) {
        const style = levelStyle(level)
        row.getCell(indent + 1).style = looksLikeFormula(values[indent]) ? quotedOf(style) : style
      }
      row.commit()
      n++
      if (++sinceTurn >= ROWS_PER_TURN) {
        sinceTurn = 0
        await handOver()
        await nextTurn()
        if (out.destroyed) throw new ReportAborted('the client went away')
      }
    }
  }

  sheetStream?.uncork()
  const lastRow = Math.max(headerRow, firstDataRow + n - 1)
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: lastRow, column: width } }
  if (n > 0) {
    const ref = `A${firstDataRow}:${columnLetter(width)}${lastRow}`
    const due = (column: number) => {
      const cell = `$${columnLetter(column + 1)}${firstDataRow}`
      return `AND(${cell}<>"",${cell}<=TODAY())`
    }
    const fill = (color: string) => ({ type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb: color } })
    // In priority order: where two rules hold, the first one's fill wins (Excel), or only the first
    // applies (LibreOffice). exceljs 4.4 does not write stopIfTrue, so nothing relies on it.
    const rules: ExcelJS.ConditionalFormattingRule[] = []
    if (head.flags?.expired !== undefined) {
      rules.push({
        type: 'expression', priority: rules.length + 1, formulae: [due(head.flags.expired)],
        style: { fill: fill(argb(FLAG_COLORS.expired)), font: { color: { argb: argb(FLAG_COLORS.expiredText) } } },
      })
    }
    if (head.flags?.alert !== undefined) {
      rules.push({
        type: 'expression', priority: rules.length + 1, formulae: [due(head.flags.alert)],
        style: { fill: fill(argb(FLAG_COLORS.alert)), font: { color: { argb: argb(FLAG_COLORS.alertText) } } },
      })
    }
    rules.push({ type: 'expression', priority: rules.length + 1, formulae: [`MOD(ROW()-${firstDataRow},2)=0`], style: { fill: fill(BAND_FILL) } })
    ws.addConditionalFormatting({ ref, rules })
  }
  ws.commit()
  await wb.commit()
  return n
}
