/**
 * The FSMA 204 records of the selected operations: one row per critical tracking event and lot,
 * its key data elements in the order of the sheet's columns, and what of them is missing.
 * Locations are described as 21 CFR 1.1310 asks (business name, phone, physical address): a
 * partner's from its master data, the workspace's own from the sender lines of its documents.
 */
import { addQty, qtyToNumber, type Qty } from '../../shared/quantity'
import type { ReceiptKdes } from '../../shared/schemas/operation'
import { when, type SheetContext } from '../../shared/sheets/builders'
import type { CellValue } from '../../shared/sheets/model'
import { lotKey, type LocationRec, type LotRec, type MoveRec, type OperationRec, type PartnerRec, type ProductRec, type WorkspaceState } from '../domain/state'
import { operationMoves, type FsmaSelection } from './fsma204-select'

export type FsmaSheet = 'receiving' | 'shipping' | 'transformation' | 'harvesting' | 'cooling' | 'initialPacking'

/** A record: the sheet it goes on, what names it in the completeness check, and its cells. */
export interface FsmaRecord {
  sheet: FsmaSheet
  reference: string
  product: string
  lot: string
  values: CellValue[]
  /** The required KDEs it lacks, in words. */
  missing: string[]
}

/** The reference document's type, as the records name it. */
const DOCUMENT_TYPE: Partial<Record<OperationRec['type'], string>> = { receipt: 'Receipt', delivery: 'Delivery (bill of lading)', production: 'Production order' }

/** What the records are made from; descriptions and TLC sources are worked out once each. */
export class FsmaContext {
  readonly #sources = new Map<LotRec, string | null>()
  readonly #business: string | null

  constructor(readonly ws: WorkspaceState, readonly sheet: SheetContext, readonly kdes: ReadonlyMap<OperationRec, ReceiptKdes>) {
    this.#business = ws.settings.documents.sender?.split('\n').map((l) => l.trim()).filter(Boolean).join(', ') || null
  }

  /** `MILK (Whole milk 1 L)`. */
  product(p: ProductRec): string {
    return p.name === p.sku ? p.sku : `${p.name} (${p.sku})`
  }

  /** A partner as its location description, and what it lacks. */
  partner(name: string | null, missing: string[], role: string): string | null {
    if (name === null) {
      missing.push(role)
      return null
    }
    const p = this.ws.partners.get(name)
    if (!p) {
      missing.push(`${role}: business name, phone and address (no partner ${name})`)
      return name
    }
    if (p.phone === null) missing.push(`${role}: phone`)
    if (p.address === null) missing.push(`${role}: address`)
    return [p.name, p.phone, p.address].filter(Boolean).join(' · ')
  }

  /** One of the workspace's own locations as a location description: the business, its address, the place. */
  own(loc: LocationRec, missing: string[], role: string): string {
    if (this.#business === null) missing.push(`${role}: business name, phone and address (settings documents.sender)`)
    return [this.#business, loc.name, ...references(loc)].filter(Boolean).join(' · ')
  }

  /**
   * Where `lot`'s TLC was assigned: the workspace's location that received it from a farm or an
   * exempt supplier, or made it; else the supplier that assigned it. Null when unknown.
   */
  tlcSource(lot: LotRec): string | null {
    let source = this.#sources.get(lot)
    if (source === undefined) {
      source = this.#sourceOf(lot)
      this.#sources.set(lot, source)
    }
    return source
  }

  #sourceOf(lot: LotRec): string | null {
    const first = lot.moves.length ? this.ws.moves[lot.moves[0]] : undefined
    if (!first) return null
    if (first.op.type === 'production') return ownSource(first.to, this.#business)
    if (first.op.type !== 'receipt') return null
    const partner = first.op.partner === null ? undefined : this.ws.partners.get(first.op.partner)
    if (partner && assignsOnReceipt(partner)) return ownSource(first.to, this.#business)
    if (!partner) return null
    const refs = references(partner)
    return refs.length ? `${partner.name} · ${refs.join(' · ')}` : partner.address && `${partner.name} · ${partner.address}`
  }
}

/** A farm's or an exempt supplier's food gets its TLC from the receiver (21 CFR 1.1345(b)). */
function assignsOnReceipt(p: PartnerRec): boolean {
  return p.kind === 'farm' || p.kind === 'exempt_supplier'
}

function references(x: { gln: string | null; fdaRegistration: string | null }): string[] {
  return [x.gln && `GLN ${x.gln}`, x.fdaRegistration && `FDA registration ${x.fdaRegistration}`].filter((s): s is string => !!s)
}

/** A TLC source of the workspace's own: a reference FDA can find it by, else its address. */
function ownSource(loc: LocationRec, business: string | null): string | null {
  const refs = references(loc)
  if (refs.length) return [business, loc.name, ...refs].filter(Boolean).join(' · ')
  return business && `${business} · ${loc.name}`
}

/** An operation's moves of products on the list, by lot (a lot's lines added up), in order. */
function byLot(moves: readonly MoveRec[], wanted: (m: MoveRec) => boolean): Array<{ first: MoveRec; qty: Qty }> {
  const lots = new Map<string, { first: MoveRec; qty: Qty }>()
  for (const m of moves) {
    if (!m.product.foodTraceabilityList || !wanted(m)) continue
    const key = lotKey(m.product.sku, m.lot?.name ?? '')
    const seen = lots.get(key)
    if (seen) seen.qty = addQty(seen.qty, m.qty)
    else lots.set(key, { first: m, qty: m.qty })
  }
  return [...lots.values()]
}

const NO_LOT = '(no lot)'

/** Every record of `selection`, in journal order. */
export function* fsmaRecords(c: FsmaContext, selection: FsmaSelection): Generator<FsmaRecord> {
  const { lots } = selection
  const inScope = (product: ProductRec, lot: LotRec | null) => lots === null || (lot !== null && lots.has(lotKey(product.sku, lot.name)))
  for (const op of selection.ops) {
    const moves = operationMoves(c.ws, op)
    const date = when(op.date, c.sheet)
    const doc = [DOCUMENT_TYPE[op.type] ?? op.type, op.reference]
    if (op.type === 'production') {
      yield* transformation(c, op, moves, inScope, date, doc)
      continue
    }
    for (const { first: m, qty } of byLot(moves, (m) => inScope(m.product, m.lot) && !m.returnOf)) {
      const missing: string[] = []
      const tlc = m.lot?.name ?? null
      if (tlc === null) missing.push('Traceability lot code')
      const head = [tlc, c.product(m.product), qtyToNumber(qty), m.product.uom]
      const record = (sheet: FsmaSheet, values: CellValue[], lacking = missing) =>
        ({ sheet, reference: op.reference, product: m.product.sku, lot: tlc ?? NO_LOT, values, missing: lacking })
      if (op.type === 'delivery') {
        const to = c.partner(op.partner, missing, 'Subsequent recipient')
        const from = c.own(m.from, missing, 'Location shipped from')
        const source = m.lot && c.tlcSource(m.lot)
        if (!source) missing.push('TLC source or TLC source reference')
        yield record('shipping', [...head, to, from, date, source, ...doc])
        continue
      }
      const from = c.partner(op.partner, missing, 'Immediate previous source')
      const at = c.own(m.to, missing, 'Location received at')
      const source = m.lot && c.tlcSource(m.lot)
      if (!source) missing.push('TLC source or TLC source reference')
      const partner = op.partner === null ? undefined : c.ws.partners.get(op.partner)
      const kdes = c.kdes.get(op)
      // Food from a farm is first received here: its harvesting and cooling are part of the record.
      if (partner?.kind === 'farm') {
        if (!kdes?.harvest) missing.push('Harvesting: farm and date harvested')
        if (!kdes?.cooling) missing.push('Cooling: location and date cooled')
      }
      yield record('receiving', [...head, from, at, date, source, ...doc])
      if (!kdes) continue
      const { harvest, cooling, initialPacking: packing } = kdes
      if (harvest) yield record('harvesting', [...head, harvest.farm, harvest.field ?? null, harvest.date, ...doc], [])
      if (cooling) yield record('cooling', [...head, cooling.location, cooling.date, ...doc], [])
      if (packing) {
        const lacking = [...(harvest ? [] : ['Harvesting: farm and date harvested']), ...(cooling ? [] : ['Cooling: location and date cooled'])]
        yield record('initialPacking', [
          ...head, harvest?.farm ?? null, harvest?.field ?? null, harvest?.date ?? null, cooling?.location ?? null, cooling?.date ?? null,
          packing.location, packing.date, source, ...doc,
        ], lacking)
      }
    }
  }
}

/** A production's records: one per new TLC and input TLC, with the quantity of the input used. */
function* transformation(
  c: FsmaContext, op: OperationRec, moves: readonly MoveRec[], inScope: (p: ProductRec, l: LotRec | null) => boolean, date: string, doc: string[],
): Generator<FsmaRecord> {
  const used = new Map<LotRec | ProductRec, { first: MoveRec; qty: Qty }>()
  for (const m of moves) {
    if (m.to.kind !== 'production') continue
    const key = m.lot ?? m.product
    const seen = used.get(key)
    if (seen) seen.qty = addQty(seen.qty, m.qty)
    else used.set(key, { first: m, qty: m.qty })
  }
  for (const { first: out, qty } of byLot(moves.filter((m) => m.from.kind === 'production'), () => true)) {
    const inputs = out.lot ? op.genealogy.find((g) => g.output === out.lot)?.inputs ?? [] : []
    if (!inScope(out.product, out.lot) && !inputs.some((l) => inScope(l.product, l))) continue
    const missing: string[] = []
    const tlc = out.lot?.name ?? null
    if (tlc === null) missing.push('New traceability lot code')
    const at = c.own(out.to, missing, 'Transformation location')
    const head = [tlc, c.product(out.product), qtyToNumber(qty), out.product.uom, at, date]
    const record = (values: CellValue[], lacking: string[]): FsmaRecord =>
      ({ sheet: 'transformation', reference: op.reference, product: out.product.sku, lot: tlc ?? NO_LOT, values, missing: lacking })
    if (inputs.length === 0) {
      yield record([...head, null, null, null, null, ...doc], [...missing, 'Input traceability lot codes'])
      continue
    }
    for (const input of inputs) {
      const use = used.get(input)
      yield record([...head, input.name, c.product(input.product), use ? qtyToNumber(use.qty) : null, input.product.uom, ...doc],
        use ? missing : [...missing, `Quantity of input ${input.name} used`])
    }
  }
}
