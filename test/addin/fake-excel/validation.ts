/** `range.dataValidation` (ExcelApi 1.8): the rule, error alert, prompt and blanks of a range. */
import { absoluteA1, area, formatA1, intersect, sheetPrefix } from './address'
import { ClientObject } from './client'
import { ErrorCodes, fail } from './errors'
import type { RangeProxy, RangeRef } from './range'
import { DEFAULT_ERROR_ALERT, DEFAULT_PROMPT, defaultValidation, type ValidationState } from './state'

const RULE_TYPES: Record<string, string> = {
  wholeNumber: 'WholeNumber', decimal: 'Decimal', list: 'List', date: 'Date', time: 'Time', textLength: 'TextLength', custom: 'Custom',
}
/** Excel's limit on a list typed inline (`a,b,c`). */
const INLINE_LIST_MAX = 255
const ALERT_STYLES = new Set(['Stop', 'Warning', 'Information'])

/** The validations meeting the range. */
function meeting(t: RangeRef): ValidationState[] {
  return t.sheet.validations.filter((v) => intersect(v.rect, t.rect))
}

/** The one validation covering the whole range, or null when none does (or several do). */
function covering(t: RangeRef): ValidationState | null {
  const found = meeting(t)
  if (found.length !== 1) return null
  const common = intersect(found[0].rect, t.rect)!
  return area(common) === area(t.rect) ? found[0] : null
}

/**
 * The validation of exactly this range, made when missing. The fake keeps validations as
 * rectangles: a range partly overlapping another validation is refused (clear it first).
 */
function own(t: RangeRef): ValidationState {
  const exact = t.sheet.validations.find((v) => v.rect.row === t.rect.row && v.rect.col === t.rect.col && v.rect.rows === t.rect.rows && v.rect.cols === t.rect.cols)
  if (exact) return exact
  const others = meeting(t)
  for (const v of others) {
    const common = intersect(v.rect, t.rect)!
    if (area(common) !== area(v.rect)) throw fail(ErrorCodes.notImplemented, `The fake cannot split the validation on ${formatA1(v.rect)}: clear it first`)
  }
  t.sheet.validations = t.sheet.validations.filter((v) => !others.includes(v))
  const made = defaultValidation(t.rect)
  t.sheet.validations.push(made)
  return made
}

/** A rule as the fake stores it: a Range source becomes its absolute address formula. */
function normaliseRule(rule: unknown): Record<string, unknown> {
  if (!rule || typeof rule !== 'object') throw fail(ErrorCodes.invalidArgument, 'A data validation rule is an object')
  const keys = Object.keys(rule).filter((k) => (rule as Record<string, unknown>)[k] !== undefined)
  if (keys.length !== 1 || !RULE_TYPES[keys[0]]) throw fail(ErrorCodes.invalidArgument, 'A data validation rule has exactly one criteria type')
  const [type] = keys
  const criteria = { ...((rule as Record<string, Record<string, unknown>>)[type]) }
  if (type === 'list') {
    const source = criteria.source as unknown
    if (source && typeof source === 'object' && '_target' in source) {
      const ref = (source as RangeProxy)._target()
      criteria.source = `=${sheetPrefix(ref.sheet.name)}${absoluteA1(ref.rect)}`
    } else if (typeof source !== 'string' || source === '') {
      throw fail(ErrorCodes.invalidArgument, 'A list rule needs a source')
    } else if (!source.startsWith('=') && source.length > INLINE_LIST_MAX) {
      throw fail(ErrorCodes.invalidArgument, `An inline list is limited to ${INLINE_LIST_MAX} characters`)
    }
    criteria.inCellDropDown ??= true
  }
  return { [type]: criteria }
}

export class DataValidationProxy extends ClientObject<RangeRef> {
  protected _props() {
    const pick = <K extends keyof ValidationState>(key: K, none: ValidationState[K]) => (t: RangeRef) => {
      const v = covering(t)
      if (v) return v[key]
      return meeting(t).length ? null : none
    }
    return {
      rule: pick('rule', {}),
      ignoreBlanks: pick('ignoreBlanks', true),
      errorAlert: pick('errorAlert', DEFAULT_ERROR_ALERT),
      prompt: pick('prompt', DEFAULT_PROMPT),
      type: (t: RangeRef) => {
        const found = meeting(t)
        if (found.length === 0) return 'None'
        const v = covering(t)
        if (!v) return 'Inconsistent'
        const key = Object.keys(v.rule)[0]
        return key ? RULE_TYPES[key] : 'None'
      },
    }
  }
  get rule(): Record<string, unknown> { return this._get('rule') }
  set rule(v: Record<string, unknown>) {
    this._set('rule', v, (t: RangeRef, x: unknown) => {
      const rule = normaliseRule(x)
      own(t).rule = rule
    })
  }
  get ignoreBlanks(): boolean { return this._get('ignoreBlanks') }
  set ignoreBlanks(v: boolean) { this._set('ignoreBlanks', v, (t: RangeRef, x: boolean) => { own(t).ignoreBlanks = Boolean(x) }) }
  get errorAlert(): ValidationState['errorAlert'] { return this._get('errorAlert') }
  set errorAlert(v: Partial<ValidationState['errorAlert']>) {
    this._set('errorAlert', v, (t: RangeRef, x: Partial<ValidationState['errorAlert']>) => {
      if (x.style !== undefined && !ALERT_STYLES.has(x.style)) throw fail(ErrorCodes.invalidArgument, `Bad alert style ${x.style}`)
      if ((x.title?.length ?? 0) > 32 || (x.message?.length ?? 0) > 225) throw fail(ErrorCodes.invalidArgument, 'An alert title takes 32 characters, its message 225')
      const target = own(t)
      target.errorAlert = { ...target.errorAlert, ...x }
    })
  }
  get prompt(): ValidationState['prompt'] { return this._get('prompt') }
  set prompt(v: Partial<ValidationState['prompt']>) {
    this._set('prompt', v, (t: RangeRef, x: Partial<ValidationState['prompt']>) => {
      const target = own(t)
      target.prompt = { ...target.prompt, ...x }
    })
  }
  get type(): string { return this._get('type') }

  /** Removes validation from the range's cells (the fake only removes whole validations). */
  clear(): void {
    this._call([], (t) => {
      const met = meeting(t)
      for (const v of met) {
        if (area(intersect(v.rect, t.rect)!) !== area(v.rect)) throw fail(ErrorCodes.notImplemented, `The fake cannot clear part of the validation on ${formatA1(v.rect)}`)
      }
      t.sheet.validations = t.sheet.validations.filter((v) => !met.includes(v))
    })
  }
}
