/**
 * A sheet as lotledger writes it, whatever writes it: the add-in into the open workbook, or an
 * .xlsx file (the download without Office, and the server's reports). Pure data: building one
 * needs no Excel.
 */

/** How a column's values are written. */
export type CellKind = 'text' | 'number' | 'date' | 'datetime'

export interface SheetColumn {
  /** Header text, as users see it. */
  header: string
  kind: CellKind
  /** Width in characters: what the column gets before its cells are known (a streamed report). */
  width: number
  /**
   * Widest the column grows to fit its cells (default {@link FIT_MAX_WIDTH}); a `wrap` column's
   * longer text wraps onto more lines instead.
   */
  max?: number
  /** Long text (names, summaries) wraps inside the column rather than being cut at its edge. */
  wrap?: boolean
  /** Cells and header centred (a short number such as a level); by default dates are, numbers right, text left. */
  center?: boolean
}

/** Widest a column grows to fit its cells unless it says otherwise. */
export const FIT_MAX_WIDTH = 40

/**
 * A cell value: text, a number, or for date columns an ISO date (`YYYY-MM-DD`) or a month only
 * (`YYYY-MM`: a month-only expiry, written as its last day shown as the month), for date-time
 * columns an ISO instant; null for an empty cell.
 */
export type CellValue = string | number | null

/** What a sheet shows, so that Refresh can ask for it again. */
export type SheetSource =
  | { kind: 'trace'; product: string; lot: string; direction: 'upstream' | 'downstream' | 'both' }
  | { kind: 'stock'; product?: string; lot?: string; location?: string }
  | { kind: 'lots'; product?: string }
  | { kind: 'expiring' }
  | { kind: 'moves'; product?: string; lot?: string; location?: string; reference?: string; after?: string; before?: string }
  | { kind: 'recall'; product: string; lot: string }
  | { kind: 'delivery-slip'; reference: string }

export interface SheetModel {
  /** Worksheet name (at most 31 characters), one per kind of sheet. */
  name: string
  /** Excel table name. */
  table: string
  /** First line: what the sheet is. */
  title: string
  /** Second line: workspace, filters and when it was made. */
  subtitle: string
  /** What the person who pulled it must know at once (a recall's lots on hold): said beside the result too. */
  notice?: string
  columns: SheetColumn[]
  rows: CellValue[][]
  /** Indentation (0-based levels) of one column's cells, row by row: the traceability tree. */
  indent?: { column: number; levels: number[] }
  /**
   * Row colours: a row whose date in column `expired` is on or before today is red; one whose
   * date in column `alert` is, amber. Columns are 0-based.
   */
  flags?: { expired?: number; alert?: number }
  source: SheetSource
  /** A document to hand over (a delivery slip) rather than a report: its text around the table. */
  document?: SheetDocument
}

/** A line of a document's text: a bold label in the first column and its value beside it. */
export interface DocumentLine {
  /** Empty for a line that continues the one above (an address's second line). */
  label: string
  value: CellValue
  kind: CellKind
  /** `strong`: the value in bold (whom it is for); `blank`: a line to write on (a signature). */
  look?: 'strong' | 'blank'
}

/** A document's parts besides its table: lines above it and below it. */
export interface SheetDocument {
  above: DocumentLine[]
  below: DocumentLine[]
}

/** Rows above the table: title, subtitle, a blank line. The table's header is on row 4. */
export const TITLE_ROWS = 3

/** Excel limits a sheet name to 31 characters and a few forbidden ones. */
export function safeSheetName(name: string): string {
  return name.replace(/[\\/?*[\]:]/g, '-').slice(0, 31)
}

/** Fill colours of flagged rows (Fluent palette: danger and warning backgrounds). */
export const FLAG_COLORS = { expired: '#FDE7E9', expiredText: '#A4262C', alert: '#FFF4CE', alertText: '#8A5300' } as const

/** Number formats of date columns. */
export const DATE_FORMAT = 'yyyy-mm-dd'
/**
 * A month-only date's: a real date (its month's last day), so that it sorts and filters among
 * the days of its column, shown as the month as the pane shows it.
 */
export const MONTH_FORMAT = 'yyyy-mm'
export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm'
