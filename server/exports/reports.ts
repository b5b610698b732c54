/**
 * The reports that are the pane's sheets: Traceability, Recall, Stock and Expiring are built in
 * memory with the pane's builders (their size is bounded by a lot's genealogy or the stock);
 * Lots and Moves are read page by page and streamed with the same column specs and row functions.
 */
import { expiringSheet, lotRow, lotsHead, moveRow, movesHead, recallSheet, stockSheet, traceabilitySheet } from '../../shared/sheets/builders'
import type { CellValue } from '../../shared/sheets/model'
import { lotDoc, moveDoc } from '../domain/docs'
import { notFound } from '../domain/errors'
import { listLots, listMoves, type MoveFilter } from '../domain/queries/lists'
import { recall } from '../domain/queries/recall'
import { stock } from '../domain/queries/stock'
import { trace, type Direction } from '../domain/queries/trace'
import { lotOrNotFound, type WorkspaceState } from '../domain/state'
import { reportFileName } from './file-name'
import { BATCH_ROWS, modelReport, timeRange, type Report, type ReportContext } from './report'
import type { RowBatch } from './xlsx-stream'

/** Rows of a streamed report that its column widths are fitted to (its first ones). */
const WIDTH_SAMPLE = 1000

/** The traceability report of a lot (404 for an unknown product or lot). */
export function traceReport(c: ReportContext, q: { product: string; lot: string; direction: Direction }): Report {
  const lot = lotOrNotFound(c.ws, q.product, q.lot)
  const { rows, truncated } = trace(c.ws, lot, q.direction)
  const model = traceabilitySheet({ lot: lotDoc(lot, c.today), direction: q.direction, rows, truncated }, c.sheet)
  const direction = q.direction === 'both' ? null : q.direction
  return modelReport(model, reportFileName(['Traceability', q.product, q.lot, direction, c.today]))
}

/** The recall report of a lot: deliveries of it and of what was made from it, then what is on hand. */
export function recallReport(c: ReportContext, q: { product: string; lot: string }): Report {
  const answer = recall(c.ws, lotOrNotFound(c.ws, q.product, q.lot))
  const model = recallSheet(answer, { kind: 'recall', product: q.product, lot: q.lot }, c.sheet)
  return modelReport(model, reportFileName(['Recall', q.product, q.lot, c.today]))
}

/** Stock on hand by location and lot, filtered. */
export function stockReport(c: ReportContext, q: { product?: string; lot?: string; location?: string }): Report {
  const model = stockSheet(stock(c.ws, q), { kind: 'stock', ...q }, c.sheet)
  return modelReport(model, reportFileName(['Stock', q.product, q.lot, q.location, c.today]))
}

/** Lots in alert with stock on hand, soonest first. */
export function expiringReport(c: ReportContext): Report {
  const lots = listLots(c.ws, c.today, { alert: true, inStock: true }, Number.POSITIVE_INFINITY).items.map((l) => lotDoc(l, c.today))
  return modelReport(expiringSheet(lots, c.sheet, c.today), reportFileName(['Expiring', c.today]))
}

/** Lots in registration order, read a page at a time; lots registered after the request are left out. */
export function lotsReport(c: ReportContext, q: { product?: string }): Report {
  const { ws, today } = c
  const product = q.product === undefined ? undefined : ws.products.get(q.product)
  if (q.product !== undefined && !product) throw notFound(`product ${q.product}`)
  const end = ws.lotList.length
  let count = 0
  for (let i = 0; i < end; i++) if (!product || ws.lotList[i].product === product) count++
  // The first page's rows fit the column widths: the file's columns are written before its rows.
  const sample = listLots(ws, today, { product: q.product }, WIDTH_SAMPLE).items.filter((l) => l.no < end).map((l) => lotRow(lotDoc(l, today), c.sheet))
  return {
    fileName: reportFileName(['Lots', q.product, today]),
    head: lotsHead({ kind: 'lots', ...q }, c.sheet, count, sample),
    *rows(): Generator<RowBatch> {
      let cursor: string | undefined
      for (;;) {
        const page = listLots(ws, today, { product: q.product }, BATCH_ROWS, cursor)
        const lots = page.items.filter((l) => l.no < end)
        if (lots.length) yield { rows: lots.map((l) => lotRow(lotDoc(l, today), c.sheet)) }
        if (page.next === null || lots.length < page.items.length) return
        cursor = page.next
      }
    },
  }
}

/** The Moves report's filters: a MoveFilter whose `after` and `before` may also be dates (on the workspace's clock). */
export type MovesQuery = MoveFilter

/** Moves in journal order matching the filters, up to the last one recorded when the request came. */
function* movePages(ws: WorkspaceState, filter: MoveFilter, end: number, size: number) {
  let cursor: string | undefined
  for (;;) {
    const page = listMoves(ws, filter, size, cursor)
    const last = page.items.at(-1)
    const moves = last === undefined || last.index < end ? page.items : page.items.filter((m) => m.index < end)
    if (moves.length) yield moves
    if (page.next === null || moves.length < page.items.length) return
    cursor = page.next
  }
}

/** Move history, streamed page by page. */
export function movesReport(c: ReportContext, q: MovesQuery): Report {
  const { ws } = c
  const filter: MoveFilter = { product: q.product, lot: q.lot, location: q.location, reference: q.reference, ...timeRange(ws, q.after, q.before) }
  const end = ws.moves.length
  // Counting first also answers unknown products, lots and locations before the file starts.
  let count = 0
  let sample: CellValue[][] = []
  for (const moves of movePages(ws, filter, end, 10_000)) {
    if (count === 0) sample = moves.slice(0, WIDTH_SAMPLE).map((m) => moveRow(moveDoc(m), c.sheet))
    count += moves.length
  }
  return {
    fileName: reportFileName(['Moves', q.product, q.lot, q.location, q.reference, q.after && `from ${q.after}`, q.before && `to ${q.before}`, c.today]),
    head: movesHead({ kind: 'moves', ...q }, c.sheet, count, sample),
    *rows(): Generator<RowBatch> {
      for (const moves of movePages(ws, filter, end, BATCH_ROWS)) yield { rows: moves.map((m) => moveRow(moveDoc(m), c.sheet)) }
    },
  }
}
