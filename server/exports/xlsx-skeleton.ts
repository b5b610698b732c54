/**
 * A workbook without its data rows, as exceljs writes it: each sheet's XML up to its rows (head)
 * and from after them (tail), and every other part (styles, workbook, relations). The rows are
 * made elsewhere (the sheet workers) and put between head and tail: exceljs writes the
 * workbook's look, as for every other report, and the rows' style ids are registered here in
 * the order the rows first use them, so that each is the id exceljs would have given.
 */
import { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { quoted } from './quote-prefix'
import { storedEntries } from './stored-zip'
import { STYLE_VARIANTS, type StyleUse } from './table-styles'
import { columnStyles, layoutOf, type ReportHead } from './xlsx-layout'
import { closeSheet, openSheet } from './xlsx-stream'

/** A sheet of the skeleton: what is above and below its rows, how many rows it has, and the styles they use. */
export interface SkeletonSheet {
  head: ReportHead
  rows: number
  /** The styles the rows use, in the order of their first use (table-styles.ts). */
  uses: readonly StyleUse[]
}

/** A part of the workbook: written as it is, or a sheet whose rows go between `head` and `tail`. */
export type SkeletonPart = { name: string; data: Buffer } | { name: string; sheet: number; head: Buffer; tail: Buffer }

export interface Skeleton {
  parts: SkeletonPart[]
  /** Per sheet: the style id of each column's variants (column · STYLE_VARIANTS + variant), -1 where the rows use none. */
  ids: Int32Array[]
}

/** exceljs's style table, inside its streaming workbook (4.4). */
interface StyleTable {
  addStyleModel(style: Partial<ExcelJS.Style>, cellType: number): number
}

/** Where a sheet's rows go, in its XML: a comment no cell can hold (cells' text is escaped). */
const rowsMark = (sheet: number) => `<!--rows of sheet ${sheet}-->`

/** Registers the styles `uses` names, in order, as the rows' writer would have on first use. */
function registerStyles(table: StyleTable, head: ReportHead, uses: readonly StyleUse[]): Int32Array {
  const { styles, dateOnly, month } = columnStyles(head.columns)
  const bases = [styles, dateOnly, month]
  const ids = new Int32Array(head.columns.length * STYLE_VARIANTS).fill(-1)
  for (const { column, variant, type } of uses) {
    const base = bases[variant % bases.length][column]
    ids[column * STYLE_VARIANTS + variant] = table.addStyleModel(variant >= bases.length ? quoted(base) : base, type)
  }
  return ids
}

/** The workbook of `sheets`, in order, without their rows. */
export async function workbookSkeleton(sheets: readonly SkeletonSheet[]): Promise<Skeleton> {
  const chunks: Buffer[] = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk)
      done()
    },
  })
  // Stored, not compressed: the parts are read back from it, and compressed with the rows.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false, zip: { store: true } })
  wb.creator = 'lotledger'
  const table = (wb as unknown as { styles?: Partial<StyleTable> }).styles
  if (typeof table?.addStyleModel !== 'function') throw new Error('exceljs\'s streaming workbook is not as this writer knows it (4.4): no style table')
  const ids: Int32Array[] = []
  sheets.forEach((sheet, i) => {
    const ws = openSheet(wb, sheet.head)
    const internals = ws as unknown as { stream?: { write(data: Buffer): unknown }; _rowZero?: number }
    if (typeof internals.stream?.write !== 'function' || internals._rowZero !== layoutOf(sheet.head).firstDataRow) {
      throw new Error('exceljs\'s streaming worksheet is not as this writer knows it (4.4): its rows cannot be placed')
    }
    ids.push(registerStyles(table as StyleTable, sheet.head, sheet.uses))
    internals.stream.write(Buffer.from(rowsMark(i)))
    // As after rows written into the worksheet: what follows them goes below the last.
    internals._rowZero += sheet.rows
    closeSheet(ws, sheet.head, sheet.rows)
  })
  const finished = new Promise<void>((resolve, reject) => {
    sink.once('finish', resolve)
    sink.once('error', reject)
  })
  await wb.commit()
  await finished
  const parts = storedEntries(Buffer.concat(chunks)).map((entry): SkeletonPart => {
    const sheet = sheets.findIndex((_, i) => entry.data.includes(rowsMark(i)))
    if (sheet < 0) return entry
    const mark = Buffer.from(rowsMark(sheet))
    const at = entry.data.indexOf(mark)
    return { name: entry.name, sheet, head: entry.data.subarray(0, at), tail: entry.data.subarray(at + mark.length) }
  })
  return { parts, ids }
}
