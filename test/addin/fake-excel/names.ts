/** `workbook.names` (ExcelApi 1.4; `formula` settable from 1.7): workbook-scoped defined names. */
import { absoluteA1, sheetPrefix } from './address'
import { ClientObject, CollectionObject, type FakeRequestContext } from './client'
import { ErrorCodes, fail } from './errors'
import type { RangeProxy } from './range'
import type { NameState, WorkbookState } from './state'

/** Letters, digits, `_`, `.` and `\`, not starting with a digit and not like a cell (`A1`, `R1C1`). */
const NAME = /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/
const CELL_LIKE = /^([A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*|[RrCc])$/

function formulaOf(reference: RangeProxy | string): string {
  if (typeof reference === 'string') {
    if (!reference.startsWith('=')) throw fail(ErrorCodes.invalidArgument, 'A name refers to a formula starting with =')
    return reference
  }
  const ref = reference._target()
  return `=${sheetPrefix(ref.sheet.name)}${absoluteA1(ref.rect)}`
}

export class NamedItemCollectionProxy extends CollectionObject<WorkbookState, NameState, NamedItemProxy> {
  protected _list(t: WorkbookState): NameState[] { return t.names }
  protected _item(ctx: FakeRequestContext) { return new NamedItemProxy(ctx) }

  add(name: string, reference: RangeProxy | string, comment = ''): NamedItemProxy {
    return this._child((ctx) => new NamedItemProxy(ctx), (t) => {
      if (!NAME.test(name) || CELL_LIKE.test(name) || name.length > 255) throw fail(ErrorCodes.invalidArgument, `Bad name: ${name}`)
      if (t.findName(name)) throw fail(ErrorCodes.itemAlreadyExists, `The name ${name} exists`)
      const item: NameState = { name, formula: formulaOf(reference), comment, visible: true }
      t.names.push(item)
      return item
    }, [name, typeof reference === 'string' ? reference : 'range', comment])
  }
  getItem(name: string): NamedItemProxy {
    return this._child((ctx) => new NamedItemProxy(ctx), (t) => {
      const found = t.findName(name)
      if (!found) throw fail(ErrorCodes.itemNotFound, `No name ${name}`)
      return found
    }, [name])
  }
  getItemOrNullObject(name: string): NamedItemProxy {
    return this._child((ctx) => new NamedItemProxy(ctx), (t) => t.findName(name) ?? null, [name])
  }
}

export class NamedItemProxy extends ClientObject<NameState> {
  private get book(): WorkbookState {
    return this.context.host.state
  }
  protected _props() {
    return {
      name: (t: NameState) => t.name,
      formula: (t: NameState) => t.formula,
      comment: (t: NameState) => t.comment,
      visible: (t: NameState) => t.visible,
      scope: () => 'Workbook',
      type: () => 'Range',
    }
  }
  get name(): string { return this._get('name') }
  get formula(): string { return this._get('formula') }
  set formula(v: string) {
    this._set('formula', v, (t: NameState, f: string) => {
      if (typeof f !== 'string' || !f.startsWith('=')) throw fail(ErrorCodes.invalidArgument, 'A name\'s formula starts with =')
      t.formula = f
    })
  }
  get comment(): string { return this._get('comment') }
  set comment(v: string) { this._set('comment', v, (t: NameState, c: string) => { t.comment = c }) }
  get visible(): boolean { return this._get('visible') }
  set visible(v: boolean) { this._set('visible', v, (t: NameState, x: boolean) => { t.visible = x }) }
  get scope(): string { return this._get('scope') }
  get type(): string { return this._get('type') }
  delete(): void { this._call([], (t) => { this.book.names.splice(this.book.names.indexOf(t), 1) }) }
}
