/**
 * The delivery slip of a delivery, a document for the customer, as the server's report and the
 * pane's sheet both make it: who sends it and to whom it goes, the day and the reference above;
 * per delivered line its product, description, quantity and unit and, as the workspace settings
 * say, its lot or serial and the lot's expiration date; lines to sign for the goods below.
 */
import { addQty, qtyToNumber, unitsToQty, type Qty } from '../quantity'
import type { DocumentSettings } from '../schemas/settings'
import { col, when, type SheetContext } from './builders'
import { fitColumns } from './fit'
import type { CellValue, DocumentLine, SheetColumn, SheetModel } from './model'

/** A delivery recorded under the slip's reference. */
export interface SlipDelivery {
  id: string
  partner: string | null
  /** The operation's instant. */
  date: string
  note?: string | null
}

/** A move of one of the deliveries, with what the slip shows of its product and lot. */
export interface SlipMove {
  product: string
  description: string
  uom: string
  lot: string | null
  /** The lot's expiration: `YYYY-MM` when it is a month only. */
  expirationDate: string | null
  qty: number
}

/** Which columns the workspace wants on its slips, and what its documents say of it. */
export interface SlipSettings {
  showLotsOnDeliverySlips: boolean
  showExpirationOnDeliverySlips: boolean
  documents?: Pick<DocumentSettings, 'sender' | 'deliverySlipFooter'>
}

interface SlipLine {
  move: SlipMove
  qty: Qty
}

/** Lines of a text as document lines, `label` on the first. */
function textLines(label: string, text: string | null | undefined, look?: DocumentLine['look']): DocumentLine[] {
  const lines = (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean)
  return lines.map((value, i) => ({ label: i === 0 ? label : '', value, kind: 'text', look: i === 0 ? look : undefined }))
}

/** Who receives the goods signs here: name, date, signature, each a line to write on. */
const SIGNATURE: DocumentLine[] = ['Received by', 'Date', 'Signature'].map((label) => ({ label, value: null, kind: 'text', look: 'blank' }))

/**
 * The slip of `deliveries` (all recorded under `reference`, oldest first). Moves of one line (a
 * line taken from several packages) add up to one slip line; without lots shown, a product's
 * lines add up too. `shipTo` is whom it goes to (the partners), null when no delivery names one.
 */
export function deliverySlip(reference: string, deliveries: SlipDelivery[], moves: Iterable<SlipMove>, settings: SlipSettings, ctx: SheetContext): { model: SheetModel; shipTo: string | null } {
  const showLots = settings.showLotsOnDeliverySlips
  const showExpiration = showLots && settings.showExpirationOnDeliverySlips
  const lines = new Map<string, SlipLine>()
  for (const m of moves) {
    const key = `${m.product}\u0000${showLots ? (m.lot ?? '') : ''}`
    const line = lines.get(key)
    if (line) line.qty = addQty(line.qty, unitsToQty(m.qty))
    else lines.set(key, { move: m, qty: unitsToQty(m.qty) })
  }

  const columns: SheetColumn[] = [col('Product', 'text', 14), col('Description', 'text', 34, { wrap: true })]
  if (showLots) columns.push(col('Lot/Serial', 'text', 16))
  if (showExpiration) columns.push(col('Expiration', 'date', 12))
  columns.push(col('Quantity', 'number', 10), col('Unit', 'text', 7))
  const rows = [...lines.values()].map(({ move, qty }) => {
    const row: CellValue[] = [move.product, move.description]
    if (showLots) row.push(move.lot)
    if (showExpiration) row.push(move.expirationDate)
    row.push(qtyToNumber(qty), move.uom)
    return row
  })

  const partners = [...new Set(deliveries.map((d) => d.partner).filter((p): p is string => p !== null))]
  const shipTo = partners.join(', ') || null
  const notes = [...new Set(deliveries.map((d) => d.note?.trim()).filter((n): n is string => !!n))]
  // The day only: the time of day a delivery was recorded means nothing to its receiver.
  const day = deliveries.length ? when(deliveries[0].date, ctx).slice(0, 10) : null
  const above: DocumentLine[] = [
    ...textLines('From', settings.documents?.sender),
    { label: 'Ship to', value: shipTo, kind: 'text', look: 'strong' },
    { label: 'Delivery date', value: day, kind: 'date' },
    { label: 'Reference', value: reference, kind: 'text' },
    ...textLines('Note', notes.join('\n')),
  ]
  const footer = textLines('', settings.documents?.deliverySlipFooter)
  // A blank row keeps the terms apart from the last line to sign on.
  const below: DocumentLine[] = [...SIGNATURE, ...(footer.length ? [{ label: '', value: null, kind: 'text' as const }, ...footer] : [])]
  const fitted = fitColumns(columns, rows)
  // The first column also holds the labels of the lines above and below the table.
  const labels = Math.max(...[...above, ...below].map((l) => l.label.length))
  fitted[0] = { ...fitted[0], width: Math.max(fitted[0].width, labels + 3) }
  const model: SheetModel = {
    name: 'Delivery slip', table: 'llDeliverySlip',
    title: `Delivery slip ${reference}`,
    subtitle: '',
    columns: fitted,
    rows,
    source: { kind: 'delivery-slip', reference },
    document: { above, below },
  }
  return { model, shipTo }
}
