/**
 * A sheet's rows as a few flat arrays instead of an array per row: numbers (dates as their Excel
 * serials) in number columns, texts as UTF-8 bytes in one buffer (a text repeated in a column is
 * kept once), and each cell's style variant. Nothing in it is a JS object per row or cell: the
 * server's heap keeps no string of it (its collections stay quick), and it goes to a sheet
 * worker without a copy (typed arrays are handed over).
 */
import type { CellValue, SheetColumn } from '../../shared/sheets/model'
import { styleVariant, type StyleUse, STYLE_VARIANTS } from './table-styles'
import { cellOf, NUMBER_TYPE, STRING_TYPE } from './xlsx-cells'
import { XmlBytes } from './xml-bytes'

/** A cell without a value (null or an empty text: no cell is written). */
export const NO_VALUE = -1
/** A cell holding a number: its value is in the column's `numbers`. */
export const NUMBER_VALUE = -2

/** Rows of one sheet, column by column. */
export interface SheetTable {
  rows: number
  /** Per column, per row: a text's number, {@link NO_VALUE} or {@link NUMBER_VALUE}. */
  cells: Int32Array[]
  /** Per column, per row: the number of a {@link NUMBER_VALUE} cell; null for a column without numbers. */
  numbers: Array<Float64Array | null>
  /** Per column, per row: the cell's style variant (table-styles.ts); null for a column whose cells all take the first. */
  variants: Array<Uint8Array | null>
  /** The texts' UTF-8 bytes, one after the other: text n from offsets[n] to offsets[n + 1]. */
  bytes: Uint8Array
  offsets: Int32Array
  /** The styles the rows use, in the order of their first use. */
  uses: StyleUse[]
}


/**
 * Rows after which a column whose texts are mostly new (lot codes, references) stops being
 * looked up: a lookup of a new text costs more than writing it again. Wrapped columns hold
 * descriptions, which repeat: they are always looked up (their lines are worked out once a text).
 */
const TRIAL_ROWS = 256

/** What of a column the table needs: its kind, and whether it wraps. */
export type TableColumn = Pick<SheetColumn, 'kind' | 'wrap'>

/** Room a sheet's first part starts with for its texts, per row: a few new texts (lot code, reference, date) of a few bytes each. */
const TEXTS_PER_ROW = 4
const TEXT_BYTES_PER_ROW = 48

/** How many texts a table holds and their bytes: what the next part of the same sheet is sized for. */
export interface TextRoom {
  texts: number
  bytes: number
}

/** A typed array twice as long, holding what `a` held. */
function grown<T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T {
  const b = make(a.length * 2)
  b.set(a)
  return b
}

/** Builds a {@link SheetTable} row by row. */
export class SheetTableBuilder {
  /** Per column, its texts seen so far; null once the column is found to repeat too little. */
  readonly #ids: Array<Map<string, number> | null>
  /** Per column, the last text and its number: a record's rows repeat their operation's reference. */
  readonly #lastText: Array<string | null>
  readonly #lastId: Int32Array
  readonly #lastVariant: Uint8Array
  /** Per text number, the variant of a text column's cell holding it (worked out once a text). */
  #textVariants: Uint8Array
  /** Per column, the last value of another kind than text (a date, a quantity) and its cell: a record's rows repeat their operation's date. */
  readonly #lastRaw: CellValue[]
  readonly #lastCell: Int32Array
  readonly #lastCellVariant: Uint8Array
  readonly #lastNumber: Float64Array
  readonly #bytes: XmlBytes
  #offsets: Int32Array
  #texts = 0
  #cells: Int32Array[]
  #numbers: Array<Float64Array | null>
  #variants: Array<Uint8Array | null>
  readonly #seen: Uint8Array
  readonly #uses: StyleUse[] = []
  #rows = 0

  readonly #kinds: Array<SheetColumn['kind']>

  /**
   * `capacity`: the rows expected; `room`: the texts expected (those of the sheet's last part, as
   * the parts of a sheet are alike). More are taken, at the cost of growing.
   */
  constructor(readonly columns: readonly TableColumn[], capacity = 1024, room?: TextRoom) {
    const width = columns.length
    this.#kinds = columns.map((c) => c.kind)
    this.#lastText = Array.from({ length: width }, () => null)
    this.#lastId = new Int32Array(width)
    this.#lastVariant = new Uint8Array(width)
    this.#lastRaw = Array.from({ length: width }, () => undefined as unknown as CellValue)
    this.#lastCell = new Int32Array(width)
    this.#lastCellVariant = new Uint8Array(width)
    this.#lastNumber = new Float64Array(width)
    // Allocated once at their size: every array allocated is memory outside the heap that
    // hastens the server's next full collection of its heap.
    this.#ids = Array.from({ length: width }, () => new Map())
    // Sized for what is expected and a little more: a part's arrays are what the export allocates
    // most of, and every 64 MB allocated outside the heap sets off a full collection of the server's.
    const texts = room ? Math.ceil(room.texts * 1.125) + 1 : capacity * TEXTS_PER_ROW
    this.#bytes = new XmlBytes(room ? Math.ceil(room.bytes * 1.125) : capacity * TEXT_BYTES_PER_ROW)
    this.#offsets = new Int32Array(texts)
    this.#textVariants = new Uint8Array(texts)
    this.#cells = Array.from({ length: width }, () => new Int32Array(Math.max(1, capacity)))
    this.#numbers = Array.from({ length: width }, () => null)
    this.#variants = Array.from({ length: width }, () => null)
    this.#seen = new Uint8Array(width * STYLE_VARIANTS)
  }

  get rows(): number {
    return this.#rows
  }

  /** Adds a row, its values in the columns' order (missing ones empty). */
  add(values: readonly CellValue[]): void {
    const r = this.#rows++
    if (r === this.#cells[0].length) this.#grow()
    if (r === TRIAL_ROWS) this.#stopLookingUp()
    const kinds = this.#kinds
    for (let i = 0; i < kinds.length; i++) {
      const raw = values[i] ?? null
      let cell = NO_VALUE
      let variant = 0
      if (typeof raw === 'string' && raw !== '' && kinds[i] === 'text') {
        // A text's variant is its text's: worked out when the text is new.
        cell = this.#text(i, raw)
        variant = this.#lastVariant[i]
      } else if (raw !== null && raw === this.#lastRaw[i]) {
        // The same value as the column's last cell: the same cell, its first use already noted.
        cell = this.#lastCell[i]
        variant = this.#lastCellVariant[i]
        if (cell === NUMBER_VALUE) (this.#numbers[i] ??= new Float64Array(this.#cells[i].length))[r] = this.#lastNumber[i]
      } else {
        const value = cellOf(raw, kinds[i])
        if (value !== undefined) {
          variant = styleVariant(kinds[i], raw!, value)
          if (typeof value === 'number') {
            cell = NUMBER_VALUE
            const numbers = (this.#numbers[i] ??= new Float64Array(this.#cells[i].length))
            numbers[r] = value
          } else {
            cell = this.#text(i, value)
          }
          this.#use(i, variant, typeof value === 'string' ? STRING_TYPE : NUMBER_TYPE)
          this.#lastRaw[i] = raw
          this.#lastCell[i] = cell
          this.#lastCellVariant[i] = variant
          if (typeof value === 'number') this.#lastNumber[i] = value
        }
      }
      if (variant) (this.#variants[i] ??= new Uint8Array(this.#cells[i].length))[r] = variant
      this.#cells[i][r] = cell
    }
  }

  /** The table (its arrays may be longer than its rows: they are not copied). */
  finish(): SheetTable {
    this.#offsets[this.#texts] = this.#bytes.length
    return {
      rows: this.#rows, cells: this.#cells, numbers: this.#numbers, variants: this.#variants,
      bytes: this.#bytes.finish(), offsets: this.#offsets.subarray(0, this.#texts + 1), uses: this.#uses,
    }
  }

  /** Notes the first use of column `i`'s `variant`. */
  #use(i: number, variant: number, type: number): void {
    const key = i * STYLE_VARIANTS + variant
    if (this.#seen[key]) return
    this.#seen[key] = 1
    this.#uses.push({ column: i, variant, type })
  }

  /**
   * The number of `text` in column `i`: the one it had if the column repeats, else a new one;
   * the text's style variant in #lastVariant.
   */
  #text(i: number, text: string): number {
    if (text === this.#lastText[i]) return this.#lastId[i]
    const ids = this.#ids[i]
    const id = ids?.get(text)
    if (id !== undefined) return this.#remember(i, text, id)
    const n = this.#texts++
    // One more than the texts: the end of the last.
    if (n + 1 >= this.#offsets.length) {
      this.#offsets = grown(this.#offsets, (k) => new Int32Array(k))
      this.#textVariants = grown(this.#textVariants, (k) => new Uint8Array(k))
    }
    if (this.#kinds[i] === 'text') {
      // A text column's cell is its text: its variant, quoted or not, is the text's.
      const variant = styleVariant('text', text, text)
      this.#textVariants[n] = variant
      this.#use(i, variant, STRING_TYPE)
    }
    this.#offsets[n] = this.#bytes.length
    this.#bytes.utf8(text)
    ids?.set(text, n)
    return this.#remember(i, text, n)
  }

  #remember(i: number, text: string, id: number): number {
    if (this.#kinds[i] === 'text') this.#lastVariant[i] = this.#textVariants[id]
    this.#lastText[i] = text
    this.#lastId[i] = id
    return id
  }

  #stopLookingUp(): void {
    this.#ids.forEach((ids, i) => {
      if (ids && !this.columns[i].wrap && ids.size > TRIAL_ROWS / 4) this.#ids[i] = null
    })
  }

  #grow(): void {
    this.#cells = this.#cells.map((c) => grown(c, (n) => new Int32Array(n)))
    this.#numbers = this.#numbers.map((n) => n && grown(n, (k) => new Float64Array(k)))
    this.#variants = this.#variants.map((v) => v && grown(v, (n) => new Uint8Array(n)))
  }
}

/** Rows a part of a sheet holds: parts are what the sheet workers take one at a time. */
export const PART_ROWS = 50_000

/** A sheet's rows cut into tables of up to `partRows` rows, each with its own texts, taken as they fill. */
export class SheetParts {
  #parts: SheetTable[] = []
  #builder: SheetTableBuilder
  #rows = 0

  constructor(readonly columns: readonly TableColumn[], readonly partRows = PART_ROWS) {
    this.#builder = new SheetTableBuilder(columns, partRows)
  }

  /** Rows added so far. */
  get rows(): number {
    return this.#rows
  }

  add(values: readonly CellValue[]): void {
    if (this.#builder.rows === this.partRows) {
      const part = this.#builder.finish()
      this.#parts.push(part)
      this.#builder = new SheetTableBuilder(this.columns, this.partRows, { texts: part.offsets.length - 1, bytes: part.offsets[part.offsets.length - 1] })
    }
    this.#builder.add(values)
    this.#rows++
  }

  /** The parts filled since the last take; with `last`, the one being filled too (nothing is added after). */
  take(last = false): SheetTable[] {
    if (last && this.#builder.rows) this.#parts.push(this.#builder.finish())
    const parts = this.#parts
    this.#parts = []
    return parts
  }
}
