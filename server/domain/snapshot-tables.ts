/**
 * The big tables of a snapshot (since version 5): lots, quants, moves and change lists, their numbers as
 * typed columns in base64 (see `typed-base64.ts`). A lot is written as its product, its name and
 * the numbers of what it says (its dates and its stamps, lot-info.ts) in two small tables of the
 * chunk: many lots share each row, so those tables hold far fewer rows than lots.
 *
 * A cut copies of the lots only what is theirs (product, name, and the shared records of what they
 * say, which are never changed), and the quants as columns: about 50 bytes a lot, against the lot
 * and quant fields written out (200).
 */
import type { Actor } from '../../shared/schemas/common'
import { shareDates, shareStamps, type LotDateSet, type LotStamps } from './lot-info'
import { quantCount } from './quants'
import type { WorkspaceState } from './state'
import { toBase64, type ColumnScratch } from './typed-base64'

const LOT_CHUNK = 100_000
const QUANT_CHUNK = 100_000
const MOVE_CHUNK = 200_000
const CHANGE_CHUNK = 1_000_000
/** A lot, a move or a quant without lot; an author the server itself or the command line. */
export const NONE = -1

/**
 * What a lot says, as a chunk's table held it in versions 5 and 6: `[ref, note, expiration, 1 when
 * a month only (else 0), best before, removal, alert, created at, created by, updated at (null: as
 * created), updated by, first in]`; authors by their number in the workspace head's `actors`.
 */
export type InfoRow = [
  string | null, string | null, string | null, 0 | 1, string | null, string | null, string | null,
  string, number, string | null, number, string | null,
]

/** A lot's dates, as a chunk's table holds them (version 7): `[expiration, 1 when a month only (else 0), best before, removal, alert]`. */
export type DatesRow = [string | null, 0 | 1, string | null, string | null, string | null]

/**
 * A lot's stamps, as a chunk's table holds them (version 7): `[ref, note, created at, created by,
 * updated at (null: as created), updated by, first in]`; authors as in `InfoRow`.
 */
export type StampsRow = [string | null, string | null, string, number, string | null, number, string | null]

interface LotTableColumns {
  kind: 'lot-table'
  ws: string
  /** Int32: each lot's product, by its number. */
  product: string
  name: string[]
}

/**
 * A chunk of lots (version 7): what each says as two rows, of its dates and of its stamps, each
 * in a small table of the chunk. The lots of one product received on one day share their dates,
 * the lines of one record their stamps; one row of both, as versions 5 and 6 wrote, was shared by
 * almost no lots (a receipt of many products gives each line other dates), and those rows were
 * two thirds of a snapshot's bytes.
 */
export interface LotTablePart extends LotTableColumns {
  /** Int32: each lot's row in `infos`. */
  info: string
  infos: StampsRow[]
  /** Int32: each lot's row in `dateRows`. */
  dates: string
  dateRows: DatesRow[]
}

/** A chunk of lots as versions 5 and 6 wrote it: one row of all a lot says. */
export interface LotTablePartV6 extends LotTableColumns {
  /** Int32: each lot's row in `infos`. */
  info: string
  infos: InfoRow[]
}

export interface QuantTablePart {
  kind: 'quant-table'
  ws: string
  /** Int32 columns: product, lot (-1: none) and location by their numbers; Float64: quantities in millionths. */
  product: string
  lot: string
  location: string
  qty: string
  /** [index within the chunk, package] of the quants in a package. */
  package: Array<[number, string]>
}

export interface MoveTablePart {
  kind: 'move-table'
  ws: string
  /** Int32 columns: product, lot (-1: none), from and to by their numbers; Float64: quantities in millionths. */
  product: string
  lot: string
  from: string
  to: string
  qty: string
  /** [index within the chunk, package]. */
  package: Array<[number, string]>
  /** [index within the chunk, index of the returned move]. */
  returnOf: Array<[number, number]>
}

export interface ChangeListPart {
  kind: 'change-list'
  ws: string
  /** Float64: journal positions. */
  seqs: string
}

export type TablePart = LotTablePart | LotTablePartV6 | QuantTablePart | MoveTablePart | ChangeListPart

/** A cut of a workspace's lots and quants: copies of what may change after it. */
export interface TablesCut {
  lotProduct: Int32Array
  lotName: string[]
  lotDates: LotDateSet[]
  lotStamps: LotStamps[]
  quants: { product: Int32Array; lot: Int32Array; location: Int32Array; qty: Float64Array; package: Array<[number, string]> }
}

/** Copies what of `ws`'s lots and quants may change later; numbers every author of a lot through `actorNo`. */
export function cutTables(ws: WorkspaceState, actorNo: (a: Actor | null) => number): TablesCut {
  const lots = ws.lotList
  const lotProduct = new Int32Array(lots.length)
  const lotName: string[] = new Array(lots.length)
  const lotDates: LotDateSet[] = new Array(lots.length)
  const lotStamps: LotStamps[] = new Array(lots.length)
  let last: LotStamps | null = null
  for (let i = 0; i < lots.length; i++) {
    const l = lots[i]
    lotProduct[i] = l.product.no
    lotName[i] = l.name
    lotDates[i] = l.dateSet
    const stamps = (lotStamps[i] = l.stamps)
    if (stamps !== last) {
      actorNo(stamps.createdBy)
      actorNo(stamps.updatedBy)
      last = stamps
    }
  }
  const n = quantCount(ws)
  const quants = { product: new Int32Array(n), lot: new Int32Array(n), location: new Int32Array(n), qty: new Float64Array(n), package: [] as Array<[number, string]> }
  let k = 0
  for (const product of ws.products.values()) {
    product.quants.forEach((lot, location, pkg, qty) => {
      quants.product[k] = product.no
      quants.lot[k] = lot ? lot.no : NONE
      quants.location[k] = location.no
      quants.qty[k] = qty
      if (pkg !== null) quants.package.push([k, pkg])
      k++
    })
  }
  return { lotProduct, lotName, lotDates, lotStamps, quants }
}

/** The lots of a cut as parts. */
export function* lotTableParts(ws: string, cut: TablesCut, actorNo: (a: Actor | null) => number): Generator<LotTablePart> {
  const size = Math.min(LOT_CHUNK, cut.lotName.length)
  const [stampsColumn, datesColumn] = [new Int32Array(size), new Int32Array(size)]
  for (let start = 0; start < cut.lotName.length; start += LOT_CHUNK) {
    const end = Math.min(start + LOT_CHUNK, cut.lotName.length)
    const infos = new RowTable<LotStamps, StampsRow>((s) =>
      [s.ref, s.note, s.createdAt, actorNo(s.createdBy), s.updatedAt === s.createdAt ? null : s.updatedAt, actorNo(s.updatedBy), s.firstIn])
    const dates = new RowTable<LotDateSet, DatesRow>((d) =>
      [d.expirationDate, d.expirationPrecision === 'month' ? 1 : 0, d.bestBeforeDate, d.removalDate, d.alertDate])
    const [info, dateOf] = [stampsColumn.subarray(0, end - start), datesColumn.subarray(0, end - start)]
    for (let i = start; i < end; i++) {
      info[i - start] = infos.rowOf(cut.lotStamps[i])
      dateOf[i - start] = dates.rowOf(cut.lotDates[i])
    }
    yield {
      kind: 'lot-table', ws, product: toBase64(cut.lotProduct.subarray(start, end)), name: cut.lotName.slice(start, end),
      info: toBase64(info), infos: infos.rows, dates: toBase64(dateOf), dateRows: dates.rows,
    }
  }
}

/**
 * The distinct rows of a chunk's shared records, in the order they first appear. Equal rows are
 * one, whether or not their records are one object: lots share records only as their history
 * made them (a restart shares more), and a snapshot depends on what the state says alone (the
 * copy to PostgreSQL compares digests of two states' snapshots).
 */
class RowTable<R extends object, Row> {
  readonly rows: Row[] = []
  readonly #byRecord = new Map<R, number>()
  readonly #byText = new Map<string, number>()

  constructor(private readonly rowOfRecord: (record: R) => Row) {}

  /** The number of `record`'s row, added when new. */
  rowOf(record: R): number {
    let n = this.#byRecord.get(record)
    if (n === undefined) {
      const row = this.rowOfRecord(record)
      const text = JSON.stringify(row)
      n = this.#byText.get(text)
      if (n === undefined) {
        this.#byText.set(text, (n = this.rows.length))
        this.rows.push(row)
      }
      this.#byRecord.set(record, n)
    }
    return n
  }
}

/** The quants of a cut as parts. */
export function* quantTableParts(ws: string, cut: TablesCut): Generator<QuantTablePart> {
  const q = cut.quants
  let p = 0
  for (let start = 0; start < q.qty.length; start += QUANT_CHUNK) {
    const end = Math.min(start + QUANT_CHUNK, q.qty.length)
    const packages: Array<[number, string]> = []
    for (; p < q.package.length && q.package[p][0] < end; p++) packages.push([q.package[p][0] - start, q.package[p][1]])
    yield {
      kind: 'quant-table', ws, product: toBase64(q.product.subarray(start, end)), lot: toBase64(q.lot.subarray(start, end)),
      location: toBase64(q.location.subarray(start, end)), qty: toBase64(q.qty.subarray(start, end)), package: packages,
    }
  }
}

/** Moves `0..count` of `ws` as parts (they never change: read while the server goes on). */
export function* moveTableParts(ws: WorkspaceState, count: number): Generator<MoveTablePart> {
  // One set of columns for every chunk (a part holds their base64 text, made as it is yielded):
  // each 64 MB of new typed arrays sets off a full collection of the heap holding the ledger.
  const size = Math.min(MOVE_CHUNK, count)
  const columns = { product: new Int32Array(size), lot: new Int32Array(size), from: new Int32Array(size), to: new Int32Array(size), qty: new Float64Array(size) }
  for (let start = 0; start < count; start += MOVE_CHUNK) {
    const end = Math.min(start + MOVE_CHUNK, count)
    const n = end - start
    const [product, lot, from, to, qty] = [columns.product.subarray(0, n), columns.lot.subarray(0, n), columns.from.subarray(0, n), columns.to.subarray(0, n), columns.qty.subarray(0, n)]
    const packages: Array<[number, string]> = []
    const returns: Array<[number, number]> = []
    const moves = ws.moves
    for (let i = start; i < end; i++) {
      const k = i - start
      product[k] = moves.productAt(i).no
      lot[k] = moves.lotAt(i)?.no ?? NONE
      from[k] = moves.fromAt(i).no
      to[k] = moves.toAt(i).no
      qty[k] = moves.qtyAt(i)
      const pkg = moves.packageAt(i)
      if (pkg !== null) packages.push([k, pkg])
      const r = moves.returnOfAt(i)
      if (r >= 0) returns.push([k, r])
    }
    yield {
      kind: 'move-table', ws: ws.id, product: toBase64(product), lot: toBase64(lot), from: toBase64(from), to: toBase64(to), qty: toBase64(qty),
      package: packages, returnOf: returns,
    }
  }
}

/** Changes `0..count` of `ws` as parts. */
export function* changeListParts(ws: WorkspaceState, count: number): Generator<ChangeListPart> {
  for (let start = 0; start < count; start += CHANGE_CHUNK) {
    yield { kind: 'change-list', ws: ws.id, seqs: toBase64(Float64Array.from(ws.changes.slice(start, Math.min(start + CHANGE_CHUNK, count)))) }
  }
}

/** The columns of a part, decoded into `scratch` (valid until it is used again); throws when they disagree in length. */
export function decodeColumns<K extends string>(
  part: Record<K, string>, int32: readonly K[], float64: readonly K[], scratch: ColumnScratch,
): Record<K, Int32Array | Float64Array> & { length: number } {
  const out = {} as Record<K, Int32Array | Float64Array>
  scratch.reset()
  for (const k of int32) out[k] = scratch.read(part[k], Int32Array)
  for (const k of float64) out[k] = scratch.read(part[k], Float64Array)
  const lengths = new Set(Object.values<Int32Array | Float64Array>(out).map((c) => c.length))
  if (lengths.size > 1) throw new Error(`snapshot part ${String((part as { kind?: string }).kind)} has columns of different lengths`)
  return Object.assign(out, { length: lengths.values().next().value ?? 0 })
}

/** Gives one copy of each string (null kept): one per field of an info row, each remembering the last it gave. */
export type Intern = <T extends string | null>(s: T) => T

/**
 * What a lot says, from its row of versions 5 and 6, as shared records (`actor`: an author by
 * number; `intern`: one copy of each time and date, a function per field, so that rows of one day
 * find their dates without a lookup).
 */
export function infoOfRow(row: InfoRow, actor: (no: number) => Actor | null, intern: Record<InfoDate, Intern>): [LotDateSet, LotStamps] {
  const [ref, note, expirationDate, month, bestBeforeDate, removalDate, alertDate, createdAt, createdBy, updatedAt, updatedBy, firstIn] = row
  return [
    datesOfRow([expirationDate, month, bestBeforeDate, removalDate, alertDate], intern),
    stampsOfRow([ref, note, createdAt, createdBy, updatedAt, updatedBy, firstIn], actor, intern),
  ]
}

/** A lot's dates, from their row, as a shared record. */
export function datesOfRow(row: DatesRow, intern: Record<InfoDate, Intern>): LotDateSet {
  const [expirationDate, month, bestBeforeDate, removalDate, alertDate] = row
  return shareDates({
    expirationDate: intern.expirationDate(expirationDate), expirationPrecision: month === 1 ? 'month' : 'day',
    bestBeforeDate: intern.bestBeforeDate(bestBeforeDate), removalDate: intern.removalDate(removalDate), alertDate: intern.alertDate(alertDate),
  })
}

/** A lot's stamps, from their row, as a shared record. */
export function stampsOfRow(row: StampsRow, actor: (no: number) => Actor | null, intern: Record<InfoDate, Intern>): LotStamps {
  const [ref, note, createdAt, createdBy, updatedAt, updatedBy, firstIn] = row
  const created = intern.createdAt(createdAt)
  return shareStamps({
    ref, note, createdAt: created, createdBy: actor(createdBy), updatedAt: updatedAt === null ? created : intern.updatedAt(updatedAt), updatedBy: actor(updatedBy),
    firstIn: intern.firstIn(firstIn),
  })
}

/** The times and dates of a lot's rows, each interned on its own. */
export const INFO_DATES = ['expirationDate', 'bestBeforeDate', 'removalDate', 'alertDate', 'createdAt', 'updatedAt', 'firstIn'] as const
export type InfoDate = (typeof INFO_DATES)[number]
