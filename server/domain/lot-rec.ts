/**
 * A lot in memory. Most lots move once or twice and sit in one place (a lot per pallet, serials),
 * and a ledger holds millions of them, so the lot keeps its move and quant lists in one field
 * each: nothing, the one entry itself, or an array of two or more. The lists are read as arrays
 * (`moves`, `quants`) and changed only through the methods below.
 */
import type { Actor } from '../../shared/schemas/common'
import type { ExpirationPrecision } from '../../shared/expiry-precision'
import type { LotDates } from '../../shared/schemas/lot'
import type { Qty } from '../../shared/quantity'
import type { LocationRec, ProductRec, QuantRec } from './state'

const NO_MOVES: readonly number[] = Object.freeze([])
const NO_QUANTS: readonly QuantRec[] = Object.freeze([])

/** Lists up to this long grow by a copy of their exact length; longer ones by `push`. */
const EXACT_LIST_MAX = 8

/** Fields of a new lot, as a constructor takes them. */
export interface LotFields extends LotDates {
  no: number
  product: ProductRec
  name: string
  ref: string | null
  note: string | null
  expirationPrecision: ExpirationPrecision
  createdAt: string
  createdBy: Actor | null
  updatedAt: string
  updatedBy: Actor | null
  firstIn: string | null
}

export class LotRec implements LotDates {
  /** Position in `WorkspaceState.lotList`. */
  no: number
  product: ProductRec
  name: string
  ref: string | null
  note: string | null
  expirationDate: string | null
  /** Always set on a record (one shape for every lot); documents write it only when `month`. */
  expirationPrecision: ExpirationPrecision
  bestBeforeDate: string | null
  removalDate: string | null
  alertDate: string | null
  createdAt: string
  createdBy: Actor | null
  updatedAt: string
  updatedBy: Actor | null
  /** Sum of `quants`: what is on hand in stock locations. */
  onHand: Qty
  /** Date of the first move that brought the lot into stock (FEFO's last tie-breaker). */
  firstIn: string | null
  /** Indexes into `WorkspaceState.moves`, ascending: none, one, or an array of two or more. */
  #moves: number | number[] | null = null
  /** The lot's quants (few: a lot is in few places at once): none, one, or an array of two or more. */
  #quants: QuantRec | readonly QuantRec[] | null = null

  constructor(f: LotFields) {
    this.no = f.no
    this.product = f.product
    this.name = f.name
    this.ref = f.ref
    this.note = f.note
    this.expirationDate = f.expirationDate
    this.expirationPrecision = f.expirationPrecision
    this.bestBeforeDate = f.bestBeforeDate
    this.removalDate = f.removalDate
    this.alertDate = f.alertDate
    this.createdAt = f.createdAt
    this.createdBy = f.createdBy
    this.updatedAt = f.updatedAt
    this.updatedBy = f.updatedBy
    this.onHand = 0
    this.firstIn = f.firstIn
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

  /** The lot's quants, in the order they appeared. */
  get quants(): readonly QuantRec[] {
    const q = this.#quants
    return q === null ? NO_QUANTS : isQuantList(q) ? q : [q]
  }

  /** The lot's quant at `location` in package `pkg`, if any. */
  quantAt(location: LocationRec, pkg: string | null): QuantRec | undefined {
    const q = this.#quants
    if (q === null) return undefined
    if (!isQuantList(q)) return q.location === location && q.package === pkg ? q : undefined
    return q.find((x) => x.location === location && x.package === pkg)
  }

  /** Adds a quant (a new one: the lot has none at its place yet). */
  addQuant(quant: QuantRec): void {
    const q = this.#quants
    this.#quants = q === null ? quant : isQuantList(q) ? q.concat(quant) : [q, quant]
  }

  /** Drops a quant that fell to zero. */
  removeQuant(quant: QuantRec): void {
    const q = this.#quants
    if (q === quant) this.#quants = null
    else if (q !== null && isQuantList(q)) {
      const rest = q.filter((x) => x !== quant)
      this.#quants = rest.length === 1 ? rest[0] : rest
    }
  }
}

function isQuantList(q: QuantRec | readonly QuantRec[]): q is readonly QuantRec[] {
  return Array.isArray(q)
}
