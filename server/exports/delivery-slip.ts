/**
 * The delivery slip of a delivery (shared/sheets/delivery-slip.ts builds it, as the pane does):
 * the deliveries recorded under the reference and their moves, read from the ledger.
 */
import { qtyToNumber } from '../../shared/quantity'
import { deliverySlip, type SlipMove } from '../../shared/sheets/delivery-slip'
import { LedgerError, notFound } from '../domain/errors'
import { referenceIndex, type OperationRec, type WorkspaceState } from '../domain/state'
import { reportFileName } from './file-name'
import { modelReport, type Report, type ReportContext } from './report'

function* slipMoves(ws: WorkspaceState, deliveries: OperationRec[]): Generator<SlipMove> {
  for (const op of deliveries) {
    for (let i = op.firstMove; i < op.firstMove + op.moveCount; i++) {
      const m = ws.moves[i]
      yield {
        product: m.product.sku, description: m.product.name, uom: m.product.uom,
        lot: m.lot?.name ?? null, expirationDate: m.lot?.expirationDate ?? null, qty: qtyToNumber(m.qty),
      }
    }
  }
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
  const { model, info } = deliverySlip(q.reference, deliveries, slipMoves(ws, deliveries), ws.settings, c.sheet)
  const report = modelReport(model, reportFileName(['Delivery slip', q.reference, c.today]))
  report.head.info = info
  return report
}
