/** A sheet of rows to import, however it arrived (an .xlsx, a .csv, or the add-in's active sheet). */
import type { RawCell } from '../../shared/import/values'
import { LedgerError } from '../domain/errors'
import { excerpt } from './excerpt'

/** How many non-blank rows from the top may hold the header (a title block may sit above it). */
export const HEADER_SEARCH_ROWS = 10

export interface ImportRow {
  /** 1-based row number in the sheet, as users see it. */
  row: number
  /** Cells by 0-based column. */
  cells: RawCell[]
}

export interface ImportTable {
  /** The file (or workbook) name: part of the ids derived for rows without an Id. */
  file: string
  sheet: string
  /** 1-based row of the headers. */
  headerRow: number
  headers: string[]
  rows: ImportRow[]
  /** Sheets passed over (hidden, or not holding this kind of data). */
  skipped: string[]
}

/** The refusal of `file` with more rows than an import takes. */
export function tooManyRows(file: string, max: number): LedgerError {
  return new LedgerError('validation_failed', `${excerpt(file, 120)} has more than ${max.toLocaleString('en-US')} rows: split it into several imports`, [
    { path: 'file', message: `more than ${max} rows` },
  ])
}

/** Collects data rows under a header: blank rows are skipped, and past `max` rows the import is refused. */
export class RowCollector {
  readonly rows: ImportRow[] = []
  readonly #max: number
  readonly #file: string

  /** `file`: the file's name, for the refusal. */
  constructor(max: number, file: string) {
    this.#max = max
    this.#file = file
  }

  add(row: number, cells: RawCell[]): void {
    if (cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) return
    if (this.rows.length >= this.#max) throw tooManyRows(this.#file, this.#max)
    this.rows.push({ row, cells })
  }
}
