/**
 * The fake workbook's state: sheets with a sparse cell grid, tables, conditional formats,
 * settings and the selection. Proxies change it only while a sync runs.
 */
import { MAX_COLUMNS } from '../../../shared/xlsx'
import { MAX_ROWS, area, check, intersect, type Rect } from './address'
import { ErrorCodes, fail } from './errors'

export type Scalar = string | number | boolean

export interface Cell {
  /** '' when empty. */
  value: Scalar
  formula?: string
  numberFormat: string
  bold: boolean
  italic: boolean
  fontSize: number
  fontColor: string
  fill: string | null
  indent: number
  horizontalAlignment: string
}

const blankCell = (): Cell => ({
  value: '', numberFormat: 'General', bold: false, italic: false, fontSize: 11, fontColor: '#000000', fill: null, indent: 0, horizontalAlignment: 'General',
})

export interface ConditionalFormatState {
  id: string
  type: string
  rect: Rect
  formula: string
  fill: string | null
  fontColor: string | null
  stopIfTrue: boolean
}

/** What a data validation holds besides where it is (rule and alert as the API gave them). */
export interface ValidationSettings {
  rule: Record<string, unknown>
  ignoreBlanks: boolean
  errorAlert: { showAlert: boolean; style: string; title: string; message: string }
  prompt: { showPrompt: boolean; title: string; message: string }
}

/** A range's data validation, as the fake keeps it. */
export interface ValidationState extends ValidationSettings {
  rect: Rect
}

/** What a range without validation answers. */
export const DEFAULT_ERROR_ALERT: ValidationState['errorAlert'] = { showAlert: true, style: 'Stop', title: '', message: '' }
export const DEFAULT_PROMPT: ValidationState['prompt'] = { showPrompt: false, title: '', message: '' }

export const defaultValidation = (rect: Rect): ValidationState => ({
  rect, rule: {}, ignoreBlanks: true, errorAlert: { ...DEFAULT_ERROR_ALERT }, prompt: { ...DEFAULT_PROMPT },
})

/** A workbook-scoped defined name. */
export interface NameState {
  name: string
  /** `=Sheet1!$A$1:$A$4`. */
  formula: string
  comment: string
  visible: boolean
}

export interface TableState {
  id: string
  name: string
  sheet: SheetState
  rect: Rect
  style: string
  showFilterButton: boolean
}

/** Above this many cells a single operation is refused, like Excel's read limit. */
export const CELL_LIMIT = 5_000_000

let ids = 0
export const nextId = (prefix: string): string => `${prefix}${++ids}`

export class SheetState {
  readonly id = nextId('{sheet-')
  readonly cells = new Map<number, Cell>()
  readonly columnWidths = new Map<number, number>()
  frozenRows = 0
  frozenColumns = 0
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible'
  /** Data validations; their rectangles never overlap. */
  validations: ValidationState[] = []
  /** Index 0 is the top priority. */
  conditionalFormats: ConditionalFormatState[] = []
  selection: { rect: Rect; active: { row: number; col: number } } = { rect: { row: 0, col: 0, rows: 1, cols: 1 }, active: { row: 0, col: 0 } }
  constructor(public name: string) {}

  static key = (row: number, col: number): number => row * MAX_COLUMNS + col

  get(row: number, col: number): Cell | undefined {
    return this.cells.get(SheetState.key(row, col))
  }

  /** The cell, created blank if missing. */
  cell(row: number, col: number): Cell {
    const k = SheetState.key(row, col)
    let c = this.cells.get(k)
    if (!c) this.cells.set(k, (c = blankCell()))
    return c
  }

  isBlank(row: number, col: number): boolean {
    const c = this.get(row, col)
    return !c || c.value === ''
  }

  /** Visits the existing cells of `rect`, walking whichever is smaller: the rectangle or the grid. */
  forEachExisting(rect: Rect, fn: (cell: Cell, row: number, col: number, key: number) => void): void {
    if (area(rect) <= this.cells.size) {
      for (let r = rect.row; r < rect.row + rect.rows; r++) {
        for (let c = rect.col; c < rect.col + rect.cols; c++) {
          const cell = this.get(r, c)
          if (cell) fn(cell, r, c, SheetState.key(r, c))
        }
      }
      return
    }
    for (const [k, cell] of [...this.cells]) {
      const r = Math.floor(k / MAX_COLUMNS)
      const c = k % MAX_COLUMNS
      if (r >= rect.row && r < rect.row + rect.rows && c >= rect.col && c < rect.col + rect.cols) fn(cell, r, c, k)
    }
  }

  /** Visits every cell of `rect`, creating missing ones (for formats); refuses huge rectangles. */
  forEachCell(rect: Rect, fn: (cell: Cell, row: number, col: number) => void): void {
    if (area(rect) > CELL_LIMIT) throw fail(ErrorCodes.notImplemented, 'The fake formats at most 5,000,000 cells at once')
    for (let r = rect.row; r < rect.row + rect.rows; r++) for (let c = rect.col; c < rect.col + rect.cols; c++) fn(this.cell(r, c), r, c)
  }

  clear(rect: Rect, applyTo: string): void {
    this.forEachExisting(rect, (cell, _r, _c, k) => {
      if (applyTo === 'All') this.cells.delete(k)
      else if (applyTo === 'Contents') {
        cell.value = ''
        delete cell.formula
      } else if (applyTo === 'Formats') Object.assign(cell, { ...blankCell(), value: cell.value, formula: cell.formula })
    })
  }

  /** Excel's current region: grows from the top-left cell while a non-blank cell touches it, diagonals included. */
  surroundingRegion(rect: Rect): Rect {
    let [top, bottom, left, right] = [rect.row, rect.row, rect.col, rect.col]
    const rowHas = (r: number, c0: number, c1: number) => {
      if (r < 0 || r >= MAX_ROWS) return false
      for (let c = Math.max(0, c0); c <= Math.min(MAX_COLUMNS - 1, c1); c++) if (!this.isBlank(r, c)) return true
      return false
    }
    const colHas = (c: number, r0: number, r1: number) => {
      if (c < 0 || c >= MAX_COLUMNS) return false
      for (let r = Math.max(0, r0); r <= Math.min(MAX_ROWS - 1, r1); r++) if (!this.isBlank(r, c)) return true
      return false
    }
    for (let changed = true; changed; ) {
      changed = false
      while (rowHas(top - 1, left - 1, right + 1)) (top--, (changed = true))
      while (rowHas(bottom + 1, left - 1, right + 1)) (bottom++, (changed = true))
      while (colHas(left - 1, top - 1, bottom + 1)) (left--, (changed = true))
      while (colHas(right + 1, top - 1, bottom + 1)) (right++, (changed = true))
    }
    return { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 }
  }

  /** Bounding rectangle of cells with values (or with anything, formats included), or null. */
  usedRect(valuesOnly: boolean): Rect | null {
    let [top, left, bottom, right] = [Infinity, Infinity, -1, -1]
    for (const [k, cell] of this.cells) {
      if (valuesOnly && cell.value === '') continue
      const r = Math.floor(k / MAX_COLUMNS)
      const c = k % MAX_COLUMNS
      top = Math.min(top, r)
      bottom = Math.max(bottom, r)
      left = Math.min(left, c)
      right = Math.max(right, c)
    }
    return bottom < 0 ? null : { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 }
  }
}

const FORBIDDEN = /[\\/?*[\]:]/

export class WorkbookState {
  readonly sheets: SheetState[] = []
  readonly tables: TableState[] = []
  readonly names: NameState[] = []
  readonly settings = new Map<string, unknown>()
  active: SheetState | null = null

  findSheet(name: string): SheetState | undefined {
    const n = name.toLowerCase()
    return this.sheets.find((s) => s.name.toLowerCase() === n)
  }

  addSheet(name?: string): SheetState {
    let sheetName = name
    if (sheetName === undefined) for (let i = 1; !sheetName || this.findSheet(sheetName); i++) sheetName = `Sheet${i}`
    if (sheetName.length === 0 || sheetName.length > 31 || FORBIDDEN.test(sheetName)) throw fail(ErrorCodes.invalidArgument, `Bad sheet name: ${sheetName}`)
    if (this.findSheet(sheetName)) throw fail(ErrorCodes.itemAlreadyExists, `A sheet named ${sheetName} exists`)
    const sheet = new SheetState(sheetName)
    this.sheets.push(sheet)
    this.active ??= sheet
    return sheet
  }

  deleteSheet(sheet: SheetState): void {
    if (this.sheets.length === 1) throw fail(ErrorCodes.invalidOperation, 'A workbook keeps at least one sheet')
    this.sheets.splice(this.sheets.indexOf(sheet), 1)
    for (let i = this.tables.length - 1; i >= 0; i--) if (this.tables[i].sheet === sheet) this.tables.splice(i, 1)
    if (this.active === sheet) this.active = this.sheets.find((s) => s.visibility === 'Visible') ?? this.sheets[0]
  }

  /** Hides or shows a sheet; like Excel, the last visible sheet stays visible and a hidden active sheet hands over. */
  setVisibility(sheet: SheetState, visibility: SheetState['visibility']): void {
    if (!['Visible', 'Hidden', 'VeryHidden'].includes(visibility)) throw fail(ErrorCodes.invalidArgument, `Bad visibility ${visibility}`)
    if (visibility !== 'Visible' && !this.sheets.some((s) => s !== sheet && s.visibility === 'Visible')) {
      throw fail(ErrorCodes.invalidOperation, 'A workbook must keep at least one visible worksheet')
    }
    sheet.visibility = visibility
    if (visibility !== 'Visible' && this.active === sheet) this.active = this.sheets.find((s) => s.visibility === 'Visible')!
  }

  findName(name: string): NameState | undefined {
    const n = name.toLowerCase()
    return this.names.find((x) => x.name.toLowerCase() === n)
  }

  moveSheet(sheet: SheetState, position: number): void {
    this.sheets.splice(this.sheets.indexOf(sheet), 1)
    this.sheets.splice(Math.max(0, Math.min(this.sheets.length, position)), 0, sheet)
  }

  findTable(name: string): TableState | undefined {
    const n = name.toLowerCase()
    return this.tables.find((t) => t.name.toLowerCase() === n)
  }

  addTable(sheet: SheetState, rect: Rect, hasHeaders: boolean): TableState {
    check(rect)
    if (this.tables.some((t) => t.sheet === sheet && intersect(t.rect, rect))) throw fail(ErrorCodes.invalidOperation, 'A table cannot overlap another table')
    let tableRect = rect
    if (!hasHeaders) {
      // Excel inserts a header row above the data.
      tableRect = { ...rect, row: rect.row - 1, rows: rect.rows + 1 }
      check(tableRect)
    }
    const headers = new Set<string>()
    for (let c = 0; c < tableRect.cols; c++) {
      const cell = sheet.cell(tableRect.row, tableRect.col + c)
      let name = hasHeaders && cell.value !== '' ? String(cell.value) : `Column${c + 1}`
      for (let i = 2; headers.has(name.toLowerCase()); i++) name = `${String(cell.value || 'Column')}${i}`
      headers.add(name.toLowerCase())
      cell.value = name
    }
    let name = ''
    for (let i = 1; !name || this.findTable(name); i++) name = `Table${i}`
    const table: TableState = { id: nextId(''), name, sheet, rect: tableRect, style: 'TableStyleMedium2', showFilterButton: true }
    this.tables.push(table)
    return table
  }
}
