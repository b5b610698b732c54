/** Worksheets, their collection, frozen panes and tables. */
import { WHOLE_SHEET, check, intersect, parseA1, splitAddress, type Rect } from './address'
import { ClientObject, CollectionObject, type FakeRequestContext } from './client'
import { ErrorCodes, fail } from './errors'
import { RangeProxy, type RangeRef } from './range'
import type { SheetState, TableState, WorkbookState } from './state'

const FORBIDDEN = /[\\/?*[\]:]/

export class WorksheetProxy extends ClientObject<SheetState> {
  private get book(): WorkbookState {
    return this.context.host.state
  }
  protected _props() {
    return {
      id: (t: SheetState) => t.id,
      name: (t: SheetState) => t.name,
      position: (t: SheetState) => this.book.sheets.indexOf(t),
      visibility: (t: SheetState) => t.visibility,
    }
  }
  get visibility(): string { return this._get('visibility') }
  /** ExcelApi 1.2: the last visible sheet cannot be hidden. */
  set visibility(v: string) { this._set('visibility', v, (t: SheetState, x: SheetState['visibility']) => this.book.setVisibility(t, x)) }
  get id(): string { return this._get('id') }
  get name(): string { return this._get('name') }
  set name(v: string) {
    this._set('name', v, (t: SheetState, n: string) => {
      if (!n || n.length > 31 || FORBIDDEN.test(n)) throw fail(ErrorCodes.invalidArgument, `Bad sheet name: ${n}`)
      const other = this.book.findSheet(n)
      if (other && other !== t) throw fail(ErrorCodes.itemAlreadyExists, `A sheet named ${n} exists`)
      t.name = n
    })
  }
  get position(): number { return this._get('position') }
  set position(v: number) { this._set('position', v, (t: SheetState, p: number) => this.book.moveSheet(t, p)) }

  /** A range computed from this sheet when its call runs. */
  private _childRange(args: unknown[], f: (t: SheetState) => RangeRef | null): RangeProxy {
    return this._child((ctx) => new RangeProxy(ctx), f, args)
  }

  getRange(address?: string): RangeProxy {
    return this._childRange([address], (t) => {
      if (address === undefined) return { sheet: t, rect: WHOLE_SHEET }
      const { sheet, local } = splitAddress(address)
      const target = sheet === null ? t : this.book.findSheet(sheet)
      if (!target) throw fail(ErrorCodes.itemNotFound, `No sheet ${sheet}`)
      return { sheet: target, rect: parseA1(local) }
    })
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    return this._childRange([startRow, startColumn, rowCount, columnCount], (t) => ({ sheet: t, rect: check({ row: startRow, col: startColumn, rows: rowCount, cols: columnCount }) }))
  }
  getCell(row: number, column: number): RangeProxy {
    return this._childRange([row, column], (t) => ({ sheet: t, rect: check({ row, col: column, rows: 1, cols: 1 }) }))
  }
  getUsedRange(valuesOnly = false): RangeProxy {
    return this._childRange([valuesOnly], (t) => ({ sheet: t, rect: t.usedRect(valuesOnly) ?? { row: 0, col: 0, rows: 1, cols: 1 } }))
  }
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return this._childRange([valuesOnly], (t) => {
      const rect = t.usedRect(valuesOnly)
      return rect && { sheet: t, rect }
    })
  }
  activate(): void {
    this._call([], (t) => {
      if (t.visibility !== 'Visible') throw fail(ErrorCodes.invalidOperation, `Sheet ${t.name} is hidden and cannot be activated`)
      this.book.active = t
    })
  }
  delete(): void { this._call([], (t) => this.book.deleteSheet(t)) }

  private _tables?: TableCollectionProxy
  get tables(): TableCollectionProxy {
    return (this._tables ??= new TableCollectionProxy(this.context, this._follow((t) => ({ book: this.book, sheet: t }))))
  }
  private _freeze?: FreezePanesProxy
  get freezePanes(): FreezePanesProxy {
    return (this._freeze ??= new FreezePanesProxy(this.context, this._follow((t) => t)))
  }
}

export class WorksheetCollectionProxy extends CollectionObject<WorkbookState, SheetState, WorksheetProxy> {
  protected _list(t: WorkbookState): SheetState[] { return t.sheets }
  protected _item(ctx: FakeRequestContext) { return new WorksheetProxy(ctx) }
  private _sheet(args: unknown[], f: (t: WorkbookState) => SheetState | null): WorksheetProxy {
    return this._child((ctx) => new WorksheetProxy(ctx), f, args)
  }
  getItem(key: string) {
    return this._sheet([key], (t) => {
      const s = t.findSheet(key) ?? t.sheets.find((x) => x.id === key)
      if (!s) throw fail(ErrorCodes.itemNotFound, `No sheet ${key}`)
      return s
    })
  }
  getItemOrNullObject(key: string) { return this._sheet([key], (t) => t.findSheet(key) ?? t.sheets.find((x) => x.id === key) ?? null) }
  add(name?: string) { return this._sheet([name], (t) => t.addSheet(name)) }
  getActiveWorksheet() { return this._sheet([], (t) => t.active) }
  getFirst() { return this._sheet([], (t) => t.sheets[0]) }
}

export class FreezePanesProxy extends ClientObject<SheetState> {
  protected _props() { return {} }
  freezeRows(count = 1): void { this._call([count], (t) => { t.frozenRows = count; t.frozenColumns = 0 }) }
  freezeColumns(count = 1): void { this._call([count], (t) => { t.frozenColumns = count; t.frozenRows = 0 }) }
  unfreeze(): void { this._call([], (t) => { t.frozenRows = 0; t.frozenColumns = 0 }) }
  getLocationOrNullObject(): RangeProxy {
    return this._child((ctx) => new RangeProxy(ctx), (t) => {
      if (!t.frozenRows && !t.frozenColumns) return null
      const rect: Rect = t.frozenRows ? { row: 0, col: 0, rows: t.frozenRows, cols: WHOLE_SHEET.cols } : { row: 0, col: 0, rows: WHOLE_SHEET.rows, cols: t.frozenColumns }
      return { sheet: t, rect }
    })
  }
}

interface TablesRef {
  book: WorkbookState
  /** Null for the workbook's collection. */
  sheet: SheetState | null
}

const TABLE_NAME = /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/

export class TableCollectionProxy extends CollectionObject<TablesRef, TableState, TableProxy> {
  protected _list(t: TablesRef): TableState[] { return t.book.tables.filter((x) => !t.sheet || x.sheet === t.sheet) }
  protected _item(ctx: FakeRequestContext) { return new TableProxy(ctx) }

  add(address: RangeProxy | string, hasHeaders: boolean): TableProxy {
    return this._child((ctx) => new TableProxy(ctx), (t) => {
      let ref: RangeRef
      if (typeof address === 'string') {
        const { sheet, local } = splitAddress(address)
        // Like Excel: an address without a sheet means this collection's sheet, else the active sheet.
        const target = sheet !== null ? t.book.findSheet(sheet) : t.sheet ?? t.book.active
        if (!target) throw fail(ErrorCodes.itemNotFound, `No sheet ${sheet}`)
        ref = { sheet: target, rect: parseA1(local) }
      } else ref = address._target()
      if (t.sheet && ref.sheet !== t.sheet) throw fail(ErrorCodes.invalidArgument, 'The range is on another sheet')
      return t.book.addTable(ref.sheet, ref.rect, hasHeaders)
    }, [typeof address === 'string' ? address : 'range', hasHeaders])
  }
  private _find(t: TablesRef, key: string): TableState | null {
    const found = t.book.findTable(key) ?? t.book.tables.find((x) => x.id === key)
    return found && (!t.sheet || found.sheet === t.sheet) ? found : null
  }
  getItem(key: string) {
    return this._child((ctx) => new TableProxy(ctx), (t) => {
      const found = this._find(t, key)
      if (!found) throw fail(ErrorCodes.itemNotFound, `No table ${key}`)
      return found
    }, [key])
  }
  getItemOrNullObject(key: string) { return this._child((ctx) => new TableProxy(ctx), (t) => this._find(t, key), [key]) }
}

interface ScopedRef {
  book: WorkbookState
  range: RangeRef
  fullyContained: boolean
}

/** `range.getTables()`: the tables meeting (or inside) a range. */
export class TableScopedCollectionProxy extends CollectionObject<ScopedRef, TableState, TableProxy> {
  protected _list(t: ScopedRef): TableState[] {
    return t.book.tables.filter((x) => {
      if (x.sheet !== t.range.sheet) return false
      const common = intersect(x.rect, t.range.rect)
      return common !== null && (!t.fullyContained || (common.rows === x.rect.rows && common.cols === x.rect.cols))
    })
  }
  protected _item(ctx: FakeRequestContext) { return new TableProxy(ctx) }
  getFirst(): TableProxy {
    return this._child((ctx) => new TableProxy(ctx), (t) => {
      const first = this._list(t)[0]
      if (!first) throw fail(ErrorCodes.itemNotFound, 'No table in the range')
      return first
    })
  }
}

export class TableProxy extends ClientObject<TableState> {
  private get book(): WorkbookState {
    return this.context.host.state
  }
  protected _props() {
    return {
      id: (t: TableState) => t.id,
      name: (t: TableState) => t.name,
      style: (t: TableState) => t.style,
      showHeaders: () => true,
      showFilterButton: (t: TableState) => t.showFilterButton,
    }
  }
  get id(): string { return this._get('id') }
  get name(): string { return this._get('name') }
  set name(v: string) {
    this._set('name', v, (t: TableState, n: string) => {
      if (!TABLE_NAME.test(n) || n.length > 255) throw fail(ErrorCodes.invalidArgument, `Bad table name: ${n}`)
      const other = this.book.findTable(n)
      if (other && other !== t) throw fail(ErrorCodes.itemAlreadyExists, `A table named ${n} exists`)
      t.name = n
    })
  }
  get style(): string { return this._get('style') }
  set style(v: string) { this._set('style', v, (t: TableState, s: string) => { t.style = s }) }
  get showFilterButton(): boolean { return this._get('showFilterButton') }
  set showFilterButton(v: boolean) { this._set('showFilterButton', v, (t: TableState, x: boolean) => { t.showFilterButton = x }) }

  private _range(f: (t: TableState) => Rect): RangeProxy {
    return this._child((ctx) => new RangeProxy(ctx), (t) => ({ sheet: t.sheet, rect: f(t) }))
  }
  getRange() { return this._range((t) => t.rect) }
  getHeaderRowRange() { return this._range((t) => ({ ...t.rect, rows: 1 })) }
  getDataBodyRange() { return this._range((t) => ({ ...t.rect, row: t.rect.row + 1, rows: t.rect.rows - 1 })) }

  /** Deletes the table and its cells' contents and formats (`convertToRange` keeps them). */
  delete(): void {
    this._call([], (t) => {
      this.book.tables.splice(this.book.tables.indexOf(t), 1)
      t.sheet.clear(t.rect, 'All')
    })
  }
  convertToRange(): void { this._call([], (t) => { this.book.tables.splice(this.book.tables.indexOf(t), 1) }) }

  private _sheet?: WorksheetProxy
  get worksheet(): WorksheetProxy { return (this._sheet ??= new WorksheetProxy(this.context, this._follow((t) => t.sheet))) }
}
