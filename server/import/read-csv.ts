/**
 * Reading a CSV to import: comma, semicolon or TAB separated (told by the header line), quoted
 * fields with "" escapes and line breaks inside quotes, a UTF-8 BOM, CRLF or LF.
 */
import type { Readable } from 'node:stream'
import type { RawCell } from '../../shared/import/values'
import { HEADER_SEARCH_ROWS, RowCollector, type ImportTable } from './table'

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

/** Splits CSV text into rows of fields, fed in chunks. */
class CsvParser {
  #sep: string | null = null
  #field = ''
  #row: string[] = []
  #quoted = false
  #afterQuote = false
  #pending = ''
  readonly #onRow: (fields: string[]) => void

  constructor(onRow: (fields: string[]) => void) {
    this.#onRow = onRow
  }

  feed(text: string): void {
    if (this.#sep === null) {
      this.#pending += text
      const nl = this.#pending.indexOf('\n')
      if (nl === -1) return
      this.#sep = detectSeparator(this.#pending.slice(0, nl).replace(/^\uFEFF/, ''))
      text = this.#pending.replace(/^\uFEFF/, '')
      this.#pending = ''
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]
      if (this.#quoted) {
        if (ch === '"') {
          this.#quoted = false
          this.#afterQuote = true
        } else this.#field += ch
        continue
      }
      if (ch === '"') {
        // "" inside a quoted field is one quote.
        if (this.#afterQuote) this.#field += '"'
        this.#quoted = true
        this.#afterQuote = false
        continue
      }
      this.#afterQuote = false
      if (ch === this.#sep) this.#endField()
      else if (ch === '\n') this.#endRow()
      else if (ch !== '\r') this.#field += ch
    }
  }

  end(): void {
    if (this.#sep === null && this.#pending) {
      this.#sep = detectSeparator(this.#pending.replace(/^\uFEFF/, ''))
      const text = this.#pending.replace(/^\uFEFF/, '')
      this.#pending = ''
      this.feed(text)
    }
    if (this.#field !== '' || this.#row.length) this.#endRow()
  }

  #endField(): void {
    this.#row.push(this.#field)
    this.#field = ''
  }

  #endRow(): void {
    this.#endField()
    this.#onRow(this.#row)
    this.#row = []
  }
}

/**
 * The rows of a CSV file. The header is the first line that `fits` (among the first few), or
 * without `fits` the first non-blank one.
 */
export async function readCsv(input: Readable | string, file: string, maxRows: number, fits?: (headers: string[]) => boolean): Promise<ImportTable> {
  let headerRow = 0
  let headers: string[] = []
  let first: { row: number; headers: string[] } | null = null
  let looked = 0
  const rows = new RowCollector(maxRows)
  let n = 0
  const parser = new CsvParser((fields) => {
    n++
    const cells: RawCell[] = fields.map((f) => (f.trim() === '' ? null : f))
    if (!headerRow) {
      if (cells.every((c) => c === null) || looked >= HEADER_SEARCH_ROWS) return
      looked++
      const texts = fields.map((f) => f.trim())
      first ??= { row: n, headers: texts }
      if (!fits || fits(texts)) {
        headerRow = n
        headers = texts
      }
      return
    }
    rows.add(n, cells)
  })
  if (typeof input === 'string') parser.feed(input)
  else {
    input.setEncoding('utf8')
    for await (const chunk of input) parser.feed(chunk as string)
  }
  parser.end()
  // No line fits: keep the first one as the header, so the import names the missing columns.
  if (!headerRow && first) ({ row: headerRow, headers } = first)
  return { file, sheet: file.replace(/\.[^.]+$/, ''), headerRow, headers, rows: headerRow ? rows.rows : [], skipped: [] }
}
