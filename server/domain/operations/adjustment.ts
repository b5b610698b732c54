/** Inventory adjustments: a counted quantity replaces what the ledger says, via the Adjustment location. */
import { QTY_SCALE, unitsToQty } from '../../../shared/quantity'
import type { AdjustmentLine } from '../../../shared/schemas/operation'
import { invalid } from '../errors'
import { isStockKind } from '../state'
import { lotRequired } from './lines'
import type { OperationPlan, PlannedLot } from './plan'

const ADJUSTMENT = 'Adjustment'

/** Plans the count's lines; a refused line is kept in `plan.refusals` and the others are planned. */
export function planAdjustment(plan: OperationPlan, lines: AdjustmentLine[]): void {
  const adjustment = plan.location(ADJUSTMENT, 'lines')
  lines.forEach((line, i) => plan.attempt(() => {
    const path = `lines[${i}]`
    const product = plan.product(line.product, `${path}.product`)
    const location = plan.location(line.location, `${path}.location`)
    if (!isStockKind(location.kind)) throw invalid(`${path}.location`, `${location.code} is not a stock location; counts are of stock`)
    const counted = unitsToQty(line.countedQty)
    let lot: PlannedLot | null = null
    if (line.noLot) {
      if (product.tracking === 'none') throw invalid(`${path}.noLot`, `product ${product.sku} is not tracked`)
      if (line.lot !== undefined) throw invalid(`${path}.lot`, 'give lot or noLot, not both')
    } else if (line.lot !== undefined) {
      if (product.tracking === 'none') throw invalid(`${path}.lot`, `product ${product.sku} is not tracked by lot or serial`)
      lot = plan.lot(product, line.lot, `${path}.lot`, true, { expirationDate: line.expirationDate, expirationPrecision: line.expirationPrecision, line: path })
    } else if (product.tracking !== 'none') {
      throw lotRequired(product, path, ', or count the "no lot" bucket with noLot: true')
    }
    if (product.tracking === 'serial' && lot && counted !== 0 && counted !== QTY_SCALE) {
      throw invalid(`${path}.countedQty`, 'a serial is counted 0 or 1')
    }
    const pkg = line.package ?? null
    const difference = counted - plan.qtyAt(product, lot, location, pkg)
    if (difference > 0) plan.move(path, product, lot, difference, adjustment, location, pkg)
    else if (difference < 0) plan.move(path, product, lot, -difference, location, adjustment, pkg)
  }, undefined))
}
