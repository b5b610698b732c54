/** Returns: a new operation that reverses another one, whole or in part. */
import { QTY_SCALE, formatQty, unitsToQty, type Qty } from '../../../shared/quantity'
import type { ReturnLine } from '../../../shared/schemas/operation'
import { LedgerError, invalid } from '../errors'
import { operationMoves, type MoveRec, type OperationRec } from '../state'
import type { OperationPlan } from './plan'

export function planReturn(plan: OperationPlan, correctionOf: string, lines: ReturnLine[] | undefined): void {
  const original = plan.ws.operations.get(correctionOf)
  if (!original) {
    throw new LedgerError('not_found', `correctionOf: operation ${correctionOf} not found`, [
      { path: 'correctionOf', message: `operation ${correctionOf} not found` },
    ])
  }
  const moves = operationMoves(plan.ws, original)
  const left = (m: MoveRec) => m.qty - m.returned - (plan.returning.get(m.index) ?? 0)
  const reverse = (m: MoveRec, qty: Qty, path: string) => {
    const lot = m.lot ? plan.lot(m.product, m.lot.name, path, false) : null
    plan.returning.set(m.index, (plan.returning.get(m.index) ?? 0) + qty)
    plan.move(path, m.product, lot, qty, m.to, m.from, m.package, m)
  }
  if (!lines) {
    for (const m of moves) if (left(m) > 0) reverse(m, left(m), 'correctionOf')
    if (plan.moves.length === 0) throw invalid('correctionOf', `operation ${original.id} has nothing left to return`)
    return
  }
  lines.forEach((line, i) => plan.attempt(() => {
    const path = `lines[${i}]`
    const product = plan.product(line.product, `${path}.product`)
    const wanted: Array<{ lot: string | null; qty: Qty | undefined; path: string }> = line.serials
      ? line.serials.map((s, k) => ({ lot: s, qty: QTY_SCALE, path: `${path}.serials[${k}]` }))
      : [{ lot: line.lot ?? null, qty: line.qty === undefined ? undefined : unitsToQty(line.qty), path }]
    for (const w of wanted) {
      const candidates = moves.filter((m) => m.product === product && (w.lot === null || m.lot?.name === w.lot))
      const available = candidates.reduce((sum, m) => sum + Math.max(left(m), 0), 0)
      const qty = w.qty ?? available
      if (qty === 0 || qty > available) throw nothingLeft(original, product.sku, w.lot, available, w.path)
      let remaining = qty
      for (const m of candidates) {
        const take = Math.min(left(m), remaining)
        if (take <= 0) continue
        reverse(m, take, w.path)
        remaining -= take
      }
    }
  }, undefined))
}

function nothingLeft(op: OperationRec, sku: string, lot: string | null, available: Qty, path: string): LedgerError {
  const what = lot ? `${sku} lot ${lot}` : sku
  return invalid(path, `operation ${op.id} has ${formatQty(available)} of ${what} left to return`)
}
