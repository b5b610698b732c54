/**
 * An operation as the Record form holds it (text fields, as typed) and the API body it becomes.
 * Pure: the form, the outbox's "edit" and the tests share it.
 */
import { assertNever } from '../../../shared/assert-never'
import { parseNumberText } from '../../../shared/numbers'
import type { OperationType } from '../../../shared/operation-types'
import type { OperationBody, Product } from '../api/types'
import { newClientId } from '../ids'
import { emptyLine, type DraftLine } from './lines-from-rows'

export interface ProduceDraft extends DraftLine {
  /** Consumed lots that made this output, as `SKU␀lot`. */
  inputs: string[]
}

export interface OperationDraft {
  /** The client id the write will carry, kept across edits and retries. */
  id: string
  type: OperationType
  reference: string
  partner: string
  date: string
  from: string
  to: string
  note: string
  overrideReason: string
  correctionOf: string
  lines: DraftLine[]
  consume: DraftLine[]
  produce: ProduceDraft[]
}

export interface Problem {
  path: string
  message: string
}

export function newDraft(type: OperationType = 'receipt'): OperationDraft {
  return {
    id: newClientId('op-'), type, reference: '', partner: '', date: '', from: '', to: '', note: '', overrideReason: '', correctionOf: '',
    lines: [emptyLine()], consume: [emptyLine()], produce: [{ ...emptyLine(), inputs: [] }],
  }
}

export const inputKey = (product: string, lot: string) => `${product}\u0000${lot}`

/** Serials typed in one field: one per line, or separated by commas or semicolons. */
export function splitSerials(text: string): string[] {
  return text.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean)
}

type Line = Record<string, unknown>

/**
 * The API body of a draft, with problems found before sending and, per section, which draft row
 * each body line came from (to show the server's errors on the right row).
 */
export function draftToBody(d: OperationDraft, products: Map<string, Product>): {
  body: OperationBody | null
  problems: Problem[]
  rows: Record<'lines' | 'consume' | 'produce', number[]>
} {
  const problems: Problem[] = []
  const rows: Record<'lines' | 'consume' | 'produce', number[]> = { lines: [], consume: [], produce: [] }
  const qtyOf = (text: string, path: string, required: boolean): number | undefined => {
    if (!text.trim()) {
      if (required) problems.push({ path, message: 'quantity is required' })
      return undefined
    }
    const n = parseNumberText(text)
    if (n === null) problems.push({ path, message: `"${text}" is not a number` })
    return n ?? undefined
  }
  const build = (section: 'lines' | 'consume' | 'produce', list: DraftLine[], shape: (l: DraftLine, at: string) => Line | null) => {
    const out: Line[] = []
    list.forEach((l, i) => {
      if (!l.product.trim()) return
      const at = `${section}[${out.length}]`
      rows[section].push(i)
      if (!products.has(l.product.trim())) problems.push({ path: `${at}.product`, message: `unknown product ${l.product.trim()}` })
      const line = shape(l, at)
      if (line) out.push(line)
    })
    return out
  }
  const movement = (l: DraftLine, at: string): Line => {
    const product = products.get(l.product.trim())
    const line: Line = { product: l.product.trim() }
    if (product?.tracking === 'serial' && l.lot.trim()) {
      line.serials = splitSerials(l.lot)
      const qty = qtyOf(l.qty, `${at}.qty`, false)
      if (qty !== undefined) line.qty = qty
    } else {
      if (l.lot.trim()) line.lot = l.lot.trim()
      const qty = qtyOf(l.qty, `${at}.qty`, product?.tracking !== 'serial')
      if (qty !== undefined) line.qty = qty
    }
    for (const k of ['from', 'to', 'package', 'expirationDate'] as const) if (l[k].trim()) line[k] = l[k].trim()
    return line
  }
  const header: Line = { id: d.id, type: d.type, reference: d.reference.trim() }
  if (!d.reference.trim()) problems.push({ path: 'reference', message: 'a reference is required (e.g. the PO or order number)' })
  for (const k of ['partner', 'date', 'from', 'to', 'note'] as const) if (d[k].trim()) header[k] = d[k].trim()
  if (d.overrideReason.trim()) header.override = { reason: d.overrideReason.trim() }
  switch (d.type) {
    case 'adjustment':
      header.lines = build('lines', d.lines, (l, at) => {
        const line: Line = { product: l.product.trim(), location: l.location.trim() || d.to.trim() || 'WH/Stock' }
        const counted = qtyOf(l.qty, `${at}.countedQty`, true)
        if (counted !== undefined) line.countedQty = counted
        if (l.noLot) line.noLot = true
        else if (l.lot.trim()) line.lot = l.lot.trim()
        if (l.package.trim()) line.package = l.package.trim()
        if (l.expirationDate.trim()) line.expirationDate = l.expirationDate.trim()
        return line
      })
      delete header.to
      break
    case 'production': {
      header.consume = build('consume', d.consume, movement)
      header.produce = build('produce', d.produce, (l, at) => {
        const line = movement(l, at)
        const inputs = (l as ProduceDraft).inputs ?? []
        if (inputs.length) line.inputs = inputs.map((k) => ({ product: k.split('\u0000')[0], lot: k.split('\u0000')[1] }))
        return line
      })
      if ((header.produce as Line[]).length === 0) problems.push({ path: 'produce', message: 'add what the production made' })
      break
    }
    case 'return': {
      if (!d.correctionOf.trim()) problems.push({ path: 'correctionOf', message: 'say which operation this returns (its id)' })
      header.correctionOf = d.correctionOf.trim()
      const lines = build('lines', d.lines, movement)
      if (lines.length) header.lines = lines
      break
    }
    case 'receipt':
    case 'delivery':
    case 'internal':
    case 'scrap':
      header.lines = build('lines', d.lines, movement)
      if ((header.lines as Line[]).length === 0) problems.push({ path: 'lines', message: 'add at least one line with a product' })
      break
    default:
      assertNever(d.type, 'operation type')
  }
  return { body: problems.length ? null : (header as unknown as OperationBody), problems, rows }
}

const lineOf = (l: Line): DraftLine => ({
  ...emptyLine(),
  product: String(l.product ?? ''),
  lot: Array.isArray(l.serials) ? (l.serials as string[]).join('\n') : String(l.lot ?? ''),
  qty: l.qty !== undefined ? String(l.qty) : l.countedQty !== undefined ? String(l.countedQty) : '',
  from: String(l.from ?? ''), to: String(l.to ?? ''), package: String(l.package ?? ''),
  expirationDate: String(l.expirationDate ?? ''), location: String(l.location ?? ''), noLot: l.noLot === true,
})

/** A draft from a body: to edit a queued write. */
export function bodyToDraft(body: OperationBody): OperationDraft {
  const b = body as unknown as Line
  const d = newDraft(b.type as OperationType)
  d.id = String(b.id)
  for (const k of ['reference', 'partner', 'date', 'from', 'to', 'note', 'correctionOf'] as const) d[k] = b[k] === undefined ? '' : String(b[k])
  d.overrideReason = (b.override as { reason?: string } | undefined)?.reason ?? ''
  if (Array.isArray(b.lines)) d.lines = (b.lines as Line[]).map(lineOf)
  if (Array.isArray(b.consume)) d.consume = (b.consume as Line[]).map(lineOf)
  if (Array.isArray(b.produce)) {
    d.produce = (b.produce as Line[]).map((l) => ({
      ...lineOf(l), inputs: ((l.inputs as Array<{ product: string; lot: string }>) ?? []).map((i) => inputKey(i.product, i.lot)),
    }))
  }
  return d
}

/** "Receipt PO-1042, 3 lines": how a write is listed in the queue. */
export function describeBody(body: OperationBody): string {
  const b = body as unknown as Line
  const count = ['lines', 'consume', 'produce'].reduce((n, k) => n + (Array.isArray(b[k]) ? (b[k] as unknown[]).length : 0), 0)
  const type = String(b.type)
  return `${type[0].toUpperCase()}${type.slice(1)} ${b.reference}${count ? `, ${count} ${count === 1 ? 'line' : 'lines'}` : ''}`
}
