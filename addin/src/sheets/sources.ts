/**
 * What each sheet of the pane asks the server, said three ways: the worksheet it goes to in
 * Excel (one per lot for a trace or a recall, so a second one does not replace the first), and
 * the server's export (`GET /exports/{report}.xlsx`) with the same filters for a download.
 */
import { assertNever } from '../../../shared/assert-never'
import { safeSheetName, type SheetSource } from '../../../shared/sheets/model'
import type { Query } from '../api/client'

/** The reports the server exports: every sheet's, and the audit trail. */
export type ReportName = SheetSource['kind'] | 'audit'

/** The worksheet `source` is written to: Stock, Lots, Expiring and Moves have one each; a lot or a reference gets its own. */
export function sheetNameFor(source: SheetSource, fallback: string): string {
  switch (source.kind) {
    case 'trace':
      return safeSheetName(`Trace ${source.product} ${source.lot}${source.direction === 'both' ? '' : ` ${source.direction === 'upstream' ? 'up' : 'down'}`}`)
    case 'recall':
      return safeSheetName(`Recall ${source.product} ${source.lot}`)
    case 'delivery-slip':
      return safeSheetName(`Slip ${source.reference}`)
    case 'stock':
    case 'lots':
    case 'expiring':
    case 'moves':
      return fallback
    default:
      return assertNever(source, 'sheet kind')
  }
}

/** The server's export of the same sheet: its report name and filters. */
export function exportOf(source: SheetSource): { report: ReportName; query: Query } {
  const { kind, ...query } = source
  return { report: kind, query }
}

/** Why a date range is refused (the first is not before the second), or null. */
export function rangeProblem(after: string, before: string): string | null {
  return after && before && after >= before ? `must be after the "from" date (${after})` : null
}
