/** Production: consume inputs, produce outputs, and record which inputs made which output. */
import { OPERATION_TYPE_INFO, PRODUCTION_LOCATION } from '../../../shared/operation-types'
import { qtyToNumber, unitsToQty, type Qty } from '../../../shared/quantity'
import type { GenealogyLink, Line, ProduceLine } from '../../../shared/schemas/operation'
import { invalid } from '../errors'
import { lotKey } from '../state'
import { planLines, type LineUnit } from './lines'
import type { OperationPlan, PlannedLot } from './plan'

/** Where inputs are taken from and outputs put unless the operation or a line says. */
const ENDS = OPERATION_TYPE_INFO.production.ends

interface ProductionInput {
  from?: string
  to?: string
  consume: Line[]
  produce: ProduceLine[]
}

/**
 * Plans a production and returns its genealogy: per produced lot, the consumed lots that made
 * it (those named in `inputs`, else every consumed lot).
 */
export function planProduction(plan: OperationPlan, input: ProductionInput): GenealogyLink[] {
  const consumedUnits = planLines(plan, input.consume, { from: input.from }, { from: ENDS.from, to: PRODUCTION_LOCATION }, 'consume')
  const consumed = new Map<string, { lot: PlannedLot; qty: Qty }>()
  for (const u of consumedUnits.flat()) {
    if (!u.lot) continue
    const c = consumed.get(u.lot.key)
    if (c) c.qty += u.qty
    else consumed.set(u.lot.key, { lot: u.lot, qty: u.qty })
  }
  // A refused consumed line consumes nothing: outputs naming its lot would be refused for that too.
  const consumeRefused = plan.refusals.length > 0
  const producedUnits = planLines(plan, input.produce, { to: input.to }, { from: PRODUCTION_LOCATION, to: ENDS.to }, 'produce')
  const used = new Map<string, Qty>()
  const links: GenealogyLink[] = []
  if (consumeRefused) return links
  input.produce.forEach((line, i) => plan.attempt(() => {
    const outputs = producedUnits[i].filter((u): u is LineUnit & { lot: PlannedLot } => u.lot !== null)
    const inputs = line.inputs
      ? line.inputs.map((ref, k) => {
          const path = `produce[${i}].inputs[${k}]`
          const c = consumed.get(lotKey(ref.product, ref.lot))
          if (!c) throw invalid(path, `lot ${ref.lot} of ${ref.product} is not consumed by this operation`)
          const qty = ref.qty === undefined ? null : unitsToQty(ref.qty)
          if (qty !== null) {
            const total = (used.get(c.lot.key) ?? 0) + qty * Math.max(outputs.length, 1)
            if (total > c.qty) throw invalid(`${path}.qty`, `more of lot ${ref.lot} than this operation consumes (${qtyToNumber(c.qty)})`)
            used.set(c.lot.key, total)
          }
          return { product: ref.product, lot: ref.lot, qty: qty === null ? null : qtyToNumber(qty) }
        })
      : [...consumed.values()].map((c) => ({ product: c.lot.product.sku, lot: c.lot.name, qty: null }))
    if (inputs.length === 0) return
    for (const o of outputs) links.push({ product: o.lot.product.sku, lot: o.lot.name, inputs })
  }, undefined))
  return links
}
