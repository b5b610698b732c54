/**
 * The data rows of a {@link SheetTable} as the XML RowXml writes for the same values (and so
 * exceljs 4.4), made in a sheet worker, away from the server's thread. Without exceljs: the
 * style ids are given, registered beforehand in the order the rows first use them
 * (xlsx-skeleton.ts). Texts are escaped as bytes: in UTF-8 the characters XML escapes are single
 * bytes that no other character's bytes contain.
 */
import { wrappedLines } from '../../shared/sheets/fit'
import { columnLetter } from '../../shared/xlsx'
import { NO_VALUE, NUMBER_VALUE, type SheetTable } from './sheet-table'
import { STYLE_VARIANTS } from './table-styles'
import { CELL_END, xmlText, type WrappedText } from './xlsx-cells'
import { LINE_HEIGHT } from './xlsx-layout'
import { XmlBytes } from './xml-bytes'

/** The columns as the rows' XML needs them: which wrap, at what width (the spec's). */
export interface TableColumns {
  widths: number[]
  wraps: boolean[]
}

/** What follows a cell's reference, by style: the start of a text's value, or of a number's. */
interface CellTails {
  text: Buffer
  number: Buffer
}

/** What each byte turns into in XML text: itself (undefined), an entity, or nothing (control characters, as exceljs drops them). */
const ESCAPES: Array<Buffer | undefined> = Array.from({ length: 256 }, (_, byte) => {
  if (byte >= 0x80) return undefined
  const ch = String.fromCharCode(byte)
  const xml = xmlText(ch)
  return xml === ch ? undefined : Buffer.from(xml)
})

/** Writes rows of one table; `ids` holds the style id of each column's variants (-1: not registered). */
export class TableRowsXml {
  readonly #opens: Buffer[]
  readonly #tails: Array<CellTails | null>
  /** Per wrapped column, what each of the table's texts takes in it. */
  readonly #wrapped: Array<Array<WrappedText | undefined> | null>
  readonly #bytes: Buffer

  constructor(readonly table: SheetTable, readonly columns: TableColumns, readonly ids: Int32Array, readonly firstRow: number) {
    this.#opens = columns.widths.map((_, i) => Buffer.from(`<c r="${columnLetter(i + 1)}`))
    this.#tails = Array.from(ids, (id) => {
      if (id < 0) return null
      const s = id ? ` s="${id}"` : ''
      return { text: Buffer.from(`"${s} t="str"><v>`), number: Buffer.from(`"${s}><v>`) }
    })
    // Sized at once: an array filled at scattered indices would turn into a slow dictionary.
    this.#wrapped = columns.wraps.map((wrap) => (wrap ? new Array<WrappedText | undefined>(table.offsets.length).fill(undefined) : null))
    const { bytes } = table
    this.#bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  /** Appends the XML of the rows from `from` up to `to` (0-based, of the table) to `xml`. */
  write(xml: XmlBytes, from: number, to: number, row = new XmlBytes()): void {
    const { cells, numbers, variants } = this.table
    const width = cells.length
    for (let t = from; t < to; t++) {
      const r = this.firstRow + t
      const ref = String(r)
      row.clear()
      let min = 0
      let max = 0
      let lines = 1
      for (let i = 0; i < width; i++) {
        const cell = cells[i][t]
        if (cell === NO_VALUE) continue
        const tails = this.#tails[i * STYLE_VARIANTS + (variants[i]?.[t] ?? 0)]
        if (!tails) throw new Error(`row ${r}, column ${i + 1}: its style was not registered`)
        if (!min) min = i + 1
        max = i + 1
        row.bytes(this.#opens[i])
        row.ascii(ref)
        if (cell === NUMBER_VALUE) {
          row.bytes(tails.number)
          row.ascii(String(numbers[i]![t]))
        } else {
          row.bytes(tails.text)
          const wrap = this.#wrapped[i]
          if (wrap) {
            const text = this.#wrappedText(wrap, cell, i)
            if (text.lines > lines) lines = text.lines
            row.bytes(text.xml)
          } else {
            this.#escaped(row, cell)
          }
        }
        row.bytes(CELL_END)
      }
      const height = lines > 1 ? ` ht="${lines * LINE_HEIGHT}" customHeight="1"` : ''
      // As RowXml: a row without values is left out (it has no height either: heights come from texts).
      if (row.length === 0) continue
      xml.ascii(`<row r="${r}"${height} spans="${min}:${max}" x14ac:dyDescent="0.25">`)
      xml.append(row)
      xml.ascii('</row>')
    }
  }

  /** Text `n`'s bytes, escaped for XML. */
  #escaped(out: XmlBytes, n: number): void {
    const bytes = this.#bytes
    const end = this.table.offsets[n + 1]
    let from = this.table.offsets[n]
    for (let i = from; i < end; i++) {
      const escape = ESCAPES[bytes[i]]
      if (escape === undefined) continue
      out.range(bytes, from, i)
      out.bytes(escape)
      from = i + 1
    }
    out.range(bytes, from, end)
  }

  #wrappedText(kept: Array<WrappedText | undefined>, n: number, column: number): WrappedText {
    let found = kept[n]
    if (found === undefined) {
      const text = this.#bytes.toString('utf8', this.table.offsets[n], this.table.offsets[n + 1])
      kept[n] = found = { lines: wrappedLines(text, this.columns.widths[column]), xml: Buffer.from(xmlText(text)) }
    }
    return found
  }
}
