/**
 * The sheets users pull into their workbook, built from the API's answers: Traceability,
 * Stock, Lots, Expiring, Moves and Recall. The add-in writes them into Excel; without Office it
 * downloads them as .xlsx; the server's reports (GET /exports) start from the same models.
 *
 * Each sheet is a head (everything but the rows: titles, column specs, flags) and a per-row
 * function, so that the server can stream long sheets row by row with the same columns.
 */
import type { z } from 'zod'
import { daysBetween, wallTimeInZone } from '../dates'
import { expiryText } from '../expiry-precision'
import { OPERATION_TYPE_INFO } from '../operation-types'
import type { Lot } from '../schemas/lot'
import type { Move } from '../schemas/operation'
import type { Quant, RecallAnswer, TraceAnswer } from '../schemas/queries'
import { fitColumns } from './fit'
import type { CellValue, SheetColumn, SheetModel, SheetSource } from './model'

/** Where and when a sheet is made. */
export interface SheetContext {
  workspace: string
  /** The workspace time zone: dates and times are shown on its wall clock. */
  timeZone: string
  now: Date
}

type Trace = z.infer<typeof TraceAnswer>
type Recall = z.infer<typeof RecallAnswer>

/** A sheet without its rows: what a streamed report writes before and around them. */
export type SheetHead = Omit<SheetModel, 'rows' | 'indent'>

/** A column spec: header, kind of cells, width in characters, and how it fits and aligns. */
export const col = (header: string, kind: SheetColumn['kind'], width: number, more: Pick<SheetColumn, 'max' | 'wrap' | 'center'> = {}): SheetColumn => ({ header, kind, width, ...more })

/** A long name: wraps past `width` characters. */
const wrapped = { wrap: true } as const

/** The two ways a trace walks, as words in the Direction column (the subtitle says what they mean). */
export const DIRECTION_WORDS = { upstream: 'Upstream', downstream: 'Downstream' } as const

/** What a trace covers, for the line under its title. */
const DIRECTION_COVERS = {
  both: 'where it came from (upstream) and where it went (downstream)',
  upstream: 'where it came from (upstream)',
  downstream: 'where it went (downstream)',
} as const

/** `n thing(s)`. */
export const counted = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`

/**
 * The line under the title: workspace, what was asked, how many rows (when known before the
 * rows are written) and when it was made, on the workspace's clock.
 */
export function sheetSubtitle(ctx: SheetContext, parts: Array<string | null | undefined>, rows: number | null): string {
  const made = wallTimeInZone(ctx.now, ctx.timeZone).replace('T', ' ')
  const count = rows === null ? null : `${rows} ${rows === 1 ? 'row' : 'rows'}`
  return [`Workspace ${ctx.workspace}`, ...parts.filter(Boolean), count, `made ${made} (${ctx.timeZone})`].filter(Boolean).join(' · ')
}

/** The last instant `when` wrote, and its answer: the moves of one operation, written one after another, share it. */
let lastInstant = ''
let lastZone = ''
let lastWall = ''

/** An instant as a wall-clock time in the workspace zone (`YYYY-MM-DDTHH:mm`). */
export function when(instant: string, ctx: SheetContext): string {
  if (instant !== lastInstant || ctx.timeZone !== lastZone) {
    lastWall = wallTimeInZone(new Date(instant), ctx.timeZone)
    lastInstant = instant
    lastZone = ctx.timeZone
  }
  return lastWall
}

/** The filters of a sheet in words (`product MILK, location WH/Stock`), or `everything`. */
export function filterText(filters: object): string {
  const entries = Object.entries(filters).filter(([k, v]) => k !== 'kind' && v !== undefined && v !== null && v !== '')
  return entries.length ? entries.map(([k, v]) => `${k} ${v}`).join(', ') : 'everything'
}

const distinctLocations = (l: Lot) => l.quants.map((q) => q.location).filter((v, i, a) => a.indexOf(v) === i).join(', ')

/** `MILK-1L (Whole milk 1 L)`, or the SKU alone when the name is unknown or the same. */
export function productText(sku: string, name: string | null | undefined): string {
  return name && name !== sku ? `${sku} (${name})` : sku
}

export const TRACE_COLUMNS: SheetColumn[] = [
  col('Reference', 'text', 20), col('Product', 'text', 14), col('Product name', 'text', 30, wrapped), col('Date', 'datetime', 17),
  col('Lot/Serial', 'text', 16), col('From', 'text', 18), col('To', 'text', 18), col('Quantity', 'number', 10), col('Unit', 'text', 7),
  col('Level', 'number', 7, { center: true }), col('Direction', 'text', 12), col('Operation', 'text', 17),
]

/** A trace row in TRACE_COLUMNS' order: the product's name beside its SKU, the direction and operation type in words. */
export function traceRow(r: Trace['rows'][number], ctx: SheetContext): CellValue[] {
  return [
    r.reference, r.product, r.productName ?? null, when(r.date, ctx), r.lot, r.from, r.to, r.qty, r.uom, r.level,
    DIRECTION_WORDS[r.direction], OPERATION_TYPE_INFO[r.operationType].label,
  ]
}

/** Traceability of a lot: the report's columns (Reference, Product, its name, Date, Lot/Serial, From, To, Quantity...), levels as indentation. */
export function traceabilitySheet(t: Trace, ctx: SheetContext): SheetModel {
  const source: SheetSource = { kind: 'trace', product: t.lot.product, lot: t.lot.name, direction: t.direction }
  const rows = t.rows.map((r) => traceRow(r, ctx))
  const levels = t.rows.map((r) => r.level)
  const name = t.rows.find((r) => r.product === t.lot.product)?.productName
  return {
    name: 'Traceability', table: 'llTraceability',
    title: `Traceability of ${productText(t.lot.product, name)} lot ${t.lot.name}`,
    subtitle: sheetSubtitle(ctx, [DIRECTION_COVERS[t.direction], t.truncated ? 'TRUNCATED: narrow the question' : null], rows.length),
    columns: fitColumns(TRACE_COLUMNS, rows, { column: 0, levels }),
    rows,
    indent: { column: 0, levels },
    source,
  }
}

export const STOCK_COLUMNS: SheetColumn[] = [
  col('Location', 'text', 22), col('Product', 'text', 14), col('Lot/Serial', 'text', 16), col('Package', 'text', 12),
  col('Quantity', 'number', 10), col('Unit', 'text', 7), col('Expiration', 'date', 12), col('Alert', 'date', 12),
]

/** A quant in STOCK_COLUMNS' order. */
export function stockRow(q: Quant): CellValue[] {
  return [q.location, q.product, q.lot, q.package, q.qty, q.uom, expiryText(q), q.alertDate]
}

/** Stock by location and lot, with each lot's expiration and alert dates. */
export function stockSheet(quants: Quant[], source: Extract<SheetSource, { kind: 'stock' }>, ctx: SheetContext): SheetModel {
  const sorted = [...quants].sort((a, b) => a.location.localeCompare(b.location) || a.product.localeCompare(b.product) || (a.lot ?? '').localeCompare(b.lot ?? ''))
  const rows = sorted.map(stockRow)
  return {
    name: 'Stock', table: 'llStock', title: 'Stock on hand by location and lot',
    subtitle: sheetSubtitle(ctx, [filterText(source)], sorted.length),
    columns: fitColumns(STOCK_COLUMNS, rows),
    rows,
    flags: { expired: 6, alert: 7 },
    source,
  }
}

export const LOT_COLUMNS: SheetColumn[] = [
  col('Product', 'text', 14), col('Lot/Serial', 'text', 16), col('Reference', 'text', 14), col('Received', 'date', 12),
  col('Expiration', 'date', 12), col('Best before', 'date', 13), col('Removal', 'date', 12), col('Alert', 'date', 12),
  col('On hand', 'number', 10), col('Locations', 'text', 24, wrapped), col('Registered', 'datetime', 17),
]

/**
 * A lot's row: Received is the day it first came into stock (its receipt or production, on the
 * workspace's calendar), Registered when the ledger first heard of it.
 */
export function lotRow(l: Lot, ctx: SheetContext): CellValue[] {
  const received = l.receivedAt ? when(l.receivedAt, ctx).slice(0, 10) : null
  return [l.product, l.name, l.ref, received, expiryText(l), l.bestBeforeDate, l.removalDate, l.alertDate, l.onHand, distinctLocations(l), when(l.createdAt, ctx)]
}

/** The Lots sheet without its rows; `rows` counts them when known, `sample` (some of the rows) fits the widths. */
export function lotsHead(source: Extract<SheetSource, { kind: 'lots' }>, ctx: SheetContext, rows: number | null, sample: CellValue[][] = []): SheetHead {
  return {
    name: 'Lots', table: 'llLots', title: 'Lots and serial numbers',
    subtitle: sheetSubtitle(ctx, [filterText(source)], rows),
    columns: fitColumns(LOT_COLUMNS, sample),
    flags: { expired: 4, alert: 7 },
    source,
  }
}

/** Lots and serials with the day they came in, their four dates and where they are. */
export function lotsSheet(lots: Lot[], source: Extract<SheetSource, { kind: 'lots' }>, ctx: SheetContext): SheetModel {
  const rows = lots.map((l) => lotRow(l, ctx))
  return { ...lotsHead(source, ctx, lots.length, rows), rows }
}

export const EXPIRING_COLUMNS: SheetColumn[] = [
  col('Product', 'text', 14), col('Lot/Serial', 'text', 16), col('Expiration', 'date', 12), col('Alert', 'date', 12),
  col('Days left', 'number', 11), col('On hand', 'number', 10), col('Locations', 'text', 24, wrapped),
]

/** A lot in alert in EXPIRING_COLUMNS' order, its days left counted from `today`. */
export function expiringRow(l: Lot, today: string): CellValue[] {
  return [l.product, l.name, expiryText(l), l.alertDate, l.expirationDate ? daysBetween(today, l.expirationDate) : null, l.onHand, distinctLocations(l)]
}

/** The expiration alert list: lots in alert with stock on hand, soonest first. */
export function expiringSheet(lots: Lot[], ctx: SheetContext, today: string): SheetModel {
  const sorted = [...lots].sort((a, b) => (a.expirationDate ?? '9999').localeCompare(b.expirationDate ?? '9999'))
  const rows = sorted.map((l) => expiringRow(l, today))
  return {
    name: 'Expiring', table: 'llExpiring', title: 'Expiration alerts: lots in alert with stock on hand',
    subtitle: sheetSubtitle(ctx, [`today ${today}`], sorted.length),
    columns: fitColumns(EXPIRING_COLUMNS, rows),
    rows,
    flags: { expired: 2, alert: 3 },
    source: { kind: 'expiring' },
  }
}

export const MOVE_COLUMNS: SheetColumn[] = [
  col('Date', 'datetime', 17), col('Reference', 'text', 16), col('Operation', 'text', 17), col('Product', 'text', 14),
  col('Lot/Serial', 'text', 16), col('From', 'text', 18), col('To', 'text', 18), col('Quantity', 'number', 10),
  col('Unit', 'text', 7), col('Package', 'text', 10), col('Move', 'text', 14),
]

/** A move in MOVE_COLUMNS' order, its operation type in words. */
export function moveRow(m: Move, ctx: SheetContext): CellValue[] {
  return [when(m.date, ctx), m.reference, OPERATION_TYPE_INFO[m.operationType].label, m.product, m.lot, m.from, m.to, m.qty, m.uom, m.package, m.id]
}

/** The Moves sheet without its rows; `rows` counts them when known, `sample` (some of the rows) fits the widths. */
export function movesHead(source: Extract<SheetSource, { kind: 'moves' }>, ctx: SheetContext, rows: number | null, sample: CellValue[][] = []): SheetHead {
  return {
    name: 'Moves', table: 'llMoves', title: 'Move history',
    subtitle: sheetSubtitle(ctx, [filterText(source)], rows),
    columns: fitColumns(MOVE_COLUMNS, sample),
    source,
  }
}

/** Move history. */
export function movesSheet(moves: Move[], source: Extract<SheetSource, { kind: 'moves' }>, ctx: SheetContext): SheetModel {
  const rows = moves.map((m) => moveRow(m, ctx))
  return { ...movesHead(source, ctx, moves.length, rows), rows }
}

export const RECALL_COLUMNS: SheetColumn[] = [
  col('Action', 'text', 10), col('Product', 'text', 14), col('Product name', 'text', 30, wrapped), col('Lot/Serial', 'text', 16),
  col('Customer / Location', 'text', 26, wrapped), col('Reference', 'text', 16), col('Date', 'datetime', 17),
  col('Quantity', 'number', 10), col('Returned', 'number', 10), col('Unit', 'text', 7),
]

/** A delivery of a recalled lot in RECALL_COLUMNS' order (the name is missing only from answers of an older server). */
export function recallDeliveryRow(d: Recall['deliveries'][number], ctx: SheetContext): CellValue[] {
  return ['Delivered', d.product, d.productName ?? null, d.lot, d.partner ?? d.to, d.reference, when(d.date, ctx), d.qty, d.returned, d.uom]
}

/** What is still on hand of a recalled lot, in RECALL_COLUMNS' order. */
/** Stock of a recalled lot; `held` when an open recall holds the lot (it may not leave internal stock). */
export function recallOnHandRow(q: Recall['onHand'][number], held = false): CellValue[] {
  return [held ? 'Held' : 'On hand', q.product, q.productName ?? null, q.lot, q.package ? `${q.location} (${q.package})` : q.location, null, null, q.qty, null, q.uom]
}

/** Lots named in a recall's subtitle before "and n more": the rows name every one. */
const RECALL_LOTS_NAMED = 3

/** The open recalls holding a recall's lots, in words (`ON HOLD under recall rc-1 (Mould)`); null when none does. */
function holdText(holds: Recall['holds']): string | null {
  if (!holds?.length) return null
  return `ON HOLD under ${holds.length === 1 ? 'recall' : 'recalls'} ${holds.map((h) => `${h.id} (${h.reason})`).join(', ')}`
}

/** Recall of a lot: who received it (or what was made from it), and what is still on hand. */
export function recallSheet(r: Recall, source: Extract<SheetSource, { kind: 'recall' }>, ctx: SheetContext): SheetModel {
  const customers = new Set(r.deliveries.map((d) => d.partner ?? d.to)).size
  const held = new Set(r.lots.filter((l) => l.heldBy?.length).map((l) => `${l.product}\u0000${l.name}`))
  const rows = [...r.deliveries.map((d) => recallDeliveryRow(d, ctx)), ...r.onHand.map((q) => recallOnHandRow(q, held.has(`${q.product}\u0000${q.lot}`)))]
  const name = r.lots.find((l) => l.product === source.product)?.productName
  const named = r.lots.slice(0, RECALL_LOTS_NAMED).map((l) => `${l.product} ${l.name}`).join(', ')
  const more = r.lots.length > RECALL_LOTS_NAMED ? ` and ${r.lots.length - RECALL_LOTS_NAMED} more` : ''
  const hold = holdText(r.holds)
  return {
    name: 'Recall', table: 'llRecall',
    title: `Recall of ${productText(source.product, name)} lot ${source.lot}: ${counted(r.lots.length, 'lot')}, ${counted(r.deliveries.length, 'delivery', 'deliveries')} to ${counted(customers, 'customer')}`,
    subtitle: sheetSubtitle(ctx, [`lots ${named}${more}`, hold, r.truncated ? 'TRUNCATED' : null], rows.length),
    ...(hold ? { notice: `${hold.replace(/^ON HOLD/, 'On hold')}: its lots cannot be delivered, consumed or moved out of stock until it is closed.` } : {}),
    columns: fitColumns(RECALL_COLUMNS, rows),
    rows,
    source,
  }
}
