/**
 * Recording an operation: the idempotency check on its client id, the plan of its moves, the
 * rules that close it (serials, expired lots), and the one journal record that commits it.
 */
import { assertNever } from '../../../shared/assert-never'
import { DATE_RANGE_TEXT, dayRangeProblem } from '../../../shared/date-range'
import { dayInZone, fromDayNumber, startOfDayInZone } from '../../../shared/dates'
import { OPERATION_TYPE_INFO } from '../../../shared/operation-types'
import type { Actor } from '../../../shared/schemas/common'
import type { GenealogyLink, OperationInput, OperationResult } from '../../../shared/schemas/operation'
import { fullResult } from '../docs'
import { LedgerError, invalid } from '../errors'
import type { Ledger } from '../ledger'
import type { StoredResult } from '../records'
import type { OperationRec, WorkspaceState } from '../state'
import { planAdjustment } from './adjustment'
import { fingerprint } from './fingerprint'
import { planLines } from './lines'
import { OperationPlan } from './plan'
import { planProduction } from './production'
import { planReturn } from './returns'

/** What recording an operation did. */
export type RecordOutcome =
  | { kind: 'created'; readonly result: OperationResult }
  /**
   * The id was already used. Same `hash` as the stored record: a replay, whose original answer
   * stands; another hash: other content under the same id.
   */
  | { kind: 'exists'; op: OperationRec; hash: string }

/** Validates and records an operation, all lines or none. */
export function recordOperation(ledger: Ledger, ws: WorkspaceState, by: Actor | null, input: OperationInput): RecordOutcome {
  const hash = fingerprint(input)
  const existing = ws.operations.get(input.id)
  if (existing) return { kind: 'exists', op: existing, hash }

  const now = ledger.clock.now()
  const tz = ws.settings.timeZone
  const instant = input.date === undefined ? now : input.date.length === 10 ? startOfDayInZone(input.date, tz) : new Date(input.date)
  const date = instant.toISOString()
  const day = dayInZone(instant, tz)
  // An instant near either end of the range may fall on a day outside it in the workspace's zone.
  const outside = dayRangeProblem(day)
  if (outside) throw invalid('date', `${outside} in the workspace time zone ${tz}: dates run ${DATE_RANGE_TEXT}`)
  const plan = new OperationPlan(ws, input.type, fromDayNumber(day))
  let genealogy: GenealogyLink[] = []
  const ends = { from: input.from, to: input.to }
  switch (input.type) {
    case 'receipt':
    case 'delivery':
    case 'internal':
    case 'scrap':
      planLines(plan, input.lines, ends, OPERATION_TYPE_INFO[input.type].ends, 'lines')
      break
    case 'adjustment':
      planAdjustment(plan, input.lines)
      break
    case 'production':
      genealogy = planProduction(plan, input)
      break
    case 'return':
      planReturn(plan, input.correctionOf, input.lines)
      break
    default:
      assertNever(input, 'operation type')
  }
  // Every line was planned, refused or not; the closing checks run too, and all refusals go as one.
  plan.attempt(() => plan.checkSerials(), undefined)
  const override = plan.attempt(() => checkExpired(plan, ws, input.override?.reason), null)
  plan.refuseIfAny()

  const at = now.toISOString()
  const stored: StoredResult = {
    operation: {
      id: input.id, type: input.type, reference: input.reference, date, partner: input.partner ?? null,
      note: input.note ?? null, correctionOf: input.type === 'return' ? input.correctionOf : null, override,
      createdAt: at, createdBy: by, request: input as unknown as Record<string, unknown>,
    },
    moves: plan.packedMoves(),
    lots: plan.packedLots(),
    genealogy,
  }
  ledger.commit({ type: 'operation.recorded', ws: ws.id, by, data: { hash, result: stored } }, at)
  // Made whole only when asked for: an import records thousands of operations and reads none.
  let result: OperationResult | null = null
  return {
    kind: 'created',
    get result() {
      return (result ??= fullResult(stored))
    },
  }
}

/**
 * Shipping or consuming expired lots: refused, or (workspace set to warn) allowed with a reason
 * that is kept. Each refusal names the line that moves the lot.
 */
function checkExpired(plan: OperationPlan, ws: WorkspaceState, reason: string | undefined): OperationResult['operation']['override'] {
  if (plan.expired.size === 0) return null
  const expired = [...plan.expired.values()]
  const [verb, doing] = plan.type === 'production' ? ['consume', 'consuming'] : ['ship', 'shipping']
  const details = expired.map(({ lot, path }) => ({
    path: `${path}.lot`,
    message: `lot ${lot.name} of ${lot.product.sku} expired on ${lot.dates.expirationDate}`,
  }))
  const list = details.map((d) => d.message).join('; ')
  if (ws.settings.expiredShipping === 'block') {
    throw new LedgerError('lot_expired', `cannot ${verb} expired stock: ${list}`, details)
  }
  if (!reason) {
    throw new LedgerError('lot_expired', `${doing} expired stock needs an override reason (override.reason): ${list}`, [
      ...details, { path: 'override.reason', message: `required to ${verb} expired lots` },
    ])
  }
  return { reason, lots: expired.map(({ lot }) => ({ product: lot.product.sku, lot: lot.name })) }
}
