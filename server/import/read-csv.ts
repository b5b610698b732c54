/**
 * Reading a CSV to import: comma, semicolon or TAB separated (told by the header line), quoted
 * fields with "" escapes and line breaks inside quotes, a UTF-8 BOM, CRLF or LF. The text is
 * read in one pass, fields cut out of it as slices. A line (one row, line breaks inside quotes
 * included) is at most CSV_MAX_LINE_CHARS characters, a field at most what a cell holds in
 * Excel, a row at most Excel's last column wide, and rows stop at Excel's last row: beyond that
 * the file is refused (`unreadable_file`), quoting no more than the start of what was too long.
 */
import type { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import type { RawCell } from '../../shared/import/values'
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS } from '../../shared/xlsx'
import { Breather } from './breather'
import { excerpt } from './excerpt'
import { CSV_MAX_LINE_CHARS } from './limits'
import { HEADER_SEARCH_ROWS, RowCollector, type ImportTable } from './table'
import { unreadable } from './unreadable'

/** The separator of a header line: the one of `,` `;` TAB found most often outside quotes. */
export function detectSeparator(line: string): string {
  let quoted = false
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]])
  for (const ch of line) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1)
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0]
}

const QUOTE = 0x22
const LF = 0x0a
const CR = 0x0d
const BOM = /^\uFEFF/
const n = (x: number) => x.toLocaleString('en-US')

/** Splits CSV text into rows of fields, fed in chunks of any size. */
class CsvParser {
  #sep = -1
  /** Text before the first line break: the separator is told from it. */
  #pending = ''
  /** Pieces of the field being read (slices of the text, joined when it ends). */
  #pieces: string[] = []
  #fieldChars = 0
  #row: string[] = []
  #rowChars = 0
  #quoted = false
  #afterQuote = false
  /** The physical line being read, and the one the row being read started on. */
  #line = 1
  #rowLine = 1
  readonly #file: string
  readonly #onRow: (fields: string[], line: number) => void

  constructor(file: string, onRow: (fields: string[], line: number) => void) {
    this.#file = file
    this.#onRow = onRow
  }

  feed(text: string): void {
    if (this.#sep === -1) {
      this.#pending += text
      const nl = this.#pending.indexOf('\n')
      if (nl === -1) {
        if (this.#pending.length > CSV_MAX_LINE_CHARS) this.#lineTooLong(this.#pending)
        return
      }
      text = this.#pending.replace(BOM, '')
      this.#pending = ''
      this.#sep = detectSeparator(text.slice(0, Math.min(text.indexOf('\n'), CSV_MAX_LINE_CHARS + 1))).charCodeAt(0)
    }
    this.#scan(text)
  }

  end(): void {
    if (this.#sep === -1 && this.#pending) {
      const text = this.#pending.replace(BOM, '')
      this.#pending = ''
      this.#sep = detectSeparator(text).charCodeAt(0)
      this.#scan(text)
    }
    if (this.#fieldChars > 0 || this.#pieces.length || this.#row.length) this.#endRow()
  }

  #scan(text: string): void {
    const sep = this.#sep
    const length = text.length
    let i = 0
    while (i < length) {
      if (this.#quoted) {
        const close = text.indexOf('"', i)
        const end = close === -1 ? length : close
        this.#take(text, i, end)
        for (let nl = text.indexOf('\n', i); nl !== -1 && nl < end; nl = text.indexOf('\n', nl + 1)) this.#line++
        if (close === -1) return
        i = close + 1
        this.#quoted = false
        this.#afterQuote = true
        continue
      }
      if (this.#afterQuote) {
        this.#afterQuote = false
        // "" inside a quoted field is one quote.
        if (text.charCodeAt(i) === QUOTE) {
          this.#take('"', 0, 1)
          this.#quoted = true
          i++
          continue
        }
      }
      let j = i
      for (; j < length; j++) {
        const c = text.charCodeAt(j)
        if (c === sep || c === LF || c === CR || c === QUOTE) break
      }
      if (j > i) this.#take(text, i, j)
      if (j === length) return
      const c = text.charCodeAt(j)
      i = j + 1
      this.#count(1)
      if (c === QUOTE) this.#quoted = true
      else if (c === sep) this.#endField()
      else if (c === LF) {
        this.#endRow()
        this.#line++
        this.#rowLine = this.#line
      }
      // A CR outside quotes is dropped (CRLF line ends).
    }
  }

  /** Adds text[from, to) to the field being read. */
  #take(text: string, from: number, to: number): void {
    this.#pieces.push(from === 0 && to === text.length ? text : text.slice(from, to))
    this.#fieldChars += to - from
    if (this.#fieldChars > MAX_CELL_CHARS) {
      throw unreadable(this.#file, `line ${n(this.#rowLine)} has a field longer than the ${n(MAX_CELL_CHARS)} characters a cell holds (it starts "${excerpt(this.#pieces[0])}")`)
    }
    this.#count(to - from)
  }

  #count(chars: number): void {
    this.#rowChars += chars
    if (this.#rowChars > CSV_MAX_LINE_CHARS) this.#lineTooLong(this.#row[0] ?? this.#pieces[0] ?? '')
  }

  #lineTooLong(start: string): never {
    throw unreadable(this.#file, `line ${n(this.#rowLine)} is longer than ${n(CSV_MAX_LINE_CHARS)} characters (it starts "${excerpt(start)}"): a line of a CSV file is one row of a sheet`)
  }

  #endField(): void {
    this.#row.push(this.#pieces.length === 1 ? this.#pieces[0] : this.#pieces.join(''))
    this.#pieces = []
    this.#fieldChars = 0
    if (this.#row.length > MAX_COLUMNS) throw unreadable(this.#file, `line ${n(this.#rowLine)} has more than ${n(MAX_COLUMNS)} fields, the columns a sheet has`)
  }

  #endRow(): void {
    this.#endField()
    this.#onRow(this.#row, this.#rowLine)
    this.#row = []
    this.#rowChars = 0
  }
}

/** Pieces of decoded text from a string, bytes or a stream, each small enough to let others in between. */
async function* texts(input: Readable | Buffer | string): AsyncGenerator<string> {
  const piece = 1 << 20
  if (typeof input === 'string') {
    for (let at = 0; at < input.length; at += piece) yield input.slice(at, at + piece)
    return
  }
  const decoder = new StringDecoder('utf8')
  if (Buffer.isBuffer(input)) {
    for (let at = 0; at < input.length; at += piece) yield decoder.write(input.subarray(at, at + piece))
  } else {
    for await (const chunk of input) yield typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer)
  }
  yield decoder.end()
}

/**
 * The rows of a CSV file. The header is the first line that `fits` (among the first few), or
 * without `fits` the first non-blank one.
 */
export async function readCsv(input: Readable | Buffer | string, file: string, maxRows: number, fits?: (headers: string[]) => boolean): Promise<ImportTable> {
  let headerRow = 0
  let headers: string[] = []
  let first: { row: number; headers: string[] } | null = null
  let looked = 0
  const rows = new RowCollector(maxRows, file)
  let count = 0
  const parser = new CsvParser(file, (fields, line) => {
    count++
    if (count > MAX_ROWS) throw unreadable(file, `line ${n(line)} is row ${n(count)}, past Excel's last row ${n(MAX_ROWS)}: split the file into several imports`)
    const cells: RawCell[] = fields.map((f) => (f.trim() === '' ? null : f))
    if (!headerRow) {
      if (cells.every((c) => c === null) || looked >= HEADER_SEARCH_ROWS) return
      looked++
      const texts = fields.map((f) => f.trim())
      first ??= { row: count, headers: texts }
      if (!fits || fits(texts)) {
        headerRow = count
        headers = texts
      }
      return
    }
    rows.add(count, cells)
  })
  const breather = new Breather()
  for await (const text of texts(input)) {
    parser.feed(text)
    if (breather.due()) await breather.breathe()
  }
  parser.end()
  // No line fits: keep the first one as the header, so the import names the missing columns.
  if (!headerRow && first) ({ row: headerRow, headers } = first)
  return { file, sheet: file.replace(/\.[^.]+$/, ''), headerRow, headers, rows: headerRow ? rows.rows : [], skipped: [] }
}
