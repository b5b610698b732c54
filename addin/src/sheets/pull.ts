/** Fetching what a sheet shows and building its model (pages followed, progress reported). */
import { assertNever } from '../../../shared/assert-never'
import {
  expiringSheet, lotsSheet, movesSheet, recallSheet, stockSheet, traceabilitySheet, type SheetContext,
} from '../../../shared/sheets/builders'
import type { SheetModel, SheetSource } from '../../../shared/sheets/model'
import { dateInZone } from '../../../shared/dates'
import type { ApiClient } from '../api/client'
import type { Lot, Move } from '../api/types'
import type { Catalogue } from '../sync/catalogue'
import { slipSheet } from './slip'

/** Most rows one sheet takes from the server; more is a question to narrow. */
export const SHEET_ROWS_MAX = 500_000
const PAGE = 1000

export type Progress = (message: string, done?: number, total?: number) => void

async function allPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; next: string | null }>, what: string, progress: Progress,
): Promise<T[]> {
  const out: T[] = []
  let cursor: string | undefined
  for (;;) {
    const page = await fetchPage(cursor)
    out.push(...page.items)
    progress(`Fetching ${what}: ${out.length.toLocaleString('en-US')}`)
    if (!page.next) return out
    if (out.length >= SHEET_ROWS_MAX) throw new Error(`more than ${SHEET_ROWS_MAX.toLocaleString('en-US')} ${what}: narrow the filters`)
    cursor = page.next
  }
}

/** Where and when a sheet is made, and the catalogue it names products from. */
export type PullContext = SheetContext & { catalogue: Catalogue }

/** Asks the server for what `source` describes and builds the sheet. */
export async function pullSheet(api: ApiClient, source: SheetSource, ctx: PullContext, progress: Progress = () => {}): Promise<SheetModel> {
  switch (source.kind) {
    case 'trace':
      progress('Tracing…')
      return traceabilitySheet(await api.trace(source.product, source.lot, source.direction), ctx)
    case 'recall':
      progress('Finding everything made from the lot…')
      return recallSheet(await api.recall(source.product, source.lot), source, ctx)
    case 'stock':
      progress('Fetching stock…')
      return stockSheet(await api.stock({ product: source.product, lot: source.lot, location: source.location }), source, ctx)
    case 'lots': {
      const lots = await allPages<Lot>(async (cursor) => {
        const p = await api.lotsPage({ product: source.product, limit: PAGE, cursor })
        return { items: p.lots, next: p.next }
      }, 'lots', progress)
      return lotsSheet(lots, source, ctx)
    }
    case 'expiring': {
      const lots = await allPages<Lot>(async (cursor) => {
        const p = await api.lotsPage({ alert: true, inStock: true, limit: PAGE, cursor })
        return { items: p.lots, next: p.next }
      }, 'lots in alert', progress)
      return expiringSheet(lots, ctx, dateInZone(ctx.now, ctx.timeZone))
    }
    case 'moves': {
      const moves = await allPages<Move>(async (cursor) => {
        const p = await api.movesPage({ ...source, kind: undefined, limit: PAGE, cursor })
        return { items: p.moves, next: p.next }
      }, 'moves', progress)
      return movesSheet(moves, source, ctx)
    }
    case 'delivery-slip':
      progress(`Fetching the deliveries of ${source.reference}…`)
      return slipSheet(api, source.reference, ctx.catalogue, ctx)
    default:
      return assertNever(source, 'sheet kind')
  }
}
