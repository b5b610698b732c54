/**
 * The API body a Record draft becomes, checked before it is sent: products resolved (SKU, GTIN,
 * name), quantities read, lots asked for where the product is tracked, then the whole body held
 * to the server's own schema. Problems carry the server's paths (`lines[0].qty`) and, per section,
 * which draft row each body line came from, so that they are shown on the right row.
 */
import type { z } from 'zod'
import { assertNever } from '../../../shared/assert-never'
import { parseNumberText } from '../../../shared/numbers'
import { resolveProduct, type ProductIndex } from '../../../shared/products/resolve'
import type { ErrorDetail } from '../../../shared/schemas/error'
import { OperationInput, type AdjustmentLine, type Line, type ProduceLine } from '../../../shared/schemas/operation'
import type { OperationBody, Product } from '../api/types'
import type { DraftLine } from './lines-from-rows'
import type { OperationDraft, ProduceDraft } from './operation-draft'
import { kdesToBody } from './kdes-body'
import { schemaProblems } from './validate'

export type Section = 'lines' | 'consume' | 'produce'
export type Rows = Record<Section, number[]>

type LineIn = z.input<typeof Line>

/** Serials typed in one field: one per line, or separated by commas or semicolons. */
export function splitSerials(text: string): string[] {
  return text.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean)
}

const optional = (v: string) => v.trim() || undefined

/** A line's expiration as the API takes it: the date, and `month` beside it when it came as a month only. */
const expiry = (l: DraftLine) => {
  const expirationDate = optional(l.expirationDate)
  return { expirationDate, expirationPrecision: expirationDate && l.expirationPrecision === 'month' ? 'month' as const : undefined }
}

/** Builds the body of `d` against the products of `index`; see the module comment. */
export function draftToBody(d: OperationDraft, index: ProductIndex<Product>): { body: OperationBody | null; problems: ErrorDetail[]; rows: Rows } {
  const problems: ErrorDetail[] = []
  const rows: Rows = { lines: [], consume: [], produce: [] }
  const lotsNeeded = d.type !== 'return'

  const qtyOf = (text: string, path: string, required: boolean): number | undefined => {
    if (!text.trim()) {
      if (required) problems.push({ path, message: 'quantity is required' })
      return undefined
    }
    const n = parseNumberText(text)
    if (n === null) problems.push({ path, message: `"${text.trim()}" is not a number` })
    return n ?? undefined
  }
  /** The lines of a section that name a product, each with its resolved product (if any). */
  const each = <L extends DraftLine, T>(section: Section, list: L[], shape: (l: L, at: string, p: Product | null) => T): T[] =>
    list.flatMap((l, i) => {
      if (!l.product.trim()) return []
      const at = `${section}[${rows[section].length}]`
      rows[section].push(i)
      const match = resolveProduct(l.product, index)
      if (!match.product) problems.push({ path: `${at}.product`, message: match.message })
      return [shape(l, at, match.product)]
    })
  const movement = (l: DraftLine, at: string, p: Product | null): LineIn => {
    const line: LineIn = { product: p?.sku ?? l.product.trim() }
    if (p?.tracking === 'serial' && l.lot.trim()) line.serials = splitSerials(l.lot)
    else if (l.lot.trim()) line.lot = l.lot.trim()
    else if (p && p.tracking !== 'none' && lotsNeeded) {
      problems.push({ path: `${at}.lot`, message: p.tracking === 'serial' ? `${p.sku} is tracked by serial number: list the serials` : `${p.sku} is tracked by lot: name the lot` })
    }
    line.qty = qtyOf(l.qty, `${at}.qty`, !line.serials && lotsNeeded)
    if (line.qty === undefined) delete line.qty
    Object.assign(line, { from: optional(l.from), to: optional(l.to), package: optional(l.package), ...expiry(l) })
    return dropUndefined(line)
  }
  const count = (l: DraftLine, at: string, p: Product | null): z.input<typeof AdjustmentLine> => {
    if (p && p.tracking !== 'none' && !l.noLot && !l.lot.trim()) problems.push({ path: `${at}.lot`, message: `${p.sku} is tracked: name the lot, or tick "No lot"` })
    return dropUndefined({
      product: p?.sku ?? l.product.trim(), location: l.location.trim() || d.to.trim() || 'WH/Stock',
      countedQty: qtyOf(l.qty, `${at}.countedQty`, true) ?? 0,
      noLot: l.noLot ? true : undefined, lot: l.noLot ? undefined : optional(l.lot), package: optional(l.package), ...expiry(l),
    })
  }

  const header = dropUndefined({
    id: d.id, reference: d.reference.trim(), partner: optional(d.partner), date: optional(d.date), from: optional(d.from), to: optional(d.to),
    note: optional(d.note), override: d.overrideReason.trim() ? { reason: d.overrideReason.trim() } : undefined,
  })
  if (!header.reference) problems.push({ path: 'reference', message: 'a reference is required (e.g. the PO or order number)' })
  let body: OperationBody
  switch (d.type) {
    case 'adjustment': {
      const { to: _to, ...rest } = header
      body = { type: 'adjustment', ...rest, lines: each('lines', d.lines, count) }
      break
    }
    case 'production':
      body = {
        type: 'production', ...header,
        consume: each('consume', d.consume, movement),
        produce: each('produce', d.produce, (l: ProduceDraft, at, p): z.input<typeof ProduceLine> => {
          const inputs = l.inputs ?? []
          const line = movement(l, at, p)
          return inputs.length ? { ...line, inputs: inputs.map((k) => ({ product: k.split('\u0000')[0], lot: k.split('\u0000')[1] })) } : line
        }),
      }
      break
    case 'return': {
      if (!d.correctionOf.trim()) problems.push({ path: 'correctionOf', message: 'find the delivery (or receipt) this returns by its reference' })
      const lines = each('lines', d.lines, movement)
      body = { type: 'return', ...header, correctionOf: d.correctionOf.trim(), ...(lines.length ? { lines } : {}) }
      break
    }
    case 'receipt': {
      const { kdes, problems: kdeProblems } = kdesToBody(d.kdes)
      problems.push(...kdeProblems)
      body = { type: 'receipt', ...header, lines: each('lines', d.lines, movement), ...(kdes ? { kdes } : {}) }
      break
    }
    case 'delivery':
    case 'internal':
    case 'scrap':
      body = { type: d.type, ...header, lines: each('lines', d.lines, movement) }
      break
    default:
      return assertNever(d.type, 'operation type')
  }
  // The server's schema has the last word; what the checks above said already is not said twice.
  const said = new Set(problems.map((p) => p.path))
  for (const p of schemaProblems(OperationInput, body)) if (!said.has(p.path) && !said.has(p.path.replace(/\.\w+$/, ''))) problems.push(p)
  return { body: problems.length ? null : body, problems, rows }
}

/** The object without its undefined fields: bodies are sent and compared as JSON. */
function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k]
  return o
}
