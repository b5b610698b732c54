/** Test helpers that look at (and prepare) the fake workbook directly, bypassing load/sync. */
import { MAX_COLUMNS } from '../../../shared/xlsx'
import { columnIndex, formatA1, parseA1, type Rect } from './address'
import type { Cell, Scalar, SheetState, ValidationSettings, WorkbookState } from './state'

export interface CellView {
  value: Scalar
  formula: string | null
  numberFormat: string
  bold: boolean
  italic: boolean
  fontSize: number
  fontColor: string
  fill: string | null
  indent: number
  horizontalAlignment: string
}

export interface TableView {
  name: string
  /** Local address, e.g. `A4:K104`. */
  address: string
  style: string
  showFilterButton: boolean
}

export interface ValidationView extends ValidationSettings {
  /** Local address, e.g. `E2:E5001`. */
  address: string
}

export interface ConditionalFormatView {
  type: string
  address: string
  formula: string
  fill: string | null
  fontColor: string | null
  stopIfTrue: boolean
}

const view = (c: Cell | undefined): CellView => ({
  value: c?.value ?? '', formula: c?.formula ?? null, numberFormat: c?.numberFormat ?? 'General', bold: c?.bold ?? false,
  italic: c?.italic ?? false, fontSize: c?.fontSize ?? 11, fontColor: c?.fontColor ?? '#000000', fill: c?.fill ?? null,
  indent: c?.indent ?? 0, horizontalAlignment: c?.horizontalAlignment ?? 'General',
})

export class SheetView {
  constructor(private readonly book: WorkbookState, readonly state: SheetState) {}

  get name(): string { return this.state.name }
  get position(): number { return this.book.sheets.indexOf(this.state) }
  get frozenRows(): number { return this.state.frozenRows }
  get frozenColumns(): number { return this.state.frozenColumns }
  get visibility(): string { return this.state.visibility }

  /** Data validations, in the order they were made. */
  get dataValidations(): ValidationView[] {
    return this.state.validations.map((v) => ({
      address: formatA1(v.rect), rule: structuredClone(v.rule), ignoreBlanks: v.ignoreBlanks, errorAlert: { ...v.errorAlert }, prompt: { ...v.prompt },
    }))
  }

  /** Everything about one cell, e.g. `cell('A4')`. */
  cell(a1: string): CellView {
    const r = parseA1(a1)
    return view(this.state.get(r.row, r.col))
  }

  /** Values of a range, blank cells as ''. */
  values(a1: string): Scalar[][] {
    const r = parseA1(a1)
    return Array.from({ length: r.rows }, (_, i) => Array.from({ length: r.cols }, (_, j) => this.state.get(r.row + i, r.col + j)?.value ?? ''))
  }

  /** Preloads values (as given, no conversion) from the top-left cell `a1`; null leaves a cell alone. */
  set(a1: string, values: Array<Array<Scalar | null>>, numberFormat?: string): this {
    const r = parseA1(a1)
    values.forEach((row, i) => row.forEach((v, j) => {
      if (v === null) return
      const cell = this.state.cell(r.row + i, r.col + j)
      cell.value = v
      if (numberFormat) cell.numberFormat = numberFormat
    }))
    return this
  }

  /** Width in points of a column (`'B'` or 1), undefined when never set. */
  columnWidth(column: string | number): number | undefined {
    return this.state.columnWidths.get(typeof column === 'number' ? column : columnIndex(column))
  }

  get tables(): TableView[] {
    return this.book.tables.filter((t) => t.sheet === this.state).map((t) => ({ name: t.name, address: formatA1(t.rect), style: t.style, showFilterButton: t.showFilterButton }))
  }

  /** Top priority first. */
  get conditionalFormats(): ConditionalFormatView[] {
    return this.state.conditionalFormats.map((cf) => ({ type: cf.type, address: formatA1(cf.rect), formula: cf.formula, fill: cf.fill, fontColor: cf.fontColor, stopIfTrue: cf.stopIfTrue }))
  }

  /** Local address of the used range (cells with values, or with anything), or null. */
  usedAddress(valuesOnly = true): string | null {
    const r = this.state.usedRect(valuesOnly)
    return r && formatA1(r)
  }

  /** Selects `address` with `activeCell` (default: its top-left cell) and activates the sheet. */
  select(address: string, activeCell?: string): this {
    const rect: Rect = parseA1(address)
    const active = activeCell ? parseA1(activeCell) : rect
    this.state.selection = { rect, active: { row: active.row, col: active.col } }
    this.book.active = this.state
    return this
  }

  /** Non-empty cells as `{ A1: value }`. */
  dump(): Record<string, Scalar> {
    const out: Record<string, Scalar> = {}
    const keys = [...this.state.cells.keys()].sort((a, b) => a - b)
    for (const k of keys) {
      const cell = this.state.cells.get(k)!
      if (cell.value === '') continue
      out[formatA1({ row: Math.floor(k / MAX_COLUMNS), col: k % MAX_COLUMNS, rows: 1, cols: 1 })] = cell.value
    }
    return out
  }
}
