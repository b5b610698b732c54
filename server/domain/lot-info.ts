/**
 * What a lot says besides its name, kept in two records that lots share: its dates (`LotDateSet`:
 * the same for the lots of one product received on one day) and its stamps (`LotStamps`:
 * reference, note, who wrote it and when, first-in date; the same for the lots of one record).
 * A receipt of pallets of many products gives each line a lot whose dates differ from the
 * line's before it, so one record of both was shared by almost no lots (at 1M lot-per-move
 * moves, 665,000 records of 120 bytes for 903,000 lots); split, each part is shared by many.
 * Shared records are never changed: a change makes (or finds) another.
 */
import type { Actor } from '../../shared/schemas/common'
import type { ExpirationPrecision } from '../../shared/expiry-precision'

/** Everything a lot says besides its name, as one record (given to and read from `LotRec`). */
export interface LotInfo extends LotDateSet, LotStamps {}

/** A lot's dates. */
export interface LotDateSet {
  readonly expirationDate: string | null
  /** Always set (one shape for every record); documents write it only when `month`. */
  readonly expirationPrecision: ExpirationPrecision
  readonly bestBeforeDate: string | null
  readonly removalDate: string | null
  readonly alertDate: string | null
}

/** A lot's reference and note, who wrote it and when, and when it first came into stock. */
export interface LotStamps {
  readonly ref: string | null
  readonly note: string | null
  readonly createdAt: string
  readonly createdBy: Actor | null
  readonly updatedAt: string
  readonly updatedBy: Actor | null
  /** Date of the first move that brought the lot into stock (FEFO's last tie-breaker). */
  readonly firstIn: string | null
}

/** Date sets kept to be shared, by their dates; emptied when full (a ledger uses few at a time). */
const dateSets = new Map<string, LotDateSet>()
const DATE_SETS_MAX = 4096

/** The shared record of `d`'s dates. */
export function shareDates(d: LotDateSet): LotDateSet {
  const key = `${d.expirationDate}|${d.expirationPrecision}|${d.bestBeforeDate}|${d.removalDate}|${d.alertDate}`
  let set = dateSets.get(key)
  if (set === undefined) {
    if (dateSets.size >= DATE_SETS_MAX) dateSets.clear()
    set = { expirationDate: d.expirationDate, expirationPrecision: d.expirationPrecision, bestBeforeDate: d.bestBeforeDate, removalDate: d.removalDate, alertDate: d.alertDate }
    dateSets.set(key, set)
  }
  return set
}

/** The stamps made last: the next lot most often has the same (the next line of one record). */
let lastStamps: LotStamps | null = null

/** The shared record of `s`'s stamps: the one made last when it says the same, or a new one of one shape. */
export function shareStamps(s: LotStamps): LotStamps {
  const last = lastStamps
  if (
    last !== null && last.ref === s.ref && last.note === s.note && last.createdAt === s.createdAt && last.createdBy === s.createdBy &&
    last.updatedAt === s.updatedAt && last.updatedBy === s.updatedBy && last.firstIn === s.firstIn
  ) return last
  lastStamps = { ref: s.ref, note: s.note, createdAt: s.createdAt, createdBy: s.createdBy, updatedAt: s.updatedAt, updatedBy: s.updatedBy, firstIn: s.firstIn }
  return lastStamps
}
