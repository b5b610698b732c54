/**
 * A delivery slip pulled into the workbook: the deliveries under a reference and their moves,
 * read through the API, and built by the same shared builder as the server's report.
 */
import { expiryText } from '../../../shared/expiry-precision'
import { deliverySlip, type SlipMove } from '../../../shared/sheets/delivery-slip'
import type { SheetContext } from '../../../shared/sheets/builders'
import type { SheetModel } from '../../../shared/sheets/model'
import type { ApiClient } from '../api/client'
import type { Catalogue } from '../sync/catalogue'

/** The slip of the deliveries recorded under `reference`; the partner follows its title, the day is the line under it. */
export async function slipSheet(api: ApiClient, reference: string, catalogue: Catalogue, ctx: SheetContext): Promise<SheetModel> {
  const deliveries = (await api.operations({ reference, type: 'delivery' })).operations
  if (!deliveries.length) throw new Error(`no delivery has the reference ${reference}`)
  const names = new Map(catalogue.products.map((p) => [p.sku, p.name]))
  const moves: SlipMove[] = []
  const notes = new Map<string, string | null>()
  for (const d of deliveries) {
    const op = await api.operation(d.id)
    notes.set(d.id, op.operation.note)
    const expiry = new Map(op.lots.map((l) => [`${l.product}\u0000${l.name}`, expiryText(l)]))
    for (const m of op.moves) {
      moves.push({
        product: m.product, description: names.get(m.product) ?? m.product, uom: m.uom, qty: m.qty,
        lot: m.lot, expirationDate: m.lot === null ? null : (expiry.get(`${m.product}\u0000${m.lot}`) ?? null),
      })
    }
  }
  const { model, shipTo } = deliverySlip(reference, deliveries.map((d) => ({ ...d, note: notes.get(d.id) })), moves, catalogue.settings, ctx)
  // A pulled sheet has a title and one line above its table, not the printed slip's address
  // block: whom it goes to joins the title, the day of delivery takes the line.
  const day = model.document?.above.find((l) => l.label === 'Delivery date')?.value
  return { ...model, title: shipTo ? `${model.title} · ${shipTo}` : model.title, subtitle: day ? `Delivery date ${day}` : model.subtitle }
}
