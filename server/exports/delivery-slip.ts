/**
 * The delivery slip of a delivery (shared/sheets/delivery-slip.ts builds it, as the pane does):
 * the deliveries recorded under the reference and their moves, read from the ledger.
 */
import { expiryText } from '../../shared/expiry-precision'
import { qtyToNumber } from '../../shared/quantity'
import { deliverySlip, type SlipMove } from '../../shared/sheets/delivery-slip'
import { LedgerError, notFound } from '../domain/errors'
import { referenceIndex, type OperationRec, type WorkspaceState } from '../domain/state'
import { reportFileName } from './file-name'
import { modelReport, type Report, type ReportContext } from './report'

function* slipMoves(ws: WorkspaceState, deliveries: OperationRec[]): Generator<SlipMove> {
  for (const op of deliveries) {
    for (let i = op.firstMove; i < op.firstMove + op.moveCount; i++) {
      const m = ws.moves.at(i)
      yield {
        product: m.product.sku, description: m.product.name, uom: m.product.uom,
        lot: m.lot?.name ?? null, expirationDate: m.lot ? expiryText(m.lot) : null, qty: qtyToNumber(m.qty),
      }
    }
  }
}

/** The notes of `deliveries`, from their journal records (the ledger's state keeps no notes). */
async function notesOf(c: ReportContext, deliveries: OperationRec[]): Promise<Map<string, string | null>> {
  const notes = new Map<string, string | null>()
  const records = await c.store.records(deliveries.map((d) => d.seq))
  for (const rec of records) {
    for (const part of rec.type === 'batch' ? rec.data.parts : [rec]) {
      if (part.type === 'operation.recorded') notes.set(part.data.result.operation.id, part.data.result.operation.note)
    }
  }
  return notes
}

/** The slip of every delivery recorded under `reference` (usually one). */
export async function deliverySlipReport(c: ReportContext, q: { reference: string }): Promise<Report> {
  const { ws } = c
  const operations = referenceIndex(ws).get(q.reference) ?? []
  const deliveries = operations.filter((op) => op.type === 'delivery')
  if (deliveries.length === 0 && operations.length > 0) {
    const types = [...new Set(operations.map((o) => o.type))].join(', ')
    throw new LedgerError('not_found', `no delivery has reference ${q.reference} (it is the reference of: ${types})`)
  }
  if (deliveries.length === 0) throw notFound(`delivery with reference ${q.reference}`)
  const notes = await notesOf(c, deliveries)
  const slip = deliveries.map((d) => ({ id: d.id, partner: d.partner, date: d.date, note: notes.get(d.id) }))
  const { model } = deliverySlip(q.reference, slip, slipMoves(ws, deliveries), ws.settings, c.sheet)
  return modelReport(model, reportFileName(['Delivery slip', q.reference, c.today]))
}
