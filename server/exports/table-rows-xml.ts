/**
 * The data rows of a {@link SheetTable} as the XML RowXml writes for the same values (and so
 * exceljs 4.4), made in a sheet worker, away from the server's thread. Without exceljs: the
 * style ids are given, registered beforehand in the order the rows first use them
 * (xlsx-skeleton.ts). The table's texts are escaped once, as bytes: in UTF-8 the characters XML
 * escapes are single bytes that no other character's bytes contain. A row is measured first,
 * then written straight into the output's room: each byte is copied once.
 */
import { wrappedLines } from '../../shared/sheets/fit'
import { columnLetter } from '../../shared/xlsx'
import { NO_VALUE, NUMBER_VALUE, type SheetTable } from './sheet-table'
import { STYLE_VARIANTS } from './table-styles'
import { CELL_END, xmlText } from './xlsx-cells'
import { LINE_HEIGHT } from './xlsx-layout'
import type { XmlBytes } from './xml-bytes'

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

const ROW_START = Buffer.from('<row r="')
const ROW_END = Buffer.from('</row>')
/** Bytes a row's markup takes at most, and a cell's besides its text (a number's digits included). */
const ROW_MARKUP = 128
const CELL_MARKUP = 96

/** Copies `src` from `start` to `end` into `dst` at `at`; returns where it ends. */
function copy(src: Buffer, start: number, end: number, dst: Buffer, at: number): number {
  if (end - start > 32) return at + src.copy(dst, at, start, end)
  for (let i = start; i < end; i++) dst[at++] = src[i]
  return at
}

/** Writes ASCII `text` into `dst` at `at`; returns where it ends. */
function ascii(text: string, dst: Buffer, at: number): number {
  for (let i = 0; i < text.length; i++) dst[at++] = text.charCodeAt(i)
  return at
}

/** Writes rows of one table; `ids` holds the style id of each column's variants (-1: not registered). */
export class TableRowsXml {
  readonly #opens: Buffer[]
  readonly #tails: Array<CellTails | null>
  /** Per wrapped column, the lines each of the table's texts takes in it (0: not worked out yet). */
  readonly #lines: Array<Uint16Array | null>
  /** The table's texts escaped: text n from #textAt[n] to #textAt[n + 1]. */
  readonly #text: Buffer
  readonly #textAt: Int32Array
  /** The table's texts as they are (UTF-8), where the wrapped ones are read to count their lines. */
  readonly #raw: Buffer
  /** What follows a row's number in its opening tag, by its lines and the span of its cells. */
  readonly #rowTails = new Map<number, Buffer>()
  /** Per column, its last number and that number's text: a record's rows repeat their operation's date. */
  readonly #lastNumber: Float64Array
  readonly #lastNumberText: string[]
  /** The digits of the row being written. */
  readonly #ref = Buffer.alloc(16)
  #refLength = 0

  constructor(readonly table: SheetTable, readonly columns: TableColumns, readonly ids: Int32Array, readonly firstRow: number) {
    this.#opens = columns.widths.map((_, i) => Buffer.from(`<c r="${columnLetter(i + 1)}`))
    this.#tails = Array.from(ids, (id) => {
      if (id < 0) return null
      const s = id ? ` s="${id}"` : ''
      return { text: Buffer.from(`"${s} t="str"><v>`), number: Buffer.from(`"${s}><v>`) }
    })
    const texts = table.offsets.length - 1
    this.#lines = columns.wraps.map((wrap) => (wrap ? new Uint16Array(Math.max(0, texts)) : null))
    this.#raw = Buffer.from(table.bytes.buffer, table.bytes.byteOffset, table.bytes.byteLength)
    ;[this.#text, this.#textAt] = escapedTexts(table, this.#raw)
    this.#lastNumber = new Float64Array(columns.widths.length).fill(Number.NaN)
    this.#lastNumberText = columns.widths.map(() => '')
  }

  /** Appends the XML of the rows from `from` up to `to` (0-based, of the table) to `xml`. */
  write(xml: XmlBytes, from: number, to: number): void {
    const { cells, numbers, variants } = this.table
    const width = cells.length
    const text = this.#text
    const textAt = this.#textAt
    for (let t = from; t < to; t++) {
      // Measured first: the row's tag holds its height and the span of its cells.
      let min = 0
      let max = 0
      let lines = 1
      let room = ROW_MARKUP
      for (let i = 0; i < width; i++) {
        const cell = cells[i][t]
        if (cell === NO_VALUE) continue
        if (!min) min = i + 1
        max = i + 1
        room += CELL_MARKUP
        if (cell === NUMBER_VALUE) continue
        room += textAt[cell + 1] - textAt[cell]
        if (this.#lines[i]) lines = Math.max(lines, this.#linesOf(i, cell))
      }
      // As RowXml: a row without values is left out (it has no height either: heights come from texts).
      if (!min) continue
      const r = this.firstRow + t
      this.#setRef(r)
      const buf = xml.reserve(room)
      let at = copy(ROW_START, 0, ROW_START.length, buf, xml.length)
      at = copy(this.#ref, 0, this.#refLength, buf, at)
      const rowTail = this.#rowTail(lines, min, max)
      at = copy(rowTail, 0, rowTail.length, buf, at)
      for (let i = min - 1; i < max; i++) {
        const cell = cells[i][t]
        if (cell === NO_VALUE) continue
        const tails = this.#tails[i * STYLE_VARIANTS + (variants[i]?.[t] ?? 0)]
        if (!tails) throw new Error(`row ${r}, column ${i + 1}: its style was not registered`)
        const open = this.#opens[i]
        at = copy(open, 0, open.length, buf, at)
        at = copy(this.#ref, 0, this.#refLength, buf, at)
        if (cell === NUMBER_VALUE) {
          at = copy(tails.number, 0, tails.number.length, buf, at)
          at = ascii(this.#numberText(i, numbers[i]![t]), buf, at)
        } else {
          at = copy(tails.text, 0, tails.text.length, buf, at)
          at = copy(text, textAt[cell], textAt[cell + 1], buf, at)
        }
        at = copy(CELL_END, 0, CELL_END.length, buf, at)
      }
      at = copy(ROW_END, 0, ROW_END.length, buf, at)
      xml.commit(at)
    }
  }

  #setRef(r: number): void {
    this.#refLength = ascii(String(r), this.#ref, 0)
  }

  #numberText(column: number, value: number): string {
    if (value !== this.#lastNumber[column]) {
      this.#lastNumber[column] = value
      this.#lastNumberText[column] = String(value)
    }
    return this.#lastNumberText[column]
  }

  /** `"` and what follows a row's number in its tag: its height when it wraps, the span of its cells. */
  #rowTail(lines: number, min: number, max: number): Buffer {
    const key = (lines * 0x4000 + min) * 0x4000 + max
    let tail = this.#rowTails.get(key)
    if (!tail) {
      const height = lines > 1 ? ` ht="${lines * LINE_HEIGHT}" customHeight="1"` : ''
      this.#rowTails.set(key, (tail = Buffer.from(`"${height} spans="${min}:${max}" x14ac:dyDescent="0.25">`)))
    }
    return tail
  }

  /** Lines text `n` takes in wrapped column `column`. */
  #linesOf(column: number, n: number): number {
    const kept = this.#lines[column]!
    if (!kept[n]) {
      const text = this.#raw.toString('utf8', this.table.offsets[n], this.table.offsets[n + 1])
      kept[n] = Math.min(0xffff, wrappedLines(text, this.columns.widths[column]))
    }
    return kept[n]
  }
}

/** The table's texts as XML character data, and where each starts: its own bytes when none needs escaping. */
function escapedTexts(table: SheetTable, bytes: Buffer): [Buffer, Int32Array] {
  const { offsets } = table
  const end = offsets[offsets.length - 1] ?? 0
  let grows = 0
  let escapes = 0
  for (let i = 0; i < end; i++) {
    const escape = ESCAPES[bytes[i]]
    if (escape === undefined) continue
    grows += escape.length - 1
    escapes++
  }
  if (!escapes) return [bytes, offsets]
  const out = Buffer.allocUnsafe(end + grows)
  const at = new Int32Array(offsets.length)
  let o = 0
  for (let n = 0; n < offsets.length - 1; n++) {
    at[n] = o
    for (let i = offsets[n]; i < offsets[n + 1]; i++) {
      const escape = ESCAPES[bytes[i]]
      if (escape === undefined) out[o++] = bytes[i]
      else o += escape.copy(out, o)
    }
  }
  at[offsets.length - 1] = o
  return [out.subarray(0, o), at]
}
