/**
 * A lot in memory. Most lots move once or twice and sit in one place (a lot per pallet, serials),
 * and a ledger holds millions of them, so a lot is small: what it says besides its name is a
 * record it shares with the lots of the same receipt (`LotInfo`), and it keeps its move and
 * quant lists in one field each: nothing, the one entry itself, or an array of two or more. The
 * lists are read as arrays (`moves`, `quants`) and changed only through the methods below.
 */
import type { Actor } from '../../shared/schemas/common'
import type { ExpirationPrecision } from '../../shared/expiry-precision'
import type { LotDates } from '../../shared/schemas/lot'
import type { Qty } from '../../shared/quantity'
import type { LocationRec, ProductRec, QuantRec } from './state'

const NO_MOVES: readonly number[] = Object.freeze([])

/** Lists up to this long grow by a copy of their exact length; longer ones by `push`. */
const EXACT_LIST_MAX = 8

/**
 * What a lot says besides its name: dates, reference, note, who wrote it and when, and when it
 * first came into stock. Lots of one record (a receipt of a thousand pallets) say the same, so
 * they share one such record: it is never changed, a change makes a new one (see `shareInfo`).
 */
export interface LotInfo {
  readonly ref: string | null
  readonly note: string | null
  readonly expirationDate: string | null
  /** Always set (one shape for every record); documents write it only when `month`. */
  readonly expirationPrecision: ExpirationPrecision
  readonly bestBeforeDate: string | null
  readonly removalDate: string | null
  readonly alertDate: string | null
  readonly createdAt: string
  readonly createdBy: Actor | null
  readonly updatedAt: string
  readonly updatedBy: Actor | null
  /** Date of the first move that brought the lot into stock (FEFO's last tie-breaker). */
  readonly firstIn: string | null
}

/** The record made last: the next lot most often says the same (the next line of one receipt). */
let lastInfo: LotInfo | null = null

/** `info` as a shared record: the one made last when it says the same, or a new one of one shape. */
export function shareInfo(info: LotInfo): LotInfo {
  const last = lastInfo
  if (last !== null && sameInfo(last, info)) return last
  lastInfo = {
    ref: info.ref, note: info.note, expirationDate: info.expirationDate, expirationPrecision: info.expirationPrecision,
    bestBeforeDate: info.bestBeforeDate, removalDate: info.removalDate, alertDate: info.alertDate,
    createdAt: info.createdAt, createdBy: info.createdBy, updatedAt: info.updatedAt, updatedBy: info.updatedBy, firstIn: info.firstIn,
  }
  return lastInfo
}

function sameInfo(a: LotInfo, b: LotInfo): boolean {
  return a.ref === b.ref && a.note === b.note && a.expirationDate === b.expirationDate && a.expirationPrecision === b.expirationPrecision &&
    a.bestBeforeDate === b.bestBeforeDate && a.removalDate === b.removalDate && a.alertDate === b.alertDate &&
    a.createdAt === b.createdAt && a.createdBy === b.createdBy && a.updatedAt === b.updatedAt && a.updatedBy === b.updatedBy &&
    a.firstIn === b.firstIn
}

export class LotRec implements LotDates {
  /** Position in `WorkspaceState.lotList`. */
  no: number
  product: ProductRec
  name: string
  /** Shared with other lots: replaced through `update`, never changed. */
  #info: LotInfo
  /** Indexes into `WorkspaceState.moves`, ascending: none, one, or an array of two or more. */
  #moves: number | number[] | null = null
  /**
   * The lot's quants, rows of its product's quants (few: a lot is in few places at once): none,
   * one, or an array of two or more.
   */
  #quants: number | readonly number[] | null = null

  /** `info`: a shared record (see `shareInfo`). */
  constructor(no: number, product: ProductRec, name: string, info: LotInfo) {
    this.no = no
    this.product = product
    this.name = name
    this.#info = info
  }

  get ref(): string | null { return this.#info.ref }
  get note(): string | null { return this.#info.note }
  get expirationDate(): string | null { return this.#info.expirationDate }
  get expirationPrecision(): ExpirationPrecision { return this.#info.expirationPrecision }
  get bestBeforeDate(): string | null { return this.#info.bestBeforeDate }
  get removalDate(): string | null { return this.#info.removalDate }
  get alertDate(): string | null { return this.#info.alertDate }
  get createdAt(): string { return this.#info.createdAt }
  get createdBy(): Actor | null { return this.#info.createdBy }
  get updatedAt(): string { return this.#info.updatedAt }
  get updatedBy(): Actor | null { return this.#info.updatedBy }
  get firstIn(): string | null { return this.#info.firstIn }

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
    return this.#info
  }

  /** Changes what the lot says (its dates, reference, note, stamps or first-in date). */
  update(change: Partial<LotInfo>): void {
    this.#info = shareInfo({ ...this.#info, ...change })
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
