/**
 * A report's data rows as the XML exceljs 4.4's streaming writer makes of them (the same bytes:
 * row and cell attributes, style ids, escaping), written straight into the worksheet's stream.
 * exceljs builds a row object, a cell object per value and an XML stream per row, which cost more
 * than everything else an export does; the rows of a report are plain values with a style per
 * column, so their XML is written here straight into bytes, a turn's rows at a time. Title, header and what follows the
 * rows are still exceljs's. Reaches into exceljs 4.4 internals, checked when a sheet starts.
 */
import type ExcelJS from 'exceljs'
import { isIsoMonth } from '../../shared/dates'
import { looksLikeFormula } from '../../shared/formula-text'
import { wrappedLines } from '../../shared/sheets/fit'
import type { CellKind, CellValue } from '../../shared/sheets/model'
import { columnLetter } from '../../shared/xlsx'
import { quoted } from './quote-prefix'
import { CELL_END, cellOf, NUMBER_TYPE, STRING_TYPE, xmlText, type WrappedText } from './xlsx-cells'
import { columnStyles, LINE_HEIGHT, type ReportHead } from './xlsx-layout'
import { XmlBytes } from './xml-bytes'

/** What of exceljs's streaming worksheet and workbook the rows are written through. */
interface SheetInternals {
  stream: { write(data: Buffer): unknown }
  _rowZero: number
  _rows: unknown[] | null
}
interface StyleTable {
  addStyleModel(style: Partial<ExcelJS.Style>, cellType: number): number
}

/** What follows a cell's reference, by its style id: the end of an empty cell, the start of a text's or a number's value. */
interface CellTails {
  empty: Buffer
  text: Buffer
  number: Buffer
}

/**
 * Wrapped columns hold descriptions (places, products, what a record lacks), which repeat from
 * row to row: their lines and bytes are kept per column, up to this many texts.
 */
const TEXTS_KEPT = 10_000

/** The data rows of one sheet, from `firstRow` on, each cell styled by its column. */
export class RowXml {
  readonly #sheet: SheetInternals
  readonly #table: StyleTable
  readonly #ids = new Map<Partial<ExcelJS.Style>, number>()
  /** `<c r="E` of each column. */
  readonly #opens: Buffer[]
  readonly #tails = new Map<number, CellTails>()
  readonly #kinds: CellKind[]
  readonly #wraps: Array<Map<string, WrappedText> | null>
  readonly #widths: number[]
  readonly #indent: number | undefined
  // One style object per column (and per indentation level), shared by its cells: exceljs looks
  // a style object up once. A style is never changed once shared.
  readonly #styles: Array<Partial<ExcelJS.Style>>
  readonly #dateOnly: Array<Partial<ExcelJS.Style>>
  readonly #month: Array<Partial<ExcelJS.Style>>
  readonly #quoted = new Map<Partial<ExcelJS.Style>, Partial<ExcelJS.Style>>()
  readonly #levels = new Map<number, Partial<ExcelJS.Style>>()
  readonly #first: number
  readonly #xml = new XmlBytes()
  /** The cells of the row being added. */
  readonly #row = new XmlBytes()
  #next: number

  constructor(wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet, head: Pick<ReportHead, 'columns' | 'indentColumn'>, firstRow: number) {
    const sheet = ws as unknown as Partial<SheetInternals>
    const table = (wb as unknown as { styles?: Partial<StyleTable> }).styles
    if (typeof sheet.stream?.write !== 'function' || typeof sheet._rowZero !== 'number' || !Array.isArray(sheet._rows) || typeof table?.addStyleModel !== 'function') {
      throw new Error('exceljs\'s streaming worksheet is not as this writer knows it (4.4): its rows cannot be written')
    }
    if (sheet._rowZero !== firstRow || sheet._rows.length > 0) throw new Error(`rows before ${firstRow} are not committed yet`)
    this.#sheet = sheet as SheetInternals
    this.#table = table as StyleTable
    const { columns } = head
    this.#opens = columns.map((_, i) => Buffer.from(`<c r="${columnLetter(i + 1)}`))
    this.#kinds = columns.map((c) => c.kind)
    this.#wraps = columns.map((c) => (c.wrap ? new Map() : null))
    this.#widths = columns.map((c) => c.width)
    this.#indent = head.indentColumn
    ;({ styles: this.#styles, dateOnly: this.#dateOnly, month: this.#month } = columnStyles(columns))
    this.#first = firstRow
    this.#next = firstRow
  }

  /** Rows added so far. */
  get count(): number {
    return this.#next - this.#first
  }

  /** Adds a row of `source` (in the columns' order), its first text cell indented by `level` where the report indents. */
  add(source: readonly CellValue[], level = 0): void {
    const r = this.#next++
    const indent = level > 0 ? this.#indent : undefined
    const row = this.#row
    row.clear()
    let min = 0
    let max = 0
    let lines = 1
    let values = false
    const ref = String(r)
    for (let i = 0; i < this.#kinds.length; i++) {
      const raw = source[i] ?? null
      const value = cellOf(raw, this.#kinds[i])
      const wrap = this.#wraps[i]
      const text = wrap && typeof raw === 'string' ? this.#wrapped(wrap, raw, this.#widths[i]) : null
      if (text) lines = Math.max(lines, text.lines)
      if (value === undefined && i !== indent) continue
      // A date-time at midnight is a date given without a time: it shows as the date alone; a
      // month-only date (a month-only expiry) shows as its month.
      let style = i === indent ? this.#level(level) : this.#kinds[i] === 'datetime' && Number.isInteger(value) ? this.#dateOnly[i]
        : this.#kinds[i] === 'date' && isIsoMonth(raw) ? this.#month[i] : this.#styles[i]
      if (looksLikeFormula(value)) style = this.#quotedOf(style)
      const id = this.#id(style, typeof value === 'string' ? STRING_TYPE : NUMBER_TYPE)
      if (value === undefined && !id) continue
      if (!min) min = i + 1
      max = i + 1
      // <c r="E12" s="6" t="str"><v>text</v></c>, its constant pieces made once.
      row.bytes(this.#opens[i])
      row.ascii(ref)
      const tails = this.#tailsOf(id)
      if (value === undefined) {
        row.bytes(tails.empty)
        continue
      }
      values = true
      if (typeof value === 'string') {
        row.bytes(tails.text)
        if (text) row.bytes(text.xml)
        else row.utf8(xmlText(value))
      } else {
        row.bytes(tails.number)
        row.ascii(String(value))
      }
      row.bytes(CELL_END)
    }
    const height = lines > 1 ? ` ht="${lines * LINE_HEIGHT}" customHeight="1"` : ''
    // exceljs leaves out a row without values or height.
    if (!values && !height) return
    const spans = min ? ` spans="${min}:${max}"` : ''
    if (row.length === 0) {
      this.#xml.ascii(`<row r="${r}"${height} x14ac:dyDescent="0.25"/>`)
      return
    }
    // The row's attributes are known once its cells are: they go before the cells' bytes.
    this.#xml.ascii(`<row r="${r}"${height}${spans} x14ac:dyDescent="0.25">`)
    this.#xml.append(row)
    this.#xml.ascii('</row>')
  }

  /** Hands the rows added so far to the worksheet's stream. */
  flush(): void {
    // A Buffer: exceljs converts a string again each time it measures or copies it.
    if (this.#xml.length) this.#sheet.stream.write(this.#xml.take())
  }

  /** Flushes, and lets exceljs write the rows after these (a document's lines below) where they belong. */
  finish(): void {
    this.flush()
    this.#sheet._rowZero = this.#next
  }

  #tailsOf(id: number): CellTails {
    let tails = this.#tails.get(id)
    if (!tails) {
      const s = id ? ` s="${id}"` : ''
      this.#tails.set(id, (tails = { empty: Buffer.from(`"${s}/>`), text: Buffer.from(`"${s} t="str"><v>`), number: Buffer.from(`"${s}><v>`) }))
    }
    return tails
  }

  #quotedOf(style: Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
    let q = this.#quoted.get(style)
    if (!q) this.#quoted.set(style, (q = quoted(style)))
    return q
  }

  #level(level: number): Partial<ExcelJS.Style> {
    let style = this.#levels.get(level)
    if (!style) this.#levels.set(level, (style = { ...this.#styles[this.#indent!], alignment: { horizontal: 'left', vertical: 'top', indent: Math.min(level, 15) } }))
    return style
  }

  #id(style: Partial<ExcelJS.Style>, type: number): number {
    let id = this.#ids.get(style)
    if (id === undefined) this.#ids.set(style, (id = this.#table.addStyleModel(style, type)))
    return id
  }

  #wrapped(kept: Map<string, WrappedText>, text: string, width: number): WrappedText {
    let found = kept.get(text)
    if (found === undefined) {
      found = { lines: wrappedLines(text, width), xml: Buffer.from(xmlText(text)) }
      if (kept.size >= TEXTS_KEPT) kept.clear()
      kept.set(text, found)
    }
    return found
  }

}
