/**
 * An operation being planned: moves are added one by one against an overlay of the stock, so
 * that every rule is checked with the effect of the earlier lines, and nothing touches the
 * ledger until the whole operation is valid.
 */
import type { IsoDate } from '../../../shared/dates'
import { formatQty, QTY_SCALE, qtyToNumber, type Qty } from '../../../shared/quantity'
import type { OperationType } from '../../../shared/operation-types'
import { lotDates, moveId } from '../docs'
import { holdOf } from '../holds'
import { LedgerError, invalid, refusalOf, refuseOutOfRange } from '../errors'
import { computeLotDates, editLotDates, isExpiredOn } from '../../../shared/expiry'
import { precisionProblem, type ExpirationPrecision } from '../../../shared/expiry-precision'
import type { LotDates } from '../../../shared/schemas/lot'
import type { PackedLot, PackedMove } from '../records'
import {
  isStockKind, lotKey, type LocationRec, type LotRec, type MoveRec, type ProductRec, type WorkspaceState,
} from '../state'
import { OPERATION_MOVES_MAX } from '../../../shared/schemas/operation'

/** A lot as the operation will leave it. */
export interface PlannedLot {
  key: string
  product: ProductRec
  name: string
  existing: LotRec | null
  dates: LotDates
  datesChanged: boolean
  /** Stock changes of the lot planned so far, by stock location and package. */
  deltas: PlannedDelta[]
  /** On-hand change of the lot planned so far. */
  onHandDelta: Qty
}

/** A planned change of a lot's stock at one location and package ('' = none). */
interface PlannedDelta {
  location: LocationRec
  pkg: string
  qty: Qty
}

/** Optional date inputs of a line that creates or re-dates a lot. */
export interface LotDateInput {
  expirationDate?: IsoDate
  /** `month`: the expiration date is a month only, given as its last day. */
  expirationPrecision?: ExpirationPrecision
  productionDate?: IsoDate
  /** The line's path (`lines[0]`), named when a date it makes falls outside the ledger's range. */
  line?: string
}

/** A planned move before it gets its public id. */
interface PlannedMove {
  product: ProductRec
  lot: PlannedLot | null
  qty: Qty
  from: LocationRec
  to: LocationRec
  package: string | null
  returnOf: MoveRec | null
}

const NO_PKG = ''

function looseSlot(product: ProductRec, location: LocationRec): string {
  return `${product.sku}\u0000${location.code}`
}

export class OperationPlan {
  readonly moves: PlannedMove[] = []
  readonly lots = new Map<string, PlannedLot>()
  /** Expired lots leaving stock for a customer or for production, with the first line that moves each. */
  readonly expired = new Map<string, { lot: PlannedLot; path: string }>()
  /** Stock changes of products without lot, by product/location, then by package (lots keep their own). */
  readonly #looseDelta = new Map<string, Map<string, Qty>>()
  /** Quantity already planned to be returned, per original move (by index). */
  readonly returning = new Map<number, Qty>()
  /** Refusals so far: each line is planned even after another was refused, so that all are named. */
  readonly refusals: LedgerError[] = []

  constructor(
    readonly ws: WorkspaceState,
    readonly type: OperationType,
    /** The operation's date in the workspace time zone: the base of computed expiry dates. */
    readonly day: IsoDate,
  ) {}

  /**
   * `step()` (planning one line, or one closing check); a refusal is kept in `refusals` and
   * `fallback` stands for its result. Past the operation's most moves planning stops there.
   */
  attempt<T>(step: () => T, fallback: T): T {
    try {
      return step()
    } catch (err) {
      if (!(err instanceof LedgerError)) throw err
      this.refusals.push(err)
      if (this.moves.length >= OPERATION_MOVES_MAX) throw refusalOf(this.refusals)
      return fallback
    }
  }

  /** Throws every refusal kept, as one (see `refusalOf`), if there is any. */
  refuseIfAny(): void {
    if (this.refusals.length) throw refusalOf(this.refusals)
  }

  /** A location by code, or a 400 naming the field. */
  location(code: string, path: string): LocationRec {
    const loc = this.ws.locations.get(code)
    if (!loc) throw invalid(path, `unknown location ${code}`)
    return loc
  }

  /** A product by SKU, or a 400 naming the field. */
  product(sku: string, path: string): ProductRec {
    const product = this.ws.products.get(sku)
    if (!product) throw invalid(path, `unknown product ${sku}`)
    return product
  }

  /**
   * The lot `name` of `product`: an existing one, or a new one when `canCreate` (goods entering
   * stock from outside). An explicit expiration date re-dates an existing lot, shifting its other
   * dates as any edit of the expiration date does.
   */
  lot(product: ProductRec, name: string, path: string, canCreate: boolean, dates: LotDateInput = {}): PlannedLot {
    const key = lotKey(product.sku, name)
    const given = { expirationDate: dates.expirationDate, expirationPrecision: dates.expirationPrecision }
    const problem = precisionProblem(dates.expirationDate, dates.expirationPrecision)
    if (problem) throw invalid(`${dates.line ?? path}.expirationPrecision`, problem)
    let planned = this.lots.get(key)
    if (!planned) {
      const existing = product.lots.get(name) ?? null
      if (!existing && !canCreate) throw invalid(path, `lot ${name} of product ${product.sku} does not exist`)
      const base = dates.productionDate ?? this.day
      planned = {
        key, product, name, existing, datesChanged: false, deltas: [], onHandDelta: 0,
        dates: existing
          ? lotDates(existing)
          : refuseOutOfRange(dates.line ?? path, () => computeLotDates(product.expiry, base, given)),
      }
      this.lots.set(key, planned)
    }
    const current = planned.dates
    // A line repeating a lot's expiration date without a precision leaves the precision as it is.
    const precisionChanges = dates.expirationPrecision !== undefined && dates.expirationPrecision !== (current.expirationPrecision ?? 'day')
    if (dates.expirationDate && (dates.expirationDate !== current.expirationDate || precisionChanges)) {
      planned.dates = refuseOutOfRange(dates.line ?? path, () => editLotDates(current, product.expiry, given))
      planned.datesChanged = planned.existing !== null
    }
    return planned
  }

  /** Stock of (product, lot, location, package) with the moves planned so far. */
  qtyAt(product: ProductRec, lot: PlannedLot | null, location: LocationRec, pkg: string | null): Qty {
    return this.packagesAt(product, lot, location).get(pkg ?? NO_PKG) ?? 0
  }

  /** Stock at a location by package ('' = none), with the moves planned so far. */
  packagesAt(product: ProductRec, lot: PlannedLot | null, location: LocationRec): Map<string, Qty> {
    const out = new Map<string, Qty>()
    // Without a lot, only the product's loose quants: a tracked product may have thousands of lots.
    const quants = lot ? (lot.existing?.quants ?? []) : product.looseQuants.values()
    for (const q of quants) if (q.location === location) out.set(q.package ?? NO_PKG, q.qty)
    if (lot) {
      for (const d of lot.deltas) if (d.location === location) out.set(d.pkg, (out.get(d.pkg) ?? 0) + d.qty)
    } else {
      for (const [pkg, d] of this.#looseDelta.get(looseSlot(product, location)) ?? []) out.set(pkg, (out.get(pkg) ?? 0) + d)
    }
    return out
  }

  /** On-hand of a lot in all stock locations, with the moves planned so far. */
  onHand(lot: PlannedLot): Qty {
    return (lot.existing?.onHand ?? 0) + lot.onHandDelta
  }

  #add(product: ProductRec, lot: PlannedLot | null, location: LocationRec, pkg: string | null, qty: Qty): void {
    if (!isStockKind(location.kind)) return
    const key = pkg ?? NO_PKG
    if (lot) {
      // A lot's changes sit on the lot: a large receipt plans one new lot per line.
      const d = lot.deltas.find((x) => x.location === location && x.pkg === key)
      if (d) d.qty += qty
      else lot.deltas.push({ location, pkg: key, qty })
      lot.onHandDelta += qty
      return
    }
    const slot = looseSlot(product, location)
    let byPkg = this.#looseDelta.get(slot)
    if (!byPkg) this.#looseDelta.set(slot, (byPkg = new Map()))
    byPkg.set(key, (byPkg.get(key) ?? 0) + qty)
  }

  /**
   * Plans `qty` of (product, lot) from `from` to `to`. Leaving a stock location needs the stock
   * there. `pkg` null means unpacked stock; undefined means any: unpacked first, then packages
   * by name.
   */
  move(
    path: string, product: ProductRec, lot: PlannedLot | null, qty: Qty, from: LocationRec, to: LocationRec,
    pkg: string | null | undefined, returnOf: MoveRec | null = null,
  ): void {
    if (from === to) throw invalid(path, `from and to are the same location (${from.code})`)
    if (lot?.existing) this.#refuseIfHeld(path, lot.existing, from, to)
    const chunks = isStockKind(from.kind) ? this.#take(path, product, lot, from, pkg, qty) : [{ pkg: pkg ?? null, qty }]
    for (const c of chunks) {
      if (this.moves.length >= OPERATION_MOVES_MAX) {
        throw invalid(path, `an operation writes at most ${OPERATION_MOVES_MAX} moves; split it`)
      }
      this.#add(product, lot, from, c.pkg, -c.qty)
      this.#add(product, lot, to, c.pkg, c.qty)
      this.moves.push({ product, lot, qty: c.qty, from, to, package: c.pkg, returnOf })
    }
    // Shipping and consuming follow one rule; scrap, counts and returns stay free, so expired stock can be worked off.
    if (lot && (to.kind === 'customer' || to.kind === 'production') && !this.expired.has(lot.key) && isExpiredOn(lot.dates, this.day)) {
      this.expired.set(lot.key, { lot, path })
    }
  }

  /**
   * A held lot may not leave for a customer or production, nor leave internal stock by a
   * transfer; returns, scrap and counts stay free, so that a recall can be worked off.
   */
  #refuseIfHeld(path: string, lot: LotRec, from: LocationRec, to: LocationRec): void {
    const recall = holdOf(this.ws, lot)
    if (!recall) return
    const doing =
      this.type === 'delivery' || to.kind === 'customer' ? 'delivered'
      : to.kind === 'production' ? 'consumed'
      : this.type === 'internal' && from.kind === 'internal' && to.kind !== 'internal' ? `moved out of internal stock (to ${to.code})`
      : null
    if (doing === null) return
    const what = `${lot.product.tracking === 'serial' ? 'serial' : 'lot'} ${lot.name} of ${lot.product.sku}`
    const message = `${what} is on hold under recall ${recall.id} (${recall.reason}): it cannot be ${doing}`
    const field = lot.product.tracking === 'serial' ? 'serials' : 'lot'
    throw new LedgerError('lot_on_hold', `${path}: ${message}`, [{ path: `${path}.${field}`, message }])
  }

  #take(path: string, product: ProductRec, lot: PlannedLot | null, from: LocationRec, pkg: string | null | undefined, qty: Qty) {
    const negativeAllowed = product.tracking === 'none' && this.ws.settings.allowNegativeStock
    const byPkg = this.packagesAt(product, lot, from)
    if (pkg !== undefined) {
      const available = byPkg.get(pkg ?? NO_PKG) ?? 0
      if (available < qty && !negativeAllowed) throw this.#insufficient(path, product, lot, from, pkg, available, qty)
      return [{ pkg, qty }]
    }
    const order = [...byPkg.entries()].filter(([, q]) => q > 0).sort(([a], [b]) => (a === NO_PKG ? -1 : b === NO_PKG ? 1 : a.localeCompare(b)))
    const chunks: Array<{ pkg: string | null; qty: Qty }> = []
    let remaining = qty
    for (const [p, available] of order) {
      if (remaining === 0) break
      const take = Math.min(available, remaining)
      chunks.push({ pkg: p === NO_PKG ? null : p, qty: take })
      remaining -= take
    }
    if (remaining > 0) {
      if (!negativeAllowed) throw this.#insufficient(path, product, lot, from, null, qty - remaining, qty)
      const loose = chunks.find((c) => c.pkg === null)
      if (loose) loose.qty += remaining
      else chunks.unshift({ pkg: null, qty: remaining })
    }
    return chunks
  }

  #insufficient(path: string, product: ProductRec, lot: PlannedLot | null, from: LocationRec, pkg: string | null, available: Qty, needed: Qty) {
    const where = pkg ? `${from.code} (package ${pkg})` : from.code
    let message: string
    if (product.tracking === 'serial' && lot) {
      const at = lot.existing ? [...lot.existing.quants].map((q) => q.location.code) : []
      message = `serial ${lot.name} of ${product.sku} is not at ${where}` + (at.length ? ` (it is at ${at.join(', ')})` : ' (it is not in stock)')
    } else {
      const what = lot ? `${product.sku} lot ${lot.name}` : product.sku
      message = `not enough ${what} at ${where}: ${formatQty(available)} ${product.uom} available, ${formatQty(needed)} needed`
    }
    return new LedgerError('insufficient_stock', `${path}: ${message}`, [{ path, message }])
  }

  /** Checks that close the plan: no serial twice in stock. */
  checkSerials(): void {
    const problems: Array<{ path: string; message: string }> = []
    for (const lot of this.lots.values()) {
      if (lot.product.tracking !== 'serial') continue
      if (this.onHand(lot) > QTY_SCALE) {
        const at = lot.existing ? [...lot.existing.quants].map((q) => q.location.code).join(', ') : 'another line of this operation'
        problems.push({ path: `serial ${lot.name}`, message: `serial ${lot.name} of ${lot.product.sku} is already in stock at ${at}` })
      }
    }
    if (problems.length) throw new LedgerError('serial_in_stock', problems.map((p) => p.message).join('; '), problems)
  }

  /** The planned moves as the journal keeps them (`fullResult` adds what their operation says). */
  packedMoves(): PackedMove[] {
    return this.moves.map((m) => [
      m.product.sku, m.lot?.name ?? null, qtyToNumber(m.qty), m.product.uom, m.from.code, m.to.code, m.package, m.returnOf ? moveId(m.returnOf) : null,
    ])
  }

  /** Lots the operation creates or moves, with the dates they will have, as the journal keeps them. */
  packedLots(): PackedLot[] {
    return [...this.lots.values()].map((l): PackedLot => {
      const d = l.dates
      const packed: PackedLot = [l.product.sku, l.name, l.existing === null, d.expirationDate, d.bestBeforeDate, d.removalDate, d.alertDate]
      return d.expirationPrecision === 'month' ? [...packed, 'month'] as PackedLot : packed
    })
  }
}
