/**
 * A delivery slip pulled into the workbook: the deliveries under a reference and their moves,
 * read through the API, and built by the same shared builder as the server's report.
 */
import { deliverySlip, type SlipMove } from '../../../shared/sheets/delivery-slip'
import type { SheetContext } from '../../../shared/sheets/builders'
import type { SheetModel } from '../../../shared/sheets/model'
import type { ApiClient } from '../api/client'
import type { Catalogue } from '../sync/catalogue'

/** The slip of the deliveries recorded under `reference`; the partner follows its title. */
export async function slipSheet(api: ApiClient, reference: string, catalogue: Catalogue, ctx: SheetContext): Promise<SheetModel> {
  const deliveries = (await api.operations({ reference, type: 'delivery' })).operations
  if (!deliveries.length) throw new Error(`no delivery has the reference ${reference}`)
  const names = new Map(catalogue.products.map((p) => [p.sku, p.name]))
  const moves: SlipMove[] = []
  for (const d of deliveries) {
    const op = await api.operation(d.id)
    const expiry = new Map(op.lots.map((l) => [`${l.product}\u0000${l.name}`, l.expirationDate]))
    for (const m of op.moves) {
      moves.push({
        product: m.product, description: names.get(m.product) ?? m.product, uom: m.uom, qty: m.qty,
        lot: m.lot, expirationDate: m.lot === null ? null : (expiry.get(`${m.product}\u0000${m.lot}`) ?? null),
      })
    }
  }
  const { model, info } = deliverySlip(reference, deliveries, moves, catalogue.settings, ctx)
  const partner = info.find((i) => i.label === 'Partner')?.value
  return partner ? { ...model, title: `${model.title} · ${partner}` } : model
}
