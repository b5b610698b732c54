/**
 * The delivery slip of a delivery, as the server's report and the pane's sheet both make it: per
 * delivered line its product, quantity and unit and, as the workspace settings say, its lot or
 * serial and the lot's expiration date; the reference, partner, date and operation above them.
 */
import { addQty, qtyToNumber, unitsToQty, type Qty } from '../quantity'
import { col, filterText, sheetSubtitle, when, type SheetContext } from './builders'
import type { CellKind, CellValue, SheetColumn, SheetModel } from './model'

/** A delivery recorded under the slip's reference. */
export interface SlipDelivery {
  id: string
  partner: string | null
  /** The operation's instant. */
  date: string
}

/** A move of one of the deliveries, with what the slip shows of its product and lot. */
export interface SlipMove {
  product: string
  description: string
  uom: string
  lot: string | null
  expirationDate: string | null
  qty: number
}

/** Which columns the workspace wants on its slips. */
export interface SlipSettings {
  showLotsOnDeliverySlips: boolean
  showExpirationOnDeliverySlips: boolean
}

/** The lines above the table: what the slip is about, label and value. */
export type SlipInfo = Array<{ label: string; value: CellValue; kind: CellKind }>

interface SlipLine {
  move: SlipMove
  qty: Qty
}

/**
 * The slip of `deliveries` (all recorded under `reference`, oldest first). Moves of one line (a
 * line taken from several packages) add up to one slip line; without lots shown, a product's
 * lines add up too.
 */
export function deliverySlip(reference: string, deliveries: SlipDelivery[], moves: Iterable<SlipMove>, settings: SlipSettings, ctx: SheetContext): { model: SheetModel; info: SlipInfo } {
  const showLots = settings.showLotsOnDeliverySlips
  const showExpiration = showLots && settings.showExpirationOnDeliverySlips
  const lines = new Map<string, SlipLine>()
  for (const m of moves) {
    const key = `${m.product}\u0000${showLots ? (m.lot ?? '') : ''}`
    const line = lines.get(key)
    if (line) line.qty = addQty(line.qty, unitsToQty(m.qty))
    else lines.set(key, { move: m, qty: unitsToQty(m.qty) })
  }

  const columns: SheetColumn[] = [col('Product', 'text', 16), col('Description', 'text', 30)]
  if (showLots) columns.push(col('Lot/Serial', 'text', 18))
  if (showExpiration) columns.push(col('Expiration', 'date', 12))
  columns.push(col('Quantity', 'number', 10), col('Unit', 'text', 8))
  const rows = [...lines.values()].map(({ move, qty }) => {
    const row: CellValue[] = [move.product, move.description]
    if (showLots) row.push(move.lot)
    if (showExpiration) row.push(move.expirationDate)
    row.push(qtyToNumber(qty), move.uom)
    return row
  })

  const partners = [...new Set(deliveries.map((d) => d.partner).filter((p): p is string => p !== null))]
  const info: SlipInfo = [
    { label: 'Reference', value: reference, kind: 'text' },
    { label: 'Partner', value: partners.join(', ') || null, kind: 'text' },
    { label: 'Date', value: deliveries.length ? when(deliveries[0].date, ctx) : null, kind: 'datetime' },
    { label: deliveries.length === 1 ? 'Operation' : 'Operations', value: deliveries.map((d) => d.id).join(', '), kind: 'text' },
  ]
  const model: SheetModel = {
    name: 'Delivery slip', table: 'llDeliverySlip',
    title: `Delivery slip ${reference}`,
    subtitle: sheetSubtitle(ctx, [filterText({ reference })], rows.length),
    columns, rows,
    source: { kind: 'delivery-slip', reference },
  }
  return { model, info }
}
