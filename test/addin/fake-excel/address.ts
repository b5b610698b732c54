/** A1 addresses and rectangles of cells (zero-based). */
import { columnLetter, MAX_COLUMNS } from '../../../shared/xlsx'
import { ErrorCodes, fail } from './errors'

export const MAX_ROWS = 1_048_576

export interface Rect {
  row: number
  col: number
  rows: number
  cols: number
}

export const WHOLE_SHEET: Rect = { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLUMNS }

export function columnIndex(letters: string): number {
  let n = 0
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n - 1
}

/** Splits `'My sheet'!A1:B2` into the sheet name (or null) and the local address. */
export function splitAddress(address: string): { sheet: string | null; local: string } {
  const bang = address.lastIndexOf('!')
  if (bang < 0) return { sheet: null, local: address }
  let sheet = address.slice(0, bang)
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'")
  return { sheet, local: address.slice(bang + 1) }
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/
const COLS = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/
const ROWS = /^\$?(\d{1,7}):\$?(\d{1,7})$/

/** The rectangle of a local address: `A1`, `A1:C3`, `A:C` or `1:4`. */
export function parseA1(local: string): Rect {
  const parts = local.split(':')
  const cells = parts.map((p) => CELL.exec(p))
  if (parts.length <= 2 && cells.every(Boolean)) {
    const [a, b = a] = cells.map((m) => ({ row: Number(m![2]) - 1, col: columnIndex(m![1]) }))
    return check({ row: Math.min(a.row, b.row), col: Math.min(a.col, b.col), rows: Math.abs(a.row - b.row) + 1, cols: Math.abs(a.col - b.col) + 1 })
  }
  const c = COLS.exec(local)
  if (c) {
    const [x, y] = [columnIndex(c[1]), columnIndex(c[2])]
    return check({ row: 0, col: Math.min(x, y), rows: MAX_ROWS, cols: Math.abs(x - y) + 1 })
  }
  const r = ROWS.exec(local)
  if (r) {
    const [x, y] = [Number(r[1]) - 1, Number(r[2]) - 1]
    return check({ row: Math.min(x, y), col: 0, rows: Math.abs(x - y) + 1, cols: MAX_COLUMNS })
  }
  throw fail(ErrorCodes.invalidArgument, `Not an address: ${local}`)
}

/** Throws InvalidArgument when the rectangle leaves the sheet or is empty. */
export function check(rect: Rect): Rect {
  const ok = Number.isInteger(rect.row) && Number.isInteger(rect.col) && Number.isInteger(rect.rows) && Number.isInteger(rect.cols)
    && rect.row >= 0 && rect.col >= 0 && rect.rows >= 1 && rect.cols >= 1
    && rect.row + rect.rows <= MAX_ROWS && rect.col + rect.cols <= MAX_COLUMNS
  if (!ok) throw fail(ErrorCodes.invalidArgument, `Range outside the sheet: ${JSON.stringify(rect)}`)
  return rect
}

/** Local A1 address as Excel writes it: `B2`, `B2:D5`, `A:C` for whole columns, `1:4` for whole rows. */
export function formatA1(rect: Rect): string {
  const lastRow = rect.row + rect.rows
  const lastCol = rect.col + rect.cols - 1
  if (rect.cols === MAX_COLUMNS) return `${rect.row + 1}:${lastRow}`
  if (rect.rows === MAX_ROWS) return `${columnLetter(rect.col + 1)}:${columnLetter(lastCol + 1)}`
  const first = `${columnLetter(rect.col + 1)}${rect.row + 1}`
  return rect.rows === 1 && rect.cols === 1 ? first : `${first}:${columnLetter(lastCol + 1)}${lastRow}`
}

/** Absolute address: `$A$2:$B$9`, or `$A$2` for one cell. */
export function absoluteA1(rect: Rect): string {
  const cell = (row: number, col: number) => `$${columnLetter(col + 1)}$${row + 1}`
  const first = cell(rect.row, rect.col)
  return rect.rows * rect.cols > 1 ? `${first}:${cell(rect.row + rect.rows - 1, rect.col + rect.cols - 1)}` : first
}

/** `Sheet1!` or `'My sheet'!`. */
export function sheetPrefix(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? `${name}!` : `'${name.replace(/'/g, "''")}'!`
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const row = Math.max(a.row, b.row)
  const col = Math.max(a.col, b.col)
  const rows = Math.min(a.row + a.rows, b.row + b.rows) - row
  const cols = Math.min(a.col + a.cols, b.col + b.cols) - col
  return rows > 0 && cols > 0 ? { row, col, rows, cols } : null
}

export const area = (r: Rect): number => r.rows * r.cols
