/**
 * An operation as the Record form holds it (text fields, as typed), and back from an API body
 * (to edit a queued write). Pure: the form, the queue's "edit" and the tests share it.
 */
import type { z } from 'zod'
import { assertNever } from '../../../shared/assert-never'
import { OPERATION_TYPE_INFO, type OperationType } from '../../../shared/operation-types'
import type { AdjustmentLine, Line } from '../../../shared/schemas/operation'
import type { OperationBody } from '../api/types'
import { newClientId } from '../ids'
import { emptyLine, type DraftLine } from './lines-from-rows'
import { kdesToDraft, type KdeDraft } from './receipt-kdes'

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
  /** A return: the id of the operation it returns, found by its reference. */
  correctionOf: string
  /** A return: what the user typed to find it (the delivery's reference). */
  correctionRef: string
  lines: DraftLine[]
  consume: DraftLine[]
  produce: ProduceDraft[]
  /** A receipt's FSMA 204 KDEs; absent from drafts kept before the form had them. */
  kdes?: KdeDraft
}

/** An empty draft of `type` with a new client id. */
export function newDraft(type: OperationType = 'receipt'): OperationDraft {
  return {
    id: newClientId('op-'), type, reference: '', partner: '', date: '', from: '', to: '', note: '', overrideReason: '', correctionOf: '', correctionRef: '',
    lines: [emptyLine()], consume: [emptyLine()], produce: [{ ...emptyLine(), inputs: [] }],
  }
}

/** A consumed lot as a produced line's draft keeps it (`SKU␀lot`). */
export const inputKey = (product: string, lot: string) => `${product}\u0000${lot}`

/** True when the draft holds nothing typed: replacing it loses nothing. */
export function isEmptyDraft(d: OperationDraft): boolean {
  const typed = (l: DraftLine) => [l.product, l.lot, l.qty].some((v) => v.trim())
  return ![d.reference, d.partner, d.correctionOf, d.correctionRef].some((v) => v.trim()) && ![...d.lines, ...d.consume, ...d.produce].some(typed)
}

const lineOf = (l: z.input<typeof Line>): DraftLine => ({
  ...emptyLine(),
  product: l.product,
  lot: l.serials ? l.serials.join('\n') : (l.lot ?? ''),
  qty: l.qty === undefined ? '' : String(l.qty),
  from: l.from ?? '', to: l.to ?? '', package: l.package ?? '', expirationDate: l.expirationDate ?? '',
  ...(l.expirationPrecision === 'month' ? { expirationPrecision: 'month' as const } : {}),
})

const countOf = (l: z.input<typeof AdjustmentLine>): DraftLine => ({
  ...emptyLine(),
  product: l.product, lot: l.lot ?? '', qty: String(l.countedQty), location: l.location, package: l.package ?? '',
  expirationDate: l.expirationDate ?? '', noLot: l.noLot === true,
  ...(l.expirationPrecision === 'month' ? { expirationPrecision: 'month' as const } : {}),
})

/** A draft from a body: to edit a queued write. */
export function bodyToDraft(b: OperationBody): OperationDraft {
  const d = newDraft(b.type)
  Object.assign(d, {
    id: b.id, reference: b.reference, partner: b.partner ?? '', date: b.date ?? '', from: b.from ?? '', to: b.to ?? '', note: b.note ?? '',
    overrideReason: b.override?.reason ?? '',
  })
  switch (b.type) {
    case 'adjustment':
      d.lines = b.lines.map(countOf)
      break
    case 'production':
      d.consume = (b.consume ?? []).map(lineOf)
      d.produce = b.produce.map((l) => ({ ...lineOf(l), inputs: (l.inputs ?? []).map((i) => inputKey(i.product, i.lot)) }))
      break
    case 'return':
      d.correctionOf = b.correctionOf
      d.lines = b.lines?.length ? b.lines.map(lineOf) : [emptyLine()]
      break
    case 'receipt':
      d.lines = b.lines.map(lineOf)
      if (b.kdes) d.kdes = kdesToDraft(b.kdes)
      break
    case 'delivery':
    case 'internal':
    case 'scrap':
      d.lines = b.lines.map(lineOf)
      break
    default:
      assertNever(b, 'operation type')
  }
  return d
}

/** How many lines a body carries. */
function lineCount(b: OperationBody): number {
  if (b.type === 'production') return (b.consume?.length ?? 0) + b.produce.length
  return b.lines?.length ?? 0
}

/** "Receipt PO-1042, 3 lines": how a write is listed in the queue. */
export function describeBody(b: OperationBody): string {
  const count = lineCount(b)
  return `${OPERATION_TYPE_INFO[b.type].label} ${b.reference}${count ? `, ${count} ${count === 1 ? 'line' : 'lines'}` : ''}`
}
