/** Facts about .xlsx files that the pane, the server's exports, templates and imports all use. */

/** The media type of an .xlsx workbook. */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Excel's last column, XFD. */
export const MAX_COLUMNS = 16_384

/** Excel's last row. */
export const MAX_ROWS = 1_048_576

/** The most characters a cell holds in Excel. */
export const MAX_CELL_CHARS = 32_767

/** The letters of 1-based column `n`: 1 → A, 26 → Z, 27 → AA, 16384 → XFD. */
export function columnLetter(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`column ${n} is not a column number (1 or more)`)
  let s = ''
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}
