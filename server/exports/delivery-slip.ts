/**
 * The delivery slip of a delivery: per delivered line its product, quantity and unit, and, as the
 * workspace settings say, its lot or serial and the lot's expiration date; the partner, reference
 * and date above the lines.
 */
import { qtyToNumber, type Qty } from '../../shared/quantity'
import { col, filterText, sheetSubtitle, when } from '../../shared/sheets/builders'
import type { CellValue, SheetColumn } from '../../shared/sheets/model'
import { LedgerError, notFound } from '../domain/errors'
import { referenceIndex, type LotRec, type ProductRec } from '../domain/state'
import { reportFileName } from './file-name'
import { modelReport, type Report, type ReportContext } from './report'

interface SlipLine {
  product: ProductRec
  lot: LotRec | null
  qty: Qty
}

/** The slip of every delivery recorded under `reference` (usually one). */
export function deliverySlipReport(c: ReportContext, q: { reference: string }): Report {
  const { ws } = c
  const operations = referenceIndex(ws).get(q.reference) ?? []
  const deliveries = operations.filter((op) => op.type === 'delivery')
  if (deliveries.length === 0 && operations.length > 0) {
    const types = [...new Set(operations.map((o) => o.type))].join(', ')
    throw new LedgerError('not_found', `no delivery has reference ${q.reference} (it is the reference of: ${types})`)
  }
  if (deliveries.length === 0) throw notFound(`delivery with reference ${q.reference}`)
  const showLots = ws.settings.showLotsOnDeliverySlips
  const showExpiration = showLots && ws.settings.showExpirationOnDeliverySlips

  // Moves of one line (a line taken from several packages, or a lot split across them) add up
  // to one slip line; without lots shown, a product's lines add up too.
  const lines = new Map<string, SlipLine>()
  for (const op of deliveries) {
    for (let i = op.firstMove; i < op.firstMove + op.moveCount; i++) {
      const m = ws.moves[i]
      const lot = showLots ? m.lot : null
      const key = `${m.product.sku}\u0000${lot?.name ?? ''}`
      const line = lines.get(key)
      if (line) line.qty += m.qty
      else lines.set(key, { product: m.product, lot, qty: m.qty })
    }
  }

  const columns: SheetColumn[] = [col('Product', 'text', 16), col('Description', 'text', 30)]
  if (showLots) columns.push(col('Lot/Serial', 'text', 18))
  if (showExpiration) columns.push(col('Expiration', 'date', 12))
  columns.push(col('Quantity', 'number', 10), col('Unit', 'text', 8))
  const rows = [...lines.values()].map((l) => {
    const row: CellValue[] = [l.product.sku, l.product.name]
    if (showLots) row.push(l.lot?.name ?? null)
    if (showExpiration) row.push(l.lot?.expirationDate ?? null)
    row.push(qtyToNumber(l.qty), l.product.uom)
    return row
  })

  const first = deliveries[0]
  const partners = [...new Set(deliveries.map((d) => d.partner).filter((p): p is string => p !== null))]
  const report = modelReport(
    {
      name: 'Delivery slip',
      title: `Delivery slip ${q.reference}`,
      subtitle: sheetSubtitle(c.sheet, [filterText(q)], rows.length),
      columns, rows,
    },
    reportFileName(['Delivery slip', q.reference, c.today]),
  )
  report.head.info = [
    { label: 'Reference', value: q.reference, kind: 'text' },
    { label: 'Partner', value: partners.join(', ') || null, kind: 'text' },
    { label: 'Date', value: when(first.date, c.sheet), kind: 'datetime' },
    { label: deliveries.length === 1 ? 'Operation' : 'Operations', value: deliveries.map((d) => d.id).join(', '), kind: 'text' },
  ]
  return report
}
