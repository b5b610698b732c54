/** Range and its format, over the fake's cell grid. */
import { MAX_COLUMNS } from '../../../shared/xlsx'
import { MAX_ROWS, area, check, formatA1, intersect, parseA1, sheetPrefix, splitAddress, type Rect } from './address'
import { ConditionalFormatsProxy } from './conditional-formats'
import { ClientObject } from './client'
import { ErrorCodes, fail } from './errors'
import { CELL_LIMIT, type Cell, type Scalar, type SheetState } from './state'
import { TableScopedCollectionProxy, WorksheetProxy } from './sheet'
import { DataValidationProxy } from './validation'

export interface RangeRef {
  sheet: SheetState
  rect: Rect
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/**
 * What Excel stores for a written value: numeric text becomes a number and `=` starts a formula,
 * unless the cell has the text format `@`. (Dates in text are not parsed: write serials.)
 */
function store(cell: Cell, v: unknown): void {
  delete cell.formula
  if (typeof v === 'number' || typeof v === 'boolean') {
    cell.value = v
    return
  }
  const s = String(v)
  if (s === '' || cell.numberFormat === '@') cell.value = s
  else if (s.startsWith('=') && s.length > 1) (cell.formula = s), (cell.value = s)
  else if (NUMERIC.test(s.trim())) cell.value = Number(s)
  else if (/^(true|false)$/i.test(s)) cell.value = s.toLowerCase() === 'true'
  else cell.value = s
}

function checkShape(rect: Rect, values: unknown): unknown[][] {
  const ok = Array.isArray(values) && values.length === rect.rows && values.every((r) => Array.isArray(r) && r.length === rect.cols)
  if (!ok) throw fail(ErrorCodes.invalidArgument, "The number of rows or columns in the input array doesn't match the size or dimensions of the range.")
  return values as unknown[][]
}

/** Writes a 2-D array; null leaves a cell unchanged. */
function writeGrid(ref: RangeRef, values: unknown, apply: (cell: Cell, v: unknown) => void): void {
  const grid = checkShape(ref.rect, values)
  grid.forEach((row, i) => row.forEach((v, j) => {
    if (v !== null && v !== undefined) apply(ref.sheet.cell(ref.rect.row + i, ref.rect.col + j), v)
  }))
}

/** Reads a 2-D array (blank cells as defaults); refuses more than Excel's 5,000,000 cells. */
export function readGrid<V>(ref: RangeRef, pick: (cell: Cell | undefined) => V): V[][] {
  if (area(ref.rect) > CELL_LIMIT) throw fail(ErrorCodes.rangeExceedsLimit, 'The cell count in the range has exceeded the maximum supported number.')
  const out: V[][] = []
  for (let r = ref.rect.row; r < ref.rect.row + ref.rect.rows; r++) {
    const row: V[] = []
    for (let c = ref.rect.col; c < ref.rect.col + ref.rect.cols; c++) row.push(pick(ref.sheet.get(r, c)))
    out.push(row)
  }
  return out
}

/** The common value of a property over the range, or null when cells differ. */
function uniform<V>(ref: RangeRef, pick: (cell: Cell | undefined) => V): V | null {
  const values = readGrid(ref, pick).flat()
  return values.every((v) => v === values[0]) ? values[0] : null
}

const value = (c: Cell | undefined): Scalar => c?.value ?? ''

export class RangeProxy extends ClientObject<RangeRef> {
  protected _props() {
    return {
      address: (t: RangeRef) => sheetPrefix(t.sheet.name) + formatA1(t.rect),
      addressLocal: (t: RangeRef) => sheetPrefix(t.sheet.name) + formatA1(t.rect),
      values: (t: RangeRef) => readGrid(t, value),
      numberFormat: (t: RangeRef) => readGrid(t, (c) => c?.numberFormat ?? 'General'),
      formulas: (t: RangeRef) => readGrid(t, (c) => c?.formula ?? value(c)),
      rowIndex: (t: RangeRef) => t.rect.row,
      columnIndex: (t: RangeRef) => t.rect.col,
      rowCount: (t: RangeRef) => t.rect.rows,
      columnCount: (t: RangeRef) => t.rect.cols,
      cellCount: (t: RangeRef) => area(t.rect),
      isEntireRow: (t: RangeRef) => t.rect.cols === MAX_COLUMNS,
      isEntireColumn: (t: RangeRef) => t.rect.rows === MAX_ROWS,
    }
  }

  get address(): string { return this._get('address') }
  get addressLocal(): string { return this._get('addressLocal') }
  get values(): Scalar[][] { return this._get('values') }
  set values(v: unknown[][]) { this._set('values', v, (t: RangeRef, x: unknown) => writeGrid(t, x, (cell, s) => store(cell, s))) }
  get numberFormat(): string[][] { return this._get('numberFormat') }
  set numberFormat(v: unknown[][]) {
    this._set('numberFormat', v, (t: RangeRef, x: unknown) => writeGrid(t, x, (cell, f) => { cell.numberFormat = f === '' ? 'General' : String(f) }))
  }
  get formulas(): Scalar[][] { return this._get('formulas') }
  set formulas(v: unknown[][]) { this._set('formulas', v, (t: RangeRef, x: unknown) => writeGrid(t, x, (cell, s) => store(cell, s))) }
  get rowIndex(): number { return this._get('rowIndex') }
  get columnIndex(): number { return this._get('columnIndex') }
  get rowCount(): number { return this._get('rowCount') }
  get columnCount(): number { return this._get('columnCount') }
  get cellCount(): number { return this._get('cellCount') }
  get isEntireRow(): boolean { return this._get('isEntireRow') }
  get isEntireColumn(): boolean { return this._get('isEntireColumn') }

  private _format?: RangeFormatProxy
  get format(): RangeFormatProxy {
    return (this._format ??= new RangeFormatProxy(this.context, this._follow((t) => t)))
  }
  private _cfs?: ConditionalFormatsProxy
  get conditionalFormats(): ConditionalFormatsProxy {
    return (this._cfs ??= new ConditionalFormatsProxy(this.context, this._follow((t) => t)))
  }
  private _sheet?: WorksheetProxy
  get worksheet(): WorksheetProxy {
    return (this._sheet ??= new WorksheetProxy(this.context, this._follow((t) => t.sheet)))
  }
  private _validation?: DataValidationProxy
  get dataValidation(): DataValidationProxy {
    return (this._validation ??= new DataValidationProxy(this.context, this._follow((t) => t)))
  }

  /** A range computed from this one when the call runs. */
  private _range(args: unknown[], f: (t: RangeRef) => Rect | null): RangeProxy {
    return this._child((ctx) => new RangeProxy(ctx), (t) => {
      const rect = f(t)
      return rect && { sheet: t.sheet, rect: check(rect) }
    }, args)
  }

  /** The other range of a two-range call, on this range's sheet. */
  private static other(t: RangeRef, other: RangeProxy | string): Rect {
    if (typeof other === 'string') {
      const { sheet, local } = splitAddress(other)
      if (sheet !== null && sheet.toLowerCase() !== t.sheet.name.toLowerCase()) throw fail(ErrorCodes.invalidArgument, 'Ranges on different sheets')
      return parseA1(local)
    }
    const o = other._target()
    if (o.sheet !== t.sheet) throw fail(ErrorCodes.invalidArgument, 'Ranges on different sheets')
    return o.rect
  }

  getCell(row: number, column: number) { return this._range([row, column], (t) => ({ row: t.rect.row + row, col: t.rect.col + column, rows: 1, cols: 1 })) }
  getRow(row: number) { return this._range([row], (t) => ({ ...t.rect, row: t.rect.row + row, rows: 1 })) }
  getColumn(column: number) { return this._range([column], (t) => ({ ...t.rect, col: t.rect.col + column, cols: 1 })) }
  getLastRow() { return this._range([], (t) => ({ ...t.rect, row: t.rect.row + t.rect.rows - 1, rows: 1 })) }
  getResizedRange(deltaRows: number, deltaColumns: number) {
    return this._range([deltaRows, deltaColumns], (t) => ({ ...t.rect, rows: t.rect.rows + deltaRows, cols: t.rect.cols + deltaColumns }))
  }
  getOffsetRange(rowOffset: number, columnOffset: number) {
    return this._range([rowOffset, columnOffset], (t) => ({ ...t.rect, row: t.rect.row + rowOffset, col: t.rect.col + columnOffset }))
  }
  getEntireRow() { return this._range([], (t) => ({ row: t.rect.row, rows: t.rect.rows, col: 0, cols: MAX_COLUMNS })) }
  getEntireColumn() { return this._range([], (t) => ({ row: 0, rows: MAX_ROWS, col: t.rect.col, cols: t.rect.cols })) }
  getSurroundingRegion() { return this._range([], (t) => t.sheet.surroundingRegion(t.rect)) }
  getIntersection(other: RangeProxy | string) {
    return this._range([typeof other === 'string' ? other : 'range'], (t) => {
      const r = intersect(t.rect, RangeProxy.other(t, other))
      if (!r) throw fail(ErrorCodes.itemNotFound, 'The ranges do not intersect')
      return r
    })
  }
  getIntersectionOrNullObject(other: RangeProxy | string) {
    return this._range([typeof other === 'string' ? other : 'range'], (t) => intersect(t.rect, RangeProxy.other(t, other)))
  }
  getBoundingRect(other: RangeProxy | string) {
    return this._range([typeof other === 'string' ? other : 'range'], (t) => {
      const o = RangeProxy.other(t, other)
      const row = Math.min(t.rect.row, o.row)
      const col = Math.min(t.rect.col, o.col)
      return { row, col, rows: Math.max(t.rect.row + t.rect.rows, o.row + o.rows) - row, cols: Math.max(t.rect.col + t.rect.cols, o.col + o.cols) - col }
    })
  }

  getTables(fullyContained = false): TableScopedCollectionProxy {
    return this._child((ctx) => new TableScopedCollectionProxy(ctx), (t) => ({ book: this.context.host.state, range: t, fullyContained }), [fullyContained])
  }

  clear(applyTo: 'All' | 'Formats' | 'Contents' = 'All'): void {
    this._call([applyTo], (t) => t.sheet.clear(t.rect, applyTo))
  }

  /** Selects the range (the fake also makes its top-left cell the active cell). */
  select(): void {
    this._call([], (t) => { t.sheet.selection = { rect: t.rect, active: { row: t.rect.row, col: t.rect.col } } })
  }
}

export class RangeFormatProxy extends ClientObject<RangeRef> {
  protected _props() {
    return {
      columnWidth: (t: RangeRef) => t.sheet.columnWidths.get(t.rect.col) ?? DEFAULT_COLUMN_WIDTH,
      indentLevel: (t: RangeRef) => uniform(t, (c) => c?.indent ?? 0),
      horizontalAlignment: (t: RangeRef) => uniform(t, (c) => c?.horizontalAlignment ?? 'General'),
    }
  }
  get columnWidth(): number { return this._get('columnWidth') }
  set columnWidth(v: number) {
    this._set('columnWidth', v, (t: RangeRef, w: number) => { for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) t.sheet.columnWidths.set(c, w) })
  }
  get indentLevel(): number | null { return this._get('indentLevel') }
  set indentLevel(v: number) {
    this._set('indentLevel', v, (t: RangeRef, n: number) => {
      if (!Number.isInteger(n) || n < 0 || n > 250) throw fail(ErrorCodes.invalidArgument, `Bad indent level ${n}`)
      t.sheet.forEachCell(t.rect, (cell) => { cell.indent = n })
    })
  }
  get horizontalAlignment(): string | null { return this._get('horizontalAlignment') }
  set horizontalAlignment(v: string) { this._set('horizontalAlignment', v, (t: RangeRef, a: string) => t.sheet.forEachCell(t.rect, (cell) => { cell.horizontalAlignment = a })) }

  private _font?: CellStyleProxy
  get font(): CellStyleProxy { return (this._font ??= new CellStyleProxy(this.context, this._follow((t) => t))) }
  private _fill?: FillProxy
  get fill(): FillProxy { return (this._fill ??= new FillProxy(this.context, this._follow((t) => t))) }
}

/** Excel's default column width in points (8.43 characters). */
export const DEFAULT_COLUMN_WIDTH = 48

/** `range.format.font`. */
export class CellStyleProxy extends ClientObject<RangeRef> {
  protected _props() {
    return {
      bold: (t: RangeRef) => uniform(t, (c) => c?.bold ?? false),
      italic: (t: RangeRef) => uniform(t, (c) => c?.italic ?? false),
      size: (t: RangeRef) => uniform(t, (c) => c?.fontSize ?? 11),
      color: (t: RangeRef) => uniform(t, (c) => c?.fontColor ?? '#000000'),
    }
  }
  private _setCells<K extends 'bold' | 'italic' | 'fontSize' | 'fontColor'>(name: string, key: K, v: Cell[K]): void {
    this._set(name, v, (t: RangeRef, x: Cell[K]) => t.sheet.forEachCell(t.rect, (cell) => { cell[key] = x }))
  }
  get bold(): boolean | null { return this._get('bold') }
  set bold(v: boolean) { this._setCells('bold', 'bold', v) }
  get italic(): boolean | null { return this._get('italic') }
  set italic(v: boolean) { this._setCells('italic', 'italic', v) }
  get size(): number | null { return this._get('size') }
  set size(v: number) { this._setCells('size', 'fontSize', v) }
  get color(): string | null { return this._get('color') }
  set color(v: string) { this._setCells('color', 'fontColor', v) }
}

/** `range.format.fill`. */
export class FillProxy extends ClientObject<RangeRef> {
  protected _props() {
    return { color: (t: RangeRef) => uniform(t, (c) => c?.fill ?? '#FFFFFF') }
  }
  get color(): string | null { return this._get('color') }
  set color(v: string) { this._set('color', v, (t: RangeRef, x: string) => t.sheet.forEachCell(t.rect, (cell) => { cell.fill = x })) }
  clear(): void { this._call([], (t) => t.sheet.forEachExisting(t.rect, (cell) => { cell.fill = null })) }
}
