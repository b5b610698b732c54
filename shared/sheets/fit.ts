/**
 * Column widths fitted to what a sheet holds: wide enough for its header (and the filter button
 * beside it) and its longest cell, so that nothing is cut at a column's edge and no date shows
 * as `####`, and no wider, so that a printed page holds the table at a readable size.
 */
import { FIT_MAX_WIDTH, type CellValue, type SheetColumn } from './model'

/** Characters a filter button takes at the right of a header cell. */
const FILTER_BUTTON = 2
/** Characters one indentation level takes. */
const INDENT = 2
/** Widths that hold a date (`2026-06-30`) and a date and time (`2026-06-30 14:05`) with room either side. */
const DATE_WIDTH = 12
const DATETIME_WIDTH = 17

/**
 * Width that holds `length` characters of text: capitals and wide letters (`WH/OUT/00012`) take
 * more than the digit a width unit is, so a tenth more, and a character between columns.
 */
const textWidth = (length: number) => Math.ceil(length * 1.1) + 1

/** How many characters `value` shows as in a column of `kind`. */
export function shownLength(value: CellValue, kind: SheetColumn['kind']): number {
  if (value === null || value === '') return 0
  if (kind === 'date') return 10
  if (kind === 'datetime') return typeof value === 'string' && value.length > 10 ? 16 : 10
  // Code points: an accented letter or an emoji is one character wide, not two.
  return [...String(value)].length
}

/**
 * `columns` with widths fitted to `rows` (all of them, or a sample of a streamed report), the
 * column `indent.column` counting each row's indentation. Without rows the widths stay as they are.
 */
export function fitColumns(columns: SheetColumn[], rows: readonly CellValue[][], indent?: { column: number; levels: readonly number[] }): SheetColumn[] {
  if (rows.length === 0) return columns
  return columns.map((c, i) => {
    let longest = 0
    rows.forEach((row, r) => {
      const extra = indent && indent.column === i ? (indent.levels[r] ?? 0) * INDENT : 0
      longest = Math.max(longest, shownLength(row[i] ?? null, c.kind) + extra)
    })
    const header = c.header.length + FILTER_BUTTON
    const needed = longest === 0 ? 0 : c.kind === 'date' ? DATE_WIDTH : c.kind === 'datetime' ? (longest > 10 ? DATETIME_WIDTH : DATE_WIDTH) : textWidth(longest)
    const max = Math.max(c.max ?? (c.wrap ? c.width : FIT_MAX_WIDTH), header)
    return { ...c, width: Math.min(Math.max(needed, header), max) }
  })
}

/**
 * Lines `text` takes in a wrapping column `width` characters wide, words kept whole where they
 * fit. Spreadsheets do not size a row to its wrapped text when they open a file, so the writer
 * sets the height from this. A width unit is a digit, and a line of words holds a little more
 * than its width in letters (most are narrower than a digit).
 */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.15))
  // One pass over the characters (a writer asks this of every new text of a wrapped column):
  // paragraphs end at a line feed, words at a space, and a word's length is in code points.
  let lines = 1
  let used = 0
  let length = 0
  let high = false
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 10
    if (code !== 32 && code !== 10) {
      // The second half of a surrogate pair is not a character of its own.
      const low = code >= 0xdc00 && code <= 0xdfff
      if (!(low && high)) length++
      high = code >= 0xd800 && code <= 0xdbff
      continue
    }
    if (used > 0 && used + 1 + length > perLine) {
      lines++
      used = 0
    }
    // A word longer than a line breaks wherever the line ends.
    if (length > perLine) {
      lines += Math.ceil(length / perLine) - 1
      used = length % perLine
    } else {
      used += (used > 0 ? 1 : 0) + length
    }
    length = 0
    high = false
    if (code === 10 && i < text.length) {
      lines++
      used = 0
    }
  }
  return lines
}

/** Lines the tallest wrapped cell of `row` takes (1 when none wraps). */
export function rowLines(row: readonly CellValue[], columns: readonly SheetColumn[]): number {
  let lines = 1
  columns.forEach((c, i) => {
    const value = row[i]
    if (c.wrap && typeof value === 'string') lines = Math.max(lines, wrappedLines(value, c.width))
  })
  return lines
}
