/**
 * The workbook of one recall (GET /exports/recall-case.xlsx): what the recall is and who opened
 * and closed it above; below, one table of the work it asks for: the customers to notify with
 * the quantities they received and returned, the stock to quarantine, and each held lot's
 * progress (on hand, delivered, returned, scrapped since the recall opened).
 */
import type { Recall } from '../schemas/recall'
import { col, counted, productText, when, type SheetContext } from './builders'
import { fitColumns } from './fit'
import type { CellValue, DocumentLine, SheetColumn, SheetModel } from './model'

export const RECALL_CASE_COLUMNS: SheetColumn[] = [
  col('Action', 'text', 11), col('Customer / Location', 'text', 26, { wrap: true }), col('Contact', 'text', 30, { wrap: true }),
  col('Reference', 'text', 16), col('Date', 'datetime', 17),
  col('Product', 'text', 14), col('Product name', 'text', 26, { wrap: true }), col('Lot/Serial', 'text', 16),
  col('Quantity', 'number', 10), col('Returned', 'number', 10), col('Scrapped', 'number', 10), col('Unit', 'text', 7),
]

/** The words of the Action column, one per kind of row. */
export const RECALL_ACTIONS = { notify: 'Notify', quarantine: 'Quarantine', progress: 'Progress' } as const

/** Who did it and when, on the workspace's clock: `2026-06-15 12:00 by Quality`. */
function byWhom(at: string, by: { name: string } | null, ctx: SheetContext): string {
  return `${when(at, ctx).replace('T', ' ')} by ${by ? by.name : '(system)'}`
}

/** A customer's contact in one cell: business name, phone, address. */
function contactText(c: Recall['deliveries'][number]['contact']): string | null {
  return c ? [c.name, c.phone, c.address].filter(Boolean).join(' · ') : null
}

/** The rows: customers to notify, stock to quarantine, then each lot's progress (Quantity is what is still on hand). */
export function recallCaseRows(r: Recall, ctx: SheetContext): CellValue[][] {
  const notify = r.deliveries.map((d): CellValue[] => [
    RECALL_ACTIONS.notify, d.partner ?? d.to, contactText(d.contact), d.reference, when(d.date, ctx), d.product, d.productName, d.lot, d.qty, d.returned, null, d.uom,
  ])
  const quarantine = r.onHand.map((q): CellValue[] => [
    RECALL_ACTIONS.quarantine, q.package ? `${q.location} (${q.package})` : q.location, null, null, null, q.product, q.productName, q.lot, q.qty, null, null, q.uom,
  ])
  const progress = r.lots.map((l): CellValue[] => [
    RECALL_ACTIONS.progress, null, null, null, null, l.product, l.productName, l.name, l.onHand, l.returned, l.scrapped, l.uom,
  ])
  return [...notify, ...quarantine, ...progress]
}

/** The recall's workbook sheet. */
export function recallCaseSheet(r: Recall, ctx: SheetContext): SheetModel {
  const rows = recallCaseRows(r, ctx)
  const customers = new Set(r.deliveries.map((d) => d.partner ?? d.to)).size
  const name = r.lots.find((l) => l.product === r.product)?.productName
  const above: DocumentLine[] = [
    { label: 'Recall', value: r.id, kind: 'text', look: 'strong' },
    { label: 'Lot recalled', value: `${productText(r.product, name)} lot ${r.lot}`, kind: 'text' },
    { label: 'Reason', value: r.reason, kind: 'text' },
    { label: 'Status', value: r.status === 'open' ? `Open: ${counted(r.lots.length, 'lot')} on hold` : 'Closed: its lots are no longer held by it', kind: 'text', look: 'strong' },
    { label: 'Opened', value: byWhom(r.openedAt, r.openedBy, ctx), kind: 'text' },
    ...(r.closedAt === null ? [] : [
      { label: 'Closed', value: byWhom(r.closedAt, r.closedBy, ctx), kind: 'text' as const },
      { label: 'Why closed', value: r.closeReason, kind: 'text' as const },
    ]),
    ...(r.truncated ? [{ label: 'TRUNCATED', value: 'the genealogy was larger than a recall follows: recall the lots made from it too', kind: 'text' as const }] : []),
  ]
  const fitted = fitColumns(RECALL_CASE_COLUMNS, rows)
  // The first column also holds the labels of the lines above the table.
  fitted[0] = { ...fitted[0], width: Math.max(fitted[0].width, ...above.map((l) => l.label.length + 3)) }
  return {
    name: 'Recall', table: 'llRecallCase',
    title: `Recall ${r.id}: ${counted(r.deliveries.length, 'delivery', 'deliveries')} to ${counted(customers, 'customer')} to notify, ${counted(r.onHand.length, 'place')} to quarantine`,
    subtitle: '',
    columns: fitted,
    rows,
    source: { kind: 'recall', product: r.product, lot: r.lot },
    document: { above, below: [] },
  }
}
