/** Conditional formats: the collection on a range, and custom (formula) rules. */
import { intersect } from './address'
import { ClientObject, CollectionObject, type FakeRequestContext, type Link } from './client'
import { ErrorCodes, fail } from './errors'
import type { RangeRef } from './range'
import { nextId, type ConditionalFormatState, type SheetState } from './state'

interface CfRef {
  sheet: SheetState
  cf: ConditionalFormatState
}

const TYPES = new Set(['Custom', 'DataBar', 'ColorScale', 'IconSet', 'TopBottom', 'PresetCriteria', 'ContainsText', 'CellValue'])

/** `range.conditionalFormats`: the formats whose range meets this one. */
export class ConditionalFormatsProxy extends CollectionObject<RangeRef, CfRef, ConditionalFormatProxy> {
  protected _list(t: RangeRef): CfRef[] {
    return t.sheet.conditionalFormats.filter((cf) => intersect(cf.rect, t.rect)).map((cf) => ({ sheet: t.sheet, cf }))
  }
  protected _item(ctx: FakeRequestContext) {
    return new ConditionalFormatProxy(ctx)
  }

  /** Adds a format at the top priority, like Excel. */
  add(type: string): ConditionalFormatProxy {
    return this._child((ctx) => new ConditionalFormatProxy(ctx), (t) => {
      if (!TYPES.has(type)) throw fail(ErrorCodes.invalidArgument, `Unknown conditional format type ${type}`)
      const cf: ConditionalFormatState = { id: nextId('cf'), type, rect: t.rect, formula: '', fill: null, fontColor: null, stopIfTrue: false }
      t.sheet.conditionalFormats.unshift(cf)
      return { sheet: t.sheet, cf }
    }, [type])
  }

  clearAll(): void {
    this._call([], (t) => {
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((cf) => !intersect(cf.rect, t.rect))
    })
  }
}

export class ConditionalFormatProxy extends ClientObject<CfRef> {
  protected _props() {
    return {
      id: (t: CfRef) => t.cf.id,
      type: (t: CfRef) => t.cf.type,
      priority: (t: CfRef) => t.sheet.conditionalFormats.indexOf(t.cf),
      stopIfTrue: (t: CfRef) => t.cf.stopIfTrue,
    }
  }
  get id(): string { return this._get('id') }
  get type(): string { return this._get('type') }
  get priority(): number { return this._get('priority') }
  set priority(v: number) {
    this._set('priority', v, (t: CfRef, p: number) => {
      const list = t.sheet.conditionalFormats
      list.splice(list.indexOf(t.cf), 1)
      list.splice(p < 0 ? Math.max(0, list.length + 1 + p) : Math.min(p, list.length), 0, t.cf)
    })
  }
  get stopIfTrue(): boolean { return this._get('stopIfTrue') }
  set stopIfTrue(v: boolean) { this._set('stopIfTrue', v, (t: CfRef, x: boolean) => { t.cf.stopIfTrue = x }) }

  private _custom?: CustomFormatProxy
  get custom(): CustomFormatProxy {
    return (this._custom ??= new CustomFormatProxy(this.context, this._follow((t) => t)))
  }
}

/** Guards the custom-format parts: Excel refuses them on other types. */
const custom = (t: CfRef): ConditionalFormatState => {
  if (t.cf.type !== 'Custom') throw fail(ErrorCodes.invalidOperation, 'Not a custom conditional format')
  return t.cf
}

export class CustomFormatProxy extends ClientObject<CfRef> {
  protected _props() {
    return {}
  }
  private _rule?: RuleProxy
  get rule(): RuleProxy { return (this._rule ??= new RuleProxy(this.context, this._follow((t) => t))) }
  private _format?: CfFormatProxy
  get format(): CfFormatProxy { return (this._format ??= new CfFormatProxy(this.context, this._follow((t) => t))) }
}

export class RuleProxy extends ClientObject<CfRef> {
  protected _props() {
    return { formula: (t: CfRef) => custom(t).formula }
  }
  get formula(): string { return this._get('formula') }
  set formula(v: string) {
    this._set('formula', v, (t: CfRef, f: string) => {
      if (!f.startsWith('=')) throw fail(ErrorCodes.invalidArgument, 'A rule formula starts with =')
      custom(t).formula = f
    })
  }
}

export class CfFormatProxy extends ClientObject<CfRef> {
  protected _props() {
    return {}
  }
  private _fill?: CfColorProxy
  get fill(): CfColorProxy { return (this._fill ??= new CfColorProxy(this.context, this._follow((t) => t), 'fill')) }
  private _font?: CfColorProxy
  get font(): CfColorProxy { return (this._font ??= new CfColorProxy(this.context, this._follow((t) => t), 'fontColor')) }
}

/** `format.fill` or `format.font` of a conditional format: the fake keeps their colour. */
export class CfColorProxy extends ClientObject<CfRef> {
  constructor(ctx: FakeRequestContext, link: Link<CfRef>, private readonly key: 'fill' | 'fontColor') {
    super(ctx, link)
  }
  protected _props() {
    return { color: (t: CfRef) => custom(t)[this.key] }
  }
  get color(): string | null { return this._get('color') }
  set color(v: string) { this._set('color', v, (t: CfRef, c: string) => { custom(t)[this.key] = c }) }
}
