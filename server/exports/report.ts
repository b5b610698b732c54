/** What every report is before it is written: checked, titled, and able to produce its rows. */
import { dateInZone } from '../../shared/dates'
import type { SheetContext } from '../../shared/sheets/builders'
import type { SheetModel } from '../../shared/sheets/model'
import { invalid, LedgerError } from '../domain/errors'
import type { Ledger } from '../domain/ledger'
import type { WorkspaceState } from '../domain/state'
import type { LedgerStore } from '../store/ledger-store'
import { toInstant } from '../http/routes/instants'
import type { ReportHead } from './xlsx-layout'
import type { RowBatch, RowSource } from './xlsx-stream'

/** A report ready to stream: everything that can fail has been checked already. */
export interface Report {
  /** The download's name, with `.xlsx`. */
  fileName: string
  head: ReportHead
  /** The rows, in batches; called once, when the response starts. */
  rows(): RowSource
}

/** What a report is made from. */
export interface ReportContext {
  ws: WorkspaceState
  ledger: Ledger
  store: LedgerStore
  sheet: SheetContext
  /** Today in the workspace time zone. */
  today: string
}

export function reportContext(store: LedgerStore, ws: WorkspaceState): ReportContext {
  const ledger = store.ledger
  const now = ledger.clock.now()
  return { ws, ledger, store, sheet: { workspace: ws.id, timeZone: ws.settings.timeZone, now }, today: dateInZone(now, ws.settings.timeZone) }
}

/** Rows per batch handed to the writer. */
export const BATCH_ROWS = 1000

/** A sheet built in memory (trace, recall, stock, expiring, a delivery slip), as a report. */
export function modelReport(model: Pick<SheetModel, 'name' | 'title' | 'subtitle' | 'columns' | 'rows' | 'indent' | 'flags' | 'document'>, fileName: string): Report {
  return {
    fileName,
    head: {
      name: model.name, title: model.title, subtitle: model.subtitle, columns: model.columns, flags: model.flags,
      indentColumn: model.indent?.column, document: model.document,
    },
    *rows(): Generator<RowBatch> {
      for (let i = 0; i < model.rows.length; i += BATCH_ROWS) {
        yield { rows: model.rows.slice(i, i + BATCH_ROWS), levels: model.indent?.levels.slice(i, i + BATCH_ROWS) }
      }
    },
  }
}

/** `after` and `before` as instants (a plain date is the start of that day in the workspace zone), checked to make a range. */
export function timeRange(ws: WorkspaceState, after: string | undefined, before: string | undefined): { after?: string; before?: string } {
  const range = { after: toInstant(after, ws), before: toInstant(before, ws) }
  if (range.after !== undefined && range.before !== undefined && range.after >= range.before) {
    throw new LedgerError('validation_failed', `after (${after}) must be earlier than before (${before})`, [
      { path: 'after', message: 'must be earlier than before' },
    ])
  }
  return range
}

/** What a traceability export covers: operations dated in a range (instants), or one lot traced both ways. */
export type LotOrRange = { kind: 'range'; after?: string; before?: string } | { kind: 'lot'; product: string; lot: string }

/**
 * The scope a query asks for: a lot needs its product, and a lot's trace takes no date range
 * (`noRange` says so in the export's words: "a lot's records take no date range").
 */
export function lotOrRange(
  ws: WorkspaceState, q: { after?: string; before?: string; product?: string; lot?: string }, noRange: string,
): LotOrRange {
  if ((q.product === undefined) !== (q.lot === undefined)) throw invalid(q.product === undefined ? 'product' : 'lot', 'give product and lot together')
  if (q.product !== undefined && q.lot !== undefined) {
    if (q.after !== undefined || q.before !== undefined) throw invalid(q.after !== undefined ? 'after' : 'before', noRange)
    return { kind: 'lot', product: q.product, lot: q.lot }
  }
  return { kind: 'range', ...timeRange(ws, q.after, q.before) }
}
