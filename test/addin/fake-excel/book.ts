/** The workbook, its application object and its settings. */
import { ClientObject, CollectionObject, type FakeRequestContext } from './client'
import { ErrorCodes, fail } from './errors'
import { NamedItemCollectionProxy } from './names'
import { RangeProxy } from './range'
import { TableCollectionProxy, WorksheetCollectionProxy } from './sheet'
import type { WorkbookState } from './state'

/** Settings are stored serialised, like Excel does: what comes back is a copy. */
const serialised = (v: unknown): unknown => (v === undefined ? null : JSON.parse(JSON.stringify(v)))

export class WorkbookProxy extends ClientObject<WorkbookState> {
  constructor(ctx: FakeRequestContext) {
    super(ctx, { resolve: () => ctx.host.state, ready: () => true })
  }
  protected _props() {
    return { name: () => 'Book1.xlsx' }
  }
  get name(): string { return this._get('name') }

  private _worksheets?: WorksheetCollectionProxy
  get worksheets(): WorksheetCollectionProxy { return (this._worksheets ??= new WorksheetCollectionProxy(this.context, this._follow((t) => t))) }
  private _tables?: TableCollectionProxy
  get tables(): TableCollectionProxy { return (this._tables ??= new TableCollectionProxy(this.context, this._follow((t) => ({ book: t, sheet: null })))) }
  private _settings?: SettingCollectionProxy
  get settings(): SettingCollectionProxy { return (this._settings ??= new SettingCollectionProxy(this.context, this._follow((t) => t))) }
  private _names?: NamedItemCollectionProxy
  get names(): NamedItemCollectionProxy { return (this._names ??= new NamedItemCollectionProxy(this.context, this._follow((t) => t))) }
  private _application?: ApplicationProxy
  get application(): ApplicationProxy { return (this._application ??= new ApplicationProxy(this.context, this._follow((t) => t))) }

  /** The active sheet's active cell. */
  getActiveCell(): RangeProxy {
    return this._child((ctx) => new RangeProxy(ctx), (t) => {
      const sheet = t.active!
      return { sheet, rect: { ...sheet.selection.active, rows: 1, cols: 1 } }
    })
  }
  /** The active sheet's selected range. */
  getSelectedRange(): RangeProxy {
    return this._child((ctx) => new RangeProxy(ctx), (t) => ({ sheet: t.active!, rect: t.active!.selection.rect }))
  }
}

export class ApplicationProxy extends ClientObject<WorkbookState> {
  protected _props() {
    return { calculationMode: () => 'Automatic' }
  }
  get calculationMode(): string { return this._get('calculationMode') }
  /** Counted in `stats.calcSuspensions`. */
  suspendApiCalculationUntilNextSync(): void { this._call([], () => { this.context.host.stats.calcSuspensions++ }) }
  suspendScreenUpdatingUntilNextSync(): void { this._call([], () => {}) }
}

interface SettingRef {
  book: WorkbookState
  key: string
}

export class SettingCollectionProxy extends CollectionObject<WorkbookState, SettingRef, SettingProxy> {
  protected _list(t: WorkbookState): SettingRef[] { return [...t.settings.keys()].map((key) => ({ book: t, key })) }
  protected _item(ctx: FakeRequestContext) { return new SettingProxy(ctx) }

  /** Adds the setting, or replaces its value. */
  add(key: string, value: unknown): SettingProxy {
    return this._child((ctx) => new SettingProxy(ctx), (t) => {
      t.settings.set(key, serialised(value))
      return { book: t, key }
    }, [key, value])
  }
  getItem(key: string): SettingProxy {
    return this._child((ctx) => new SettingProxy(ctx), (t) => {
      if (!t.settings.has(key)) throw fail(ErrorCodes.itemNotFound, `No setting ${key}`)
      return { book: t, key }
    }, [key])
  }
  getItemOrNullObject(key: string): SettingProxy {
    return this._child((ctx) => new SettingProxy(ctx), (t) => (t.settings.has(key) ? { book: t, key } : null), [key])
  }
}

export class SettingProxy extends ClientObject<SettingRef> {
  protected _props() {
    return {
      key: (t: SettingRef) => t.key,
      value: (t: SettingRef) => serialised(t.book.settings.get(t.key)),
    }
  }
  get key(): string { return this._get('key') }
  get value(): unknown { return this._get('value') }
  set value(v: unknown) { this._set('value', v, (t: SettingRef, x: unknown) => { t.book.settings.set(t.key, serialised(x)) }) }
  delete(): void { this._call([], (t) => { t.book.settings.delete(t.key) }) }
}
