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
import { OPERATION_TYPE_INFO } from '../operation-types'
import type { Lot } from '../schemas/lot'
import type { Move } from '../schemas/operation'
import type { Quant, RecallAnswer, TraceAnswer } from '../schemas/queries'
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

/** A column spec: header, kind of cells, width in characters. */
export const col = (header: string, kind: SheetColumn['kind'], width: number): SheetColumn => ({ header, kind, width })

/**
 * The line under the title: workspace, what was asked, how many rows (when known before the
 * rows are written) and when it was made, on the workspace's clock.
 */
export function sheetSubtitle(ctx: SheetContext, parts: Array<string | null | undefined>, rows: number | null): string {
  const made = wallTimeInZone(ctx.now, ctx.timeZone).replace('T', ' ')
  const count = rows === null ? null : `${rows} ${rows === 1 ? 'row' : 'rows'}`
  return [`Workspace ${ctx.workspace}`, ...parts.filter(Boolean), count, `made ${made} (${ctx.timeZone})`].filter(Boolean).join(' · ')
}

/** The last instant `when` wrote: the moves of one operation, written one after another, share it. */
let lastWhen = { instant: '', timeZone: '', wall: '' }

/** An instant as a wall-clock time in the workspace zone (`YYYY-MM-DDTHH:mm`). */
export function when(instant: string, ctx: SheetContext): string {
  if (instant !== lastWhen.instant || ctx.timeZone !== lastWhen.timeZone) {
    lastWhen = { instant, timeZone: ctx.timeZone, wall: wallTimeInZone(new Date(instant), ctx.timeZone) }
  }
  return lastWhen.wall
}

/** The filters of a sheet in words (`product MILK, location WH/Stock`), or `everything`. */
export function filterText(filters: object): string {
  const entries = Object.entries(filters).filter(([k, v]) => k !== 'kind' && v !== undefined && v !== null && v !== '')
  return entries.length ? entries.map(([k, v]) => `${k} ${v}`).join(', ') : 'everything'
}

const distinctLocations = (l: Lot) => l.quants.map((q) => q.location).filter((v, i, a) => a.indexOf(v) === i).join(', ')

export const TRACE_COLUMNS: SheetColumn[] = [
  col('Reference', 'text', 24), col('Product', 'text', 16), col('Date', 'datetime', 17), col('Lot/Serial', 'text', 18),
  col('From', 'text', 18), col('To', 'text', 18), col('Quantity', 'number', 10), col('Unit', 'text', 8),
  col('Level', 'number', 7), col('Direction', 'text', 12), col('Operation', 'text', 11),
]

export function traceRow(r: Trace['rows'][number], ctx: SheetContext): CellValue[] {
  return [r.reference, r.product, when(r.date, ctx), r.lot, r.from, r.to, r.qty, r.uom, r.level, r.direction, OPERATION_TYPE_INFO[r.operationType].label]
}

/** Traceability of a lot: the report's columns (Reference, Product, Date, Lot/Serial, From, To, Quantity), levels as indentation. */
export function traceabilitySheet(t: Trace, ctx: SheetContext): SheetModel {
  const source: SheetSource = { kind: 'trace', product: t.lot.product, lot: t.lot.name, direction: t.direction }
  const rows = t.rows.map((r) => traceRow(r, ctx))
  const direction = t.direction === 'both' ? 'upstream and downstream' : t.direction
  return {
    name: 'Traceability', table: 'llTraceability',
    title: `Traceability of ${t.lot.product} lot ${t.lot.name}`,
    subtitle: sheetSubtitle(ctx, [direction, t.truncated ? 'TRUNCATED: narrow the question' : null], rows.length),
    columns: TRACE_COLUMNS,
    rows,
    indent: { column: 0, levels: t.rows.map((r) => r.level) },
    source,
  }
}

export const STOCK_COLUMNS: SheetColumn[] = [
  col('Location', 'text', 22), col('Product', 'text', 16), col('Lot/Serial', 'text', 18), col('Package', 'text', 12),
  col('Quantity', 'number', 10), col('Unit', 'text', 8), col('Expiration', 'date', 12), col('Alert', 'date', 12),
]

export function stockRow(q: Quant): CellValue[] {
  return [q.location, q.product, q.lot, q.package, q.qty, q.uom, q.expirationDate, q.alertDate]
}

/** Stock by location and lot, with each lot's expiration and alert dates. */
export function stockSheet(quants: Quant[], source: Extract<SheetSource, { kind: 'stock' }>, ctx: SheetContext): SheetModel {
  const sorted = [...quants].sort((a, b) => a.location.localeCompare(b.location) || a.product.localeCompare(b.product) || (a.lot ?? '').localeCompare(b.lot ?? ''))
  return {
    name: 'Stock', table: 'llStock', title: 'Stock on hand by location and lot',
    subtitle: sheetSubtitle(ctx, [filterText(source)], sorted.length),
    columns: STOCK_COLUMNS,
    rows: sorted.map(stockRow),
    flags: { expired: 6, alert: 7 },
    source,
  }
}

export const LOT_COLUMNS: SheetColumn[] = [
  col('Product', 'text', 16), col('Lot/Serial', 'text', 18), col('Reference', 'text', 14), col('Expiration', 'date', 12),
  col('Best before', 'date', 12), col('Removal', 'date', 12), col('Alert', 'date', 12), col('On hand', 'number', 10),
  col('Locations', 'text', 24), col('Created', 'datetime', 17),
]

export function lotRow(l: Lot, ctx: SheetContext): CellValue[] {
  return [l.product, l.name, l.ref, l.expirationDate, l.bestBeforeDate, l.removalDate, l.alertDate, l.onHand, distinctLocations(l), when(l.createdAt, ctx)]
}

/** The Lots sheet without its rows; `rows` counts them when known. */
export function lotsHead(source: Extract<SheetSource, { kind: 'lots' }>, ctx: SheetContext, rows: number | null): SheetHead {
  return {
    name: 'Lots', table: 'llLots', title: 'Lots and serial numbers',
    subtitle: sheetSubtitle(ctx, [filterText(source)], rows),
    columns: LOT_COLUMNS,
    flags: { expired: 3, alert: 6 },
    source,
  }
}

/** Lots and serials with their four dates. */
export function lotsSheet(lots: Lot[], source: Extract<SheetSource, { kind: 'lots' }>, ctx: SheetContext): SheetModel {
  return { ...lotsHead(source, ctx, lots.length), rows: lots.map((l) => lotRow(l, ctx)) }
}

export const EXPIRING_COLUMNS: SheetColumn[] = [
  col('Product', 'text', 16), col('Lot/Serial', 'text', 18), col('Expiration', 'date', 12), col('Alert', 'date', 12),
  col('Days left', 'number', 9), col('On hand', 'number', 10), col('Locations', 'text', 24),
]

export function expiringRow(l: Lot, today: string): CellValue[] {
  return [l.product, l.name, l.expirationDate, l.alertDate, l.expirationDate ? daysBetween(today, l.expirationDate) : null, l.onHand, distinctLocations(l)]
}

/** The expiration alert list: lots in alert with stock on hand, soonest first. */
export function expiringSheet(lots: Lot[], ctx: SheetContext, today: string): SheetModel {
  const sorted = [...lots].sort((a, b) => (a.expirationDate ?? '9999').localeCompare(b.expirationDate ?? '9999'))
  return {
    name: 'Expiring', table: 'llExpiring', title: 'Expiration alerts: lots in alert with stock on hand',
    subtitle: sheetSubtitle(ctx, [`today ${today}`], sorted.length),
    columns: EXPIRING_COLUMNS,
    rows: sorted.map((l) => expiringRow(l, today)),
    flags: { expired: 2, alert: 3 },
    source: { kind: 'expiring' },
  }
}

export const MOVE_COLUMNS: SheetColumn[] = [
  col('Date', 'datetime', 17), col('Reference', 'text', 18), col('Operation', 'text', 11), col('Product', 'text', 16),
  col('Lot/Serial', 'text', 18), col('From', 'text', 18), col('To', 'text', 18), col('Quantity', 'number', 10),
  col('Unit', 'text', 8), col('Package', 'text', 12), col('Move', 'text', 16),
]

export function moveRow(m: Move, ctx: SheetContext): CellValue[] {
  return [when(m.date, ctx), m.reference, OPERATION_TYPE_INFO[m.operationType].label, m.product, m.lot, m.from, m.to, m.qty, m.uom, m.package, m.id]
}

/** The Moves sheet without its rows; `rows` counts them when known. */
export function movesHead(source: Extract<SheetSource, { kind: 'moves' }>, ctx: SheetContext, rows: number | null): SheetHead {
  return {
    name: 'Moves', table: 'llMoves', title: 'Move history',
    subtitle: sheetSubtitle(ctx, [filterText(source)], rows),
    columns: MOVE_COLUMNS,
    source,
  }
}

/** Move history. */
export function movesSheet(moves: Move[], source: Extract<SheetSource, { kind: 'moves' }>, ctx: SheetContext): SheetModel {
  return { ...movesHead(source, ctx, moves.length), rows: moves.map((m) => moveRow(m, ctx)) }
}

export const RECALL_COLUMNS: SheetColumn[] = [
  col('Action', 'text', 11), col('Product', 'text', 16), col('Lot/Serial', 'text', 18), col('Customer / Location', 'text', 24),
  col('Reference', 'text', 16), col('Date', 'datetime', 17), col('Quantity', 'number', 10), col('Returned', 'number', 10), col('Unit', 'text', 8),
]

export function recallDeliveryRow(d: Recall['deliveries'][number], ctx: SheetContext): CellValue[] {
  return ['Delivered', d.product, d.lot, d.partner ?? d.to, d.reference, when(d.date, ctx), d.qty, d.returned, d.uom]
}

export function recallOnHandRow(q: Recall['onHand'][number]): CellValue[] {
  return ['On hand', q.product, q.lot, q.package ? `${q.location} (${q.package})` : q.location, null, null, q.qty, null, q.uom]
}

/** Recall of a lot: who received it (or what was made from it), and what is still on hand. */
export function recallSheet(r: Recall, source: Extract<SheetSource, { kind: 'recall' }>, ctx: SheetContext): SheetModel {
  const customers = new Set(r.deliveries.map((d) => d.partner ?? d.to)).size
  const rows = [...r.deliveries.map((d) => recallDeliveryRow(d, ctx)), ...r.onHand.map(recallOnHandRow)]
  return {
    name: 'Recall', table: 'llRecall',
    title: `Recall of ${source.product} lot ${source.lot}: ${r.lots.length} ${r.lots.length === 1 ? 'lot' : 'lots'}, ${r.deliveries.length} deliveries to ${customers} ${customers === 1 ? 'customer' : 'customers'}`,
    subtitle: sheetSubtitle(ctx, [`lots ${r.lots.map((l) => `${l.product}/${l.name}`).join(', ')}`, r.truncated ? 'TRUNCATED' : null], rows.length),
    columns: RECALL_COLUMNS,
    rows,
    source,
  }
}
