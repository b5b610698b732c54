/** Turning submitted lines into planned moves: which lots, how much, from where to where. */
import { QTY_SCALE, unitsToQty, type Qty } from '../../../shared/quantity'
import type { Line } from '../../../shared/schemas/operation'
import { LedgerError, invalid } from '../errors'
import { isStockKind, type LocationRec, type ProductRec } from '../state'
import type { OperationPlan, PlannedLot } from './plan'

/** One lot (or no lot) and a quantity of a line. */
export interface LineUnit {
  lot: PlannedLot | null
  qty: Qty
}

/** Default source and destination of a kind of line. */
export interface Ends {
  from?: string
  to?: string
}

/**
 * The lots and quantities a line stands for: one per serial, one for a lot, one without lot for
 * an untracked product. `canCreate` lets unknown lots be created (goods entering stock).
 */
export function lineUnits(plan: OperationPlan, product: ProductRec, line: Line, path: string, canCreate: boolean): LineUnit[] {
  const qty = line.qty === undefined ? undefined : unitsToQty(line.qty)
  const dates = { expirationDate: line.expirationDate, expirationPrecision: line.expirationPrecision, productionDate: line.productionDate, line: path }
  if (product.tracking === 'none' && (line.expirationDate || line.productionDate)) {
    throw invalid(`${path}.${line.expirationDate ? 'expirationDate' : 'productionDate'}`, `product ${product.sku} is not tracked: only lots carry dates`)
  }
  if (line.serials) {
    if (product.tracking !== 'serial') {
      throw invalid(`${path}.serials`, `product ${product.sku} is tracked by ${product.tracking === 'none' ? 'nothing' : 'lot'}, not by serial`)
    }
    if (line.lot !== undefined) throw invalid(`${path}.lot`, 'give lot or serials, not both')
    if (qty !== undefined && qty !== line.serials.length * QTY_SCALE) {
      throw invalid(`${path}.qty`, `is ${line.qty} but ${line.serials.length} serials are listed`)
    }
    const seen = new Set<string>()
    return line.serials.map((s, k) => {
      if (seen.has(s)) throw invalid(`${path}.serials[${k}]`, `serial ${s} is listed twice`)
      seen.add(s)
      return { lot: plan.lot(product, s, `${path}.serials[${k}]`, canCreate, dates), qty: QTY_SCALE }
    })
  }
  if (line.lot !== undefined) {
    if (product.tracking === 'none') throw invalid(`${path}.lot`, `product ${product.sku} is not tracked by lot or serial`)
    if (product.tracking === 'serial') {
      if (qty !== undefined && qty !== QTY_SCALE) throw invalid(`${path}.qty`, 'a serial moves with quantity exactly 1')
      return [{ lot: plan.lot(product, line.lot, `${path}.lot`, canCreate, dates), qty: QTY_SCALE }]
    }
    if (qty === undefined) throw invalid(`${path}.qty`, 'quantity is required')
    return [{ lot: plan.lot(product, line.lot, `${path}.lot`, canCreate, dates), qty }]
  }
  if (product.tracking !== 'none') throw lotRequired(product, path)
  if (qty === undefined) throw invalid(`${path}.qty`, 'quantity is required')
  return [{ lot: null, qty }]
}

/** The `lot_required` error for a tracked product's line without lot. */
export function lotRequired(product: ProductRec, path: string, hint = ''): LedgerError {
  const by = product.tracking === 'serial' ? 'serial number' : 'lot'
  const message = `product ${product.sku} is tracked by ${by}: name the ${by}${product.tracking === 'serial' ? 's' : ''}${hint}`
  return new LedgerError('lot_required', `${path}: ${message}`, [{ path: `${path}.${product.tracking === 'serial' ? 'serials' : 'lot'}`, message }])
}

/** One end of a line: its own, else the operation's, else the type's default. */
function lineEnd(plan: OperationPlan, k: 'from' | 'to', line: Ends, op: Ends, defaults: Ends, path: string): LocationRec {
  const code = line[k] ?? op[k] ?? defaults[k]
  if (code === undefined) throw invalid(`${path}.${k}`, `required for ${plan.type === 'internal' ? 'an internal transfer' : 'this operation'}`)
  // The path is written out only for a message: most lines name known locations.
  return plan.ws.locations.get(code) ?? plan.location(code, line[k] === undefined && op[k] !== undefined ? k : `${path}.${k}`)
}

/** The locations of a line: its own, else the operation's, else the type's default. */
export function lineEnds(plan: OperationPlan, line: Ends, op: Ends, defaults: Ends, path: string): { from: LocationRec; to: LocationRec } {
  return { from: lineEnd(plan, 'from', line, op, defaults, path), to: lineEnd(plan, 'to', line, op, defaults, path) }
}

/** Plans plain lines (receipt, delivery, internal, scrap; production's two halves); a refused line plans nothing and is kept in `plan.refusals`. */
export function planLines(plan: OperationPlan, lines: Line[], op: Ends, defaults: Ends, prefix: string): LineUnit[][] {
  return lines.map((line, i) => plan.attempt(() => {
    const path = `${prefix}[${i}]`
    const product = plan.ws.products.get(line.product) ?? plan.product(line.product, `${path}.product`)
    const { from, to } = lineEnds(plan, line, op, defaults, path)
    const units = lineUnits(plan, product, line, path, !isStockKind(from.kind))
    for (const u of units) plan.move(path, product, u.lot, u.qty, from, to, line.package)
    return units
  }, []))
}
