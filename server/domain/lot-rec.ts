/**
 * A lot in memory. Most lots move once or twice and sit in one place (a lot per pallet, serials),
 * and a ledger holds millions of them, so a lot is small: what it says besides its name is two
 * records it shares with other lots (lot-info.ts), and it keeps its move and quant lists in one
 * field each: nothing, the one entry itself, or an array of two or more. The lists are read as
 * arrays (`moves`, `quants`) and changed only through the methods below.
 */
import type { Actor } from '../../shared/schemas/common'
import type { ExpirationPrecision } from '../../shared/expiry-precision'
import type { LotDates } from '../../shared/schemas/lot'
import type { Qty } from '../../shared/quantity'
import { shareDates, shareStamps, type LotDateSet, type LotInfo, type LotStamps } from './lot-info'
import type { LocationRec, ProductRec, QuantRec } from './state'

const NO_MOVES: readonly number[] = Object.freeze([])

/** Lists up to this long grow by a copy of their exact length; longer ones by `push`. */
const EXACT_LIST_MAX = 8

export class LotRec implements LotDates {
  /** Position in `WorkspaceState.lotList`. */
  no: number
  product: ProductRec
  name: string
  /** Shared with other lots: replaced through `update`, never changed. */
  #dates: LotDateSet
  #stamps: LotStamps
  /** Indexes into `WorkspaceState.moves`, ascending: none, one, or an array of two or more. */
  #moves: number | number[] | null = null
  /**
   * The lot's quants, rows of its product's quants (few: a lot is in few places at once): none,
   * one, or an array of two or more.
   */
  #quants: number | readonly number[] | null = null

  /** `dates` and `stamps`: shared records (see `shareDates` and `shareStamps`). */
  constructor(no: number, product: ProductRec, name: string, dates: LotDateSet, stamps: LotStamps) {
    this.no = no
    this.product = product
    this.name = name
    this.#dates = dates
    this.#stamps = stamps
  }

  /** A lot saying `info`, its parts shared. */
  static of(no: number, product: ProductRec, name: string, info: LotInfo): LotRec {
    return new LotRec(no, product, name, shareDates(info), shareStamps(info))
  }

  get ref(): string | null { return this.#stamps.ref }
  get note(): string | null { return this.#stamps.note }
  get expirationDate(): string | null { return this.#dates.expirationDate }
  get expirationPrecision(): ExpirationPrecision { return this.#dates.expirationPrecision }
  get bestBeforeDate(): string | null { return this.#dates.bestBeforeDate }
  get removalDate(): string | null { return this.#dates.removalDate }
  get alertDate(): string | null { return this.#dates.alertDate }
  get createdAt(): string { return this.#stamps.createdAt }
  get createdBy(): Actor | null { return this.#stamps.createdBy }
  get updatedAt(): string { return this.#stamps.updatedAt }
  get updatedBy(): Actor | null { return this.#stamps.updatedBy }
  get firstIn(): string | null { return this.#stamps.firstIn }

  /** The shared record of the lot's dates. */
  get dateSet(): LotDateSet {
    return this.#dates
  }

  /** The shared record of the lot's stamps. */
  get stamps(): LotStamps {
    return this.#stamps
  }

  /** What is on hand in stock locations: the sum of the lot's quants (exact: quantities are whole millionths). */
  get onHand(): Qty {
    const q = this.#quants
    if (q === null) return 0
    const rows = this.product.quants
    if (typeof q === 'number') return rows.qtyOf(q)
    let sum = 0
    for (const row of q) sum += rows.qtyOf(row)
    return sum
  }

  /** Everything the lot says besides its name, as one record (to give back to `update` on undo). */
  get info(): LotInfo {
    return { ...this.#dates, ...this.#stamps }
  }

  /**
   * Changes what the lot says (its dates, reference, note, stamps or first-in date); a field
   * `change` leaves out (or gives as undefined) stays. Written out field by field: spreading the
   * two records and the change into one object made replaying a journal twice as slow (every
   * lot's first move sets its first-in date).
   */
  update(change: Partial<LotInfo>): void {
    const [d, s] = [this.#dates, this.#stamps]
    if (change.expirationDate !== undefined || change.expirationPrecision !== undefined || change.bestBeforeDate !== undefined ||
      change.removalDate !== undefined || change.alertDate !== undefined) {
      this.#dates = shareDates({
        expirationDate: change.expirationDate === undefined ? d.expirationDate : change.expirationDate,
        expirationPrecision: change.expirationPrecision ?? d.expirationPrecision,
        bestBeforeDate: change.bestBeforeDate === undefined ? d.bestBeforeDate : change.bestBeforeDate,
        removalDate: change.removalDate === undefined ? d.removalDate : change.removalDate,
        alertDate: change.alertDate === undefined ? d.alertDate : change.alertDate,
      })
    }
    this.#stamps = shareStamps({
      ref: change.ref === undefined ? s.ref : change.ref,
      note: change.note === undefined ? s.note : change.note,
      createdAt: change.createdAt ?? s.createdAt,
      createdBy: change.createdBy === undefined ? s.createdBy : change.createdBy,
      updatedAt: change.updatedAt ?? s.updatedAt,
      updatedBy: change.updatedBy === undefined ? s.updatedBy : change.updatedBy,
      firstIn: change.firstIn === undefined ? s.firstIn : change.firstIn,
    })
  }

  /** The lot's moves, indexes into `WorkspaceState.moves`, ascending. */
  get moves(): readonly number[] {
    const m = this.#moves
    return m === null ? NO_MOVES : typeof m === 'number' ? [m] : m
  }

  /** How many moves the lot has. */
  get moveCount(): number {
    const m = this.#moves
    return m === null ? 0 : typeof m === 'number' ? 1 : m.length
  }

  /** Adds the newest move. A short list is a new copy of its exact length: a pushed array reserves room for 16 more. */
  addMove(index: number): void {
    const m = this.#moves
    if (m === null) this.#moves = index
    else if (typeof m === 'number') this.#moves = [m, index]
    else if (m.length >= EXACT_LIST_MAX) m.push(index)
    else this.#moves = m.concat(index)
  }

  /** Takes back the newest move. */
  popMove(): void {
    const m = this.#moves
    if (m === null || typeof m === 'number') this.#moves = null
    else if (m.length === 2) this.#moves = m[0]
    else m.pop()
  }

  /** The lot's quants, in the order they appeared, as records of their own. */
  get quants(): QuantRec[] {
    const q = this.#quants
    const rows = this.product.quants
    return q === null ? [] : typeof q === 'number' ? [rows.at(q)] : q.map((row) => rows.at(row))
  }

  /** The row (in its product's quants) of the lot's quant at `location` in package `pkg`, or -1. */
  quantRowAt(location: LocationRec, pkg: string | null): number {
    const q = this.#quants
    if (q === null) return -1
    const rows = this.product.quants
    if (typeof q === 'number') return rows.isAt(q, location, pkg) ? q : -1
    return q.find((row) => rows.isAt(row, location, pkg)) ?? -1
  }

  /** Adds the row of a quant (a new one: the lot has none at its place yet). */
  addQuant(row: number): void {
    const q = this.#quants
    this.#quants = q === null ? row : typeof q === 'number' ? [q, row] : q.concat(row)
  }

  /** Drops the row of a quant that fell to zero. */
  removeQuant(row: number): void {
    const q = this.#quants
    if (q === row) this.#quants = null
    else if (q !== null && typeof q !== 'number') {
      const rest = q.filter((x) => x !== row)
      this.#quants = rest.length === 1 ? rest[0] : rest
    }
  }
}
