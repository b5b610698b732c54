/**
 * A cell's value as the rows' XML holds it, shared by the writer on the server's thread
 * (xlsx-rows.ts) and the one in the sheet workers (table-rows-xml.ts): both write the bytes
 * exceljs 4.4 writes.
 */
import { excelDateCell } from '../../shared/dates'
import type { CellKind, CellValue } from '../../shared/sheets/model'

/** The last date text made a serial: a report's rows come in runs of the same date. */
let lastSerial: { text: string; serial: number | string } = { text: '', serial: '' }

/** A date or wall-clock value as its Excel serial (zone-free); anything else as it is. */
export function cellOf(value: CellValue, kind: CellKind): string | number | undefined {
  if (value === null || value === '') return undefined
  if ((kind === 'date' || kind === 'datetime') && typeof value === 'string') {
    if (value !== lastSerial.text) lastSerial = { text: value, serial: excelDateCell(value) }
    return lastSerial.serial
  }
  return value
}

/** Characters XML text and attributes cannot hold as they are: escaped or, for control characters, dropped (as exceljs does). */
const ESCAPED = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g
const ESCAPES: Record<string, string> = { '"': '&quot;', '&': '&amp;', '\'': '&apos;', '<': '&lt;', '>': '&gt;' }

/** `text` as XML character data. */
export function xmlText(text: string): string {
  ESCAPED.lastIndex = 0
  return ESCAPED.test(text) ? text.replace(ESCAPED, (ch) => ESCAPES[ch] ?? '') : text
}

/** exceljs's value types, as its style table tells a number's default format from text's. */
export const NUMBER_TYPE = 2
export const STRING_TYPE = 3

/** What ends a cell with a value: `</v></c>`. */
export const CELL_END = Buffer.from('</v></c>')

/** A wrapped column's text: the lines it takes and its XML bytes. */
export interface WrappedText {
  lines: number
  xml: Buffer
}
