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
import { enableQuotePrefix } from './quote-prefix'
import { FLAG_COLORS, safeSheetName, type CellValue } from '../../shared/sheets/model'
import { columnLetter } from '../../shared/xlsx'
import { cellOf } from './xlsx-cells'
import { RowXml } from './xlsx-rows'
import { BAND_FILL, columnWidth, layoutOf, pageSetup, writeFooterLines, writeHeader, writeHeading, type ReportHead } from './xlsx-layout'

// Text that would turn into a formula when edited (`=cmd|...`, `-1+1`) is written as quoted text.
enableQuotePrefix(ExcelJS)

/** Rows written between two pauses that let the server answer others. */
export const ROWS_PER_TURN = 1000

/** Rows in the columns' order, with their levels when the report indents them. */
export interface RowBatch {
  rows: CellValue[][]
  levels?: number[]
}

export type RowSource = Iterable<RowBatch> | AsyncIterable<RowBatch>

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`

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
  const [n] = await writeWorkbook([{ head, rows }], out)
  return n
}

/** A sheet of a workbook of several (the FSMA 204 records: one per kind of event). */
export interface SheetSource {
  head: ReportHead
  /** Called when the sheet's turn comes: sheets are written one after the other. */
  rows: RowSource | (() => RowSource)
}

/** Writes several sheets, in order, as {@link writeReport} writes one; resolves with each sheet's row count. */
export async function writeWorkbook(sheets: readonly SheetSource[], out: Writable): Promise<number[]> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  wb.creator = 'lotledger'
  const zipped = zipOutput(wb)
  const counts: number[] = []
  for (const sheet of sheets) {
    counts.push(await writeSheet(wb, sheet.head, typeof sheet.rows === 'function' ? sheet.rows() : sheet.rows, out, zipped))
  }
  await wb.commit()
  return counts
}

/** Adds `head`'s worksheet to `wb` and writes what goes above the rows: title, subtitle, a document's lines, the header. */
export function openSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, head: ReportHead): ExcelJS.Worksheet {
  const { headerRow, firstDataRow } = layoutOf(head)
  const ws = wb.addWorksheet(safeSheetName(head.name), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${firstDataRow}`, activeCell: `A${firstDataRow}` }],
    ...pageSetup(head),
  })
  head.columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = columnWidth(c)
  })
  writeHeading(ws, head, cellOf)
  writeHeader(ws, head)
  return ws
}

async function writeSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, head: ReportHead, rows: RowSource, out: Writable, zipped: () => number): Promise<number> {
  const { firstDataRow } = layoutOf(head)
  const ws = openSheet(wb, head)

  // Rows go to the zip a turn's worth at a time, and the next turn waits until the zip and the
  // client have taken them: memory stays flat however long the sheet, and a slow client slows
  // the writer down instead of piling the file up in memory.
  const sheetStream = sheetStreamOf(ws)
  sheetStream?.cork()
  const handOver = async () => {
    if (sheetStream) {
      sheetStream.uncork()
      sheetStream.cork()
      for (const zipInput of sheetStream.pipes ?? []) await drained(zipInput, out)
    }
    await clientCaughtUp(out, zipped)
  }

  const rowXml = new RowXml(wb, ws, head, firstDataRow)
  let sinceTurn = 0
  for await (const batch of rows) {
    for (let r = 0; r < batch.rows.length; r++) {
      rowXml.add(batch.rows[r], batch.levels?.[r])
      if (++sinceTurn >= ROWS_PER_TURN) {
        sinceTurn = 0
        rowXml.flush()
        await handOver()
        await nextTurn()
        if (out.destroyed) throw new ReportAborted('the client went away')
      }
    }
  }
  rowXml.finish()
  sheetStream?.uncork()
  closeSheet(ws, head, rowXml.count)
  return rowXml.count
}

/**
 * Writes what follows `n` data rows (already in the worksheet's stream, the worksheet told where
 * they end): a document's lines below, filters, conditional formats; and commits the worksheet.
 */
export function closeSheet(ws: ExcelJS.Worksheet, head: ReportHead, n: number): void {
  const { headerRow, firstDataRow } = layoutOf(head)
  const width = head.columns.length
  const lastRow = Math.max(headerRow, firstDataRow + n - 1)
  writeFooterLines(ws, head, lastRow, cellOf)
  // A document handed to someone (a delivery slip) has no filter buttons: it is read, not sorted.
  if (!head.document) ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: lastRow, column: width } }
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
}
