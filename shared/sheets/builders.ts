/**
 * The sheets users pull into their workbook, built from the API's answers: Traceability,
 * Stock, Lots, Expiring, Moves and Recall. The add-in writes them into Excel; without Office it
 * downloads them as .xlsx; the server's reports start from the same models.
 */
import type { z } from 'zod'
import { daysBetween, wallTimeInZone } from '../dates'
import type { Lot } from '../schemas/lot'
import type { Move } from '../schemas/operation'
import type { Quant, RecallAnswer, TraceAnswer } from '../schemas/queries'
import type { SheetColumn, SheetModel, SheetSource } from './model'

/** Where and when a sheet is made. */
export interface SheetContext {
  workspace: string
  /** The workspace time zone: dates and times are shown on its wall clock. */
  timeZone: string
  now: Date
}

type Trace = z.infer<typeof TraceAnswer>
type Recall = z.infer<typeof RecallAnswer>
type QuantRow = z.infer<typeof Quant> & { expirationDate?: string | null; alertDate?: string | null }

const col = (header: string, kind: SheetColumn['kind'], width: number): SheetColumn => ({ header, kind, width })

function subtitle(ctx: SheetContext, parts: Array<string | null | undefined>, rows: number): string {
  const made = wallTimeInZone(ctx.now, ctx.timeZone).replace('T', ' ')
  return [`Workspace ${ctx.workspace}`, ...parts.filter(Boolean), `${rows} ${rows === 1 ? 'row' : 'rows'}`, `made ${made} (${ctx.timeZone})`].join(' · ')
}

const when = (instant: string, ctx: SheetContext) => wallTimeInZone(new Date(instant), ctx.timeZone)

function filters(source: SheetSource): string | null {
  const entries = Object.entries(source).filter(([k, v]) => k !== 'kind' && v !== undefined && v !== '')
  return entries.length ? entries.map(([k, v]) => `${k} ${v}`).join(', ') : 'everything'
}

/** Traceability of a lot: the report's columns (Reference, Product, Date, Lot/Serial, From, To, Quantity), levels as indentation. */
export function traceabilitySheet(t: Trace, ctx: SheetContext): SheetModel {
  const source: SheetSource = { kind: 'trace', product: t.lot.product, lot: t.lot.name, direction: t.direction }
  const rows = t.rows.map((r) => [r.reference, r.product, when(r.date, ctx), r.lot, r.from, r.to, r.qty, r.uom, r.level, r.direction, r.operationType])
  const direction = t.direction === 'both' ? 'upstream and downstream' : t.direction
  return {
    name: 'Traceability', table: 'llTraceability',
    title: `Traceability of ${t.lot.product} lot ${t.lot.name}`,
    subtitle: subtitle(ctx, [direction, t.truncated ? 'TRUNCATED: narrow the question' : null], rows.length),
    columns: [
      col('Reference', 'text', 24), col('Product', 'text', 16), col('Date', 'datetime', 17), col('Lot/Serial', 'text', 18),
      col('From', 'text', 18), col('To', 'text', 18), col('Quantity', 'number', 10), col('Unit', 'text', 8),
      col('Level', 'number', 7), col('Direction', 'text', 12), col('Operation', 'text', 11),
    ],
    rows,
    indent: { column: 0, levels: t.rows.map((r) => r.level) },
    source,
  }
}

/** Stock by location and lot, with each lot's expiration and alert dates. */
export function stockSheet(quants: QuantRow[], source: Extract<SheetSource, { kind: 'stock' }>, ctx: SheetContext): SheetModel {
  const sorted = [...quants].sort((a, b) => a.location.localeCompare(b.location) || a.product.localeCompare(b.product) || (a.lot ?? '').localeCompare(b.lot ?? ''))
  return {
    name: 'Stock', table: 'llStock', title: 'Stock on hand by location and lot',
    subtitle: subtitle(ctx, [filters(source)], sorted.length),
    columns: [
      col('Location', 'text', 22), col('Product', 'text', 16), col('Lot/Serial', 'text', 18), col('Package', 'text', 12),
      col('Quantity', 'number', 10), col('Unit', 'text', 8), col('Expiration', 'date', 12), col('Alert', 'date', 12),
    ],
    rows: sorted.map((q) => [q.location, q.product, q.lot, q.package, q.qty, q.uom, q.expirationDate ?? null, q.alertDate ?? null]),
    flags: { expired: 6, alert: 7 },
    source,
  }
}

const LOT_COLUMNS = [
  col('Product', 'text', 16), col('Lot/Serial', 'text', 18), col('Reference', 'text', 14), col('Expiration', 'date', 12),
  col('Best before', 'date', 12), col('Removal', 'date', 12), col('Alert', 'date', 12), col('On hand', 'number', 10),
  col('Locations', 'text', 24), col('Created', 'datetime', 17),
]

function lotRow(l: Lot, ctx: SheetContext) {
  const locations = l.quants.map((q) => q.location).filter((v, i, a) => a.indexOf(v) === i).join(', ')
  return [l.product, l.name, l.ref, l.expirationDate, l.bestBeforeDate, l.removalDate, l.alertDate, l.onHand, locations, when(l.createdAt, ctx)]
}

/** Lots and serials with their four dates. */
export function lotsSheet(lots: Lot[], source: Extract<SheetSource, { kind: 'lots' }>, ctx: SheetContext): SheetModel {
  return {
    name: 'Lots', table: 'llLots', title: 'Lots and serial numbers',
    subtitle: subtitle(ctx, [filters(source)], lots.length),
    columns: LOT_COLUMNS,
    rows: lots.map((l) => lotRow(l, ctx)),
    flags: { expired: 3, alert: 6 },
    source,
  }
}

/** The expiration alert list: lots in alert with stock on hand, soonest first. */
export function expiringSheet(lots: Lot[], ctx: SheetContext, today: string): SheetModel {
  const sorted = [...lots].sort((a, b) => (a.expirationDate ?? '9999').localeCompare(b.expirationDate ?? '9999'))
  return {
    name: 'Expiring', table: 'llExpiring', title: 'Expiration alerts: lots in alert with stock on hand',
    subtitle: subtitle(ctx, [`today ${today}`], sorted.length),
    columns: [
      col('Product', 'text', 16), col('Lot/Serial', 'text', 18), col('Expiration', 'date', 12), col('Alert', 'date', 12),
      col('Days left', 'number', 9), col('On hand', 'number', 10), col('Locations', 'text', 24),
    ],
    rows: sorted.map((l) => [
      l.product, l.name, l.expirationDate, l.alertDate, l.expirationDate ? daysBetween(today, l.expirationDate) : null, l.onHand,
      l.quants.map((q) => q.location).filter((v, i, a) => a.indexOf(v) === i).join(', '),
    ]),
    flags: { expired: 2, alert: 3 },
    source: { kind: 'expiring' },
  }
}

/** Move history. */
export function movesSheet(moves: Move[], source: Extract<SheetSource, { kind: 'moves' }>, ctx: SheetContext): SheetModel {
  return {
    name: 'Moves', table: 'llMoves', title: 'Move history',
    subtitle: subtitle(ctx, [filters(source)], moves.length),
    columns: [
      col('Date', 'datetime', 17), col('Reference', 'text', 18), col('Operation', 'text', 11), col('Product', 'text', 16),
      col('Lot/Serial', 'text', 18), col('From', 'text', 18), col('To', 'text', 18), col('Quantity', 'number', 10),
      col('Unit', 'text', 8), col('Package', 'text', 12), col('Move', 'text', 16),
    ],
    rows: moves.map((m) => [when(m.date, ctx), m.reference, m.operationType, m.product, m.lot, m.from, m.to, m.qty, m.uom, m.package, m.id]),
    source,
  }
}

/** Recall of a lot: who received it (or what was made from it), and what is still on hand. */
export function recallSheet(r: Recall, source: Extract<SheetSource, { kind: 'recall' }>, ctx: SheetContext): SheetModel {
  const customers = new Set(r.deliveries.map((d) => d.partner ?? d.to)).size
  const rows = [
    ...r.deliveries.map((d) => ['Delivered', d.product, d.lot, d.partner ?? d.to, d.reference, when(d.date, ctx), d.qty, d.returned, d.uom]),
    ...r.onHand.map((q) => ['On hand', q.product, q.lot, q.package ? `${q.location} (${q.package})` : q.location, null, null, q.qty, null, q.uom]),
  ]
  return {
    name: 'Recall', table: 'llRecall',
    title: `Recall of ${source.product} lot ${source.lot}: ${r.lots.length} ${r.lots.length === 1 ? 'lot' : 'lots'}, ${r.deliveries.length} deliveries to ${customers} ${customers === 1 ? 'customer' : 'customers'}`,
    subtitle: subtitle(ctx, [`lots ${r.lots.map((l) => `${l.product}/${l.name}`).join(', ')}`, r.truncated ? 'TRUNCATED' : null], rows.length),
    columns: [
      col('Action', 'text', 11), col('Product', 'text', 16), col('Lot/Serial', 'text', 18), col('Customer / Location', 'text', 24),
      col('Reference', 'text', 16), col('Date', 'datetime', 17), col('Quantity', 'number', 10), col('Returned', 'number', 10), col('Unit', 'text', 8),
    ],
    rows,
    source,
  }
}
