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
import type { MoveTable } from '../domain/move-table'
import { lotKey, type LocationRec, type LotRec, type OperationRec, type PartnerRec, type ProductRec, type WorkspaceState } from '../domain/state'
import type { FsmaSelection } from './fsma204-select'

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

/** A place as a record describes it, and the KDEs its description lacks. */
interface Described {
  text: string | null
  lacks: readonly string[]
}

/**
 * What the records are made from. Descriptions of products, partners and places, TLC sources and
 * whether a product is on the list are worked out once each: a year's records name the same few
 * hundred again and again, and an export that makes its records twice (counted, then written)
 * makes the same ones even when master data changes meanwhile.
 */
export class FsmaContext {
  /** TLC sources that are one of our locations, by location; a supplier's, by partner name. */
  readonly #ownSources = new Map<LocationRec, string | null>()
  readonly #supplierSources = new Map<string, string | null>()
  readonly #products = new Map<ProductRec, string>()
  readonly #listed = new Map<ProductRec, boolean>()
  readonly #partnerRecs = new Map<string, PartnerRec | undefined>()
  readonly #partners = new Map<string, Map<string, Described>>()
  readonly #own = new Map<string, Map<LocationRec, Described>>()
  readonly #business: string | null

  constructor(readonly ws: WorkspaceState, readonly sheet: SheetContext, readonly kdes: ReadonlyMap<OperationRec, ReceiptKdes>) {
    this.#business = ws.settings.documents.sender?.split('\n').map((l) => l.trim()).filter(Boolean).join(', ') || null
  }

  /** `MILK (Whole milk 1 L)`. */
  product(p: ProductRec): string {
    let text = this.#products.get(p)
    if (text === undefined) this.#products.set(p, (text = p.name === p.sku ? p.sku : `${p.name} (${p.sku})`))
    return text
  }

  /** True when `p` is on the Food Traceability List. */
  listed(p: ProductRec): boolean {
    let listed = this.#listed.get(p)
    if (listed === undefined) this.#listed.set(p, (listed = p.foodTraceabilityList))
    return listed
  }

  /** The partner record of that name, if any. */
  partnerRec(name: string | null): PartnerRec | undefined {
    if (name === null) return undefined
    if (!this.#partnerRecs.has(name)) this.#partnerRecs.set(name, this.ws.partners.get(name))
    return this.#partnerRecs.get(name)
  }

  /** A partner as its location description, and what it lacks. */
  partner(name: string | null, missing: string[], role: string): string | null {
    if (name === null) {
      missing.push(role)
      return null
    }
    let byName = this.#partners.get(role)
    if (!byName) this.#partners.set(role, (byName = new Map()))
    let described = byName.get(name)
    if (!described) byName.set(name, (described = this.#describePartner(name, role)))
    for (const lack of described.lacks) missing.push(lack)
    return described.text
  }

  #describePartner(name: string, role: string): Described {
    const p = this.partnerRec(name)
    if (!p) return { text: name, lacks: [`${role}: business name, phone and address (no partner ${name})`] }
    const lacks = [...(p.phone === null ? [`${role}: phone`] : []), ...(p.address === null ? [`${role}: address`] : [])]
    return { text: [p.name, p.phone, p.address].filter(Boolean).join(' · '), lacks }
  }

  /** One of the workspace's own locations as a location description: the business, its address, the place. */
  own(loc: LocationRec, missing: string[], role: string): string {
    let byLocation = this.#own.get(role)
    if (!byLocation) this.#own.set(role, (byLocation = new Map()))
    let described = byLocation.get(loc)
    if (!described) {
      const lacks = this.#business === null ? [`${role}: business name, phone and address (settings documents.sender)`] : []
      byLocation.set(loc, (described = { text: [this.#business, loc.name, ...references(loc)].filter(Boolean).join(' · '), lacks }))
    }
    for (const lack of described.lacks) missing.push(lack)
    return described.text!
  }

  /**
   * Where `lot`'s TLC was assigned: the workspace's location that received it from a farm or an
   * exempt supplier, or made it; else the supplier that assigned it. Null when unknown.
   */
  tlcSource(lot: LotRec): string | null {
    // Worked out from the lot's first move, its text kept by place: a year's lots come from a few places.
    if (!lot.moveCount) return null
    const moves = this.ws.moves
    const first = lot.moves[0]
    const op = moves.opAt(first)
    if (op.type === 'production') return this.#ownSource(moves.toAt(first))
    if (op.type !== 'receipt') return null
    const partner = this.partnerRec(op.partner)
    if (!partner) return null
    if (assignsOnReceipt(partner)) return this.#ownSource(moves.toAt(first))
    let source = this.#supplierSources.get(partner.name)
    if (source === undefined) {
      const refs = references(partner)
      source = refs.length ? `${partner.name} · ${refs.join(' · ')}` : partner.address && `${partner.name} · ${partner.address}`
      this.#supplierSources.set(partner.name, source)
    }
    return source
  }

  #ownSource(loc: LocationRec): string | null {
    let source = this.#ownSources.get(loc)
    if (source === undefined) this.#ownSources.set(loc, (source = ownSource(loc, this.#business)))
    return source
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

/** True when the lot is among `lots` (a lot's trace), or `lots` is null (every lot). */
function inScope(lots: ReadonlySet<string> | null, product: ProductRec, lot: LotRec | null): boolean {
  return lots === null || (lot !== null && lots.has(lotKey(product.sku, lot.name)))
}

/** A lot of an operation: its first move there (an index into the workspace's moves) and its lines' quantities added up. */
interface LotLines {
  first: number
  qty: Qty
}

/**
 * An operation's moves of products on the list, by lot (a lot's lines added up), in order: of
 * the lots in `lots` (null: all), and without returns when `noReturns`; of those `keep` keeps.
 */
function byLot(c: FsmaContext, op: OperationRec, lots: ReadonlySet<string> | null, noReturns: boolean, keep?: (move: number) => boolean): LotLines[] {
  const moves = c.ws.moves
  return addedUp(moves, op, (i) => {
    const product = moves.productAt(i)
    return c.listed(product) && !(noReturns && moves.returnOfAt(i) >= 0) && (!keep || keep(i)) && inScope(lots, product, moves.lotAt(i))
  })
}

/** `op`'s moves that `keep` keeps, by lot (a product's moves without a lot together), in order of their first move, quantities added up. */
function addedUp(moves: MoveTable, op: OperationRec, keep: (move: number) => boolean): LotLines[] {
  const found: LotLines[] = []
  // Most operations have a few lines: a list searched is quicker for them than a Map made for each.
  const keys: Array<LotRec | ProductRec> = []
  const index = op.moveCount > SEARCHED_LINES ? new Map<LotRec | ProductRec, number>() : null
  for (let i = op.firstMove; i < op.firstMove + op.moveCount; i++) {
    if (!keep(i)) continue
    const key = moves.lotAt(i) ?? moves.productAt(i)
    const at = index ? (index.get(key) ?? -1) : keys.indexOf(key)
    if (at >= 0) found[at].qty = addQty(found[at].qty, moves.qtyAt(i))
    else {
      if (index) index.set(key, found.length)
      else keys.push(key)
      found.push({ first: i, qty: moves.qtyAt(i) })
    }
  }
  return found
}

/** Lines of an operation up to which its lots are searched in a list rather than a Map. */
const SEARCHED_LINES = 16

const NO_LOT = '(no lot)'

/** The record on `sheet` of `product`'s `lot` (null: its moves without a lot) in `op`. */
function recordOf(sheet: FsmaSheet, op: OperationRec, product: ProductRec, lot: LotRec | null, values: CellValue[], missing: string[]): FsmaRecord {
  return { sheet, reference: op.reference, product: product.sku, lot: lot?.name ?? NO_LOT, values, missing }
}

/** The operations whose records go on each sheet. */
const SHEET_OPERATION: Record<FsmaSheet, OperationRec['type']> = {
  receiving: 'receipt', harvesting: 'receipt', cooling: 'receipt', initialPacking: 'receipt', shipping: 'delivery', transformation: 'production',
}

/** Which records {@link fsmaRecords} makes. */
export interface RecordsWanted {
  /** Only this sheet's (the operations of other kinds passed over). */
  sheet?: FsmaSheet
  /** Of these operations (some of the selection's), not all of the selection's. */
  ops?: Iterable<OperationRec>
  /** False: without their cells (`values` empty), to count them or name what they lack. */
  cells?: boolean
}

/** The cells of a record made without them. */
const NO_CELLS: CellValue[] = []

/** Every record of the selection's operations, or of those `wanted`, in journal order. */
export function* fsmaRecords(c: FsmaContext, selection: FsmaSelection, wanted: RecordsWanted = {}): Generator<FsmaRecord> {
  const { lots } = selection
  const { sheet, ops = selection.ops, cells = true } = wanted
  const moves = c.ws.moves
  const type = sheet && SHEET_OPERATION[sheet]
  for (const op of ops) {
    if (type !== undefined && op.type !== type) continue
    if (sheet !== undefined && type === 'receipt' && sheet !== 'receiving' && !c.kdes.has(op)) continue
    const date = cells ? when(op.date, c.sheet) : ''
    const docType = DOCUMENT_TYPE[op.type] ?? op.type
    if (op.type === 'production') {
      yield* transformation(c, op, lots, cells, date, docType)
      continue
    }
    for (const { first, qty } of byLot(c, op, lots, true)) {
      const missing: string[] = []
      const product = moves.productAt(first)
      const lot = moves.lotAt(first)
      const tlc = lot?.name ?? null
      if (tlc === null) missing.push('Traceability lot code')
      const head = cells ? [tlc, c.product(product), qtyToNumber(qty), product.uom] : NO_CELLS
      if (op.type === 'delivery') {
        const to = c.partner(op.partner, missing, 'Subsequent recipient')
        const from = c.own(moves.fromAt(first), missing, 'Location shipped from')
        const source = lot && c.tlcSource(lot)
        if (!source) missing.push('TLC source or TLC source reference')
        yield recordOf('shipping', op, product, lot, cells ? [...head, to, from, date, source, docType, op.reference] : NO_CELLS, missing)
        continue
      }
      const from = c.partner(op.partner, missing, 'Immediate previous source')
      const at = c.own(moves.toAt(first), missing, 'Location received at')
      const source = lot && c.tlcSource(lot)
      if (!source) missing.push('TLC source or TLC source reference')
      const partner = c.partnerRec(op.partner)
      const kdes = c.kdes.get(op)
      // Food from a farm is first received here: its harvesting and cooling are part of the record.
      if (partner?.kind === 'farm') {
        if (!kdes?.harvest) missing.push('Harvesting: farm and date harvested')
        if (!kdes?.cooling) missing.push('Cooling: location and date cooled')
      }
      yield recordOf('receiving', op, product, lot, cells ? [...head, from, at, date, source, docType, op.reference] : NO_CELLS, missing)
      if (!kdes) continue
      const doc = [docType, op.reference]
      const { harvest, cooling, initialPacking: packing } = kdes
      if (harvest) yield recordOf('harvesting', op, product, lot, cells ? [...head, harvest.farm, harvest.field ?? null, harvest.date, ...doc] : NO_CELLS, [])
      if (cooling) yield recordOf('cooling', op, product, lot, cells ? [...head, cooling.location, cooling.date, ...doc] : NO_CELLS, [])
      if (packing) {
        const lacking = [...(harvest ? [] : ['Harvesting: farm and date harvested']), ...(cooling ? [] : ['Cooling: location and date cooled'])]
        yield recordOf('initialPacking', op, product, lot, cells ? [
          ...head, harvest?.farm ?? null, harvest?.field ?? null, harvest?.date ?? null, cooling?.location ?? null, cooling?.date ?? null,
          packing.location, packing.date, source, ...doc,
        ] : NO_CELLS, lacking)
      }
    }
  }
}

/** A production's records: one per new TLC and input TLC, with the quantity of the input used. */
function* transformation(
  c: FsmaContext, op: OperationRec, lots: ReadonlySet<string> | null, cells: boolean, date: string, docType: string,
): Generator<FsmaRecord> {
  const moves = c.ws.moves
  const consumed = addedUp(moves, op, (i) => moves.toAt(i).kind === 'production')
  const used = new Map<LotRec | ProductRec, Qty>(consumed.map(({ first, qty }) => [moves.lotAt(first) ?? moves.productAt(first), qty]))
  for (const { first, qty } of byLot(c, op, null, false, (i) => moves.fromAt(i).kind === 'production')) {
    const product = moves.productAt(first)
    const lot = moves.lotAt(first)
    const inputs = lot ? op.genealogy.find((g) => g.output === lot)?.inputs ?? [] : []
    if (!inScope(lots, product, lot) && !inputs.some((l) => inScope(lots, l.product, l))) continue
    const missing: string[] = []
    const tlc = lot?.name ?? null
    if (tlc === null) missing.push('New traceability lot code')
    const at = c.own(moves.toAt(first), missing, 'Transformation location')
    const head = cells ? [tlc, c.product(product), qtyToNumber(qty), product.uom, at, date] : NO_CELLS
    if (inputs.length === 0) {
      yield recordOf('transformation', op, product, lot, cells ? [...head, null, null, null, null, docType, op.reference] : NO_CELLS, [...missing, 'Input traceability lot codes'])
      continue
    }
    for (const input of inputs) {
      const use = used.get(input)
      yield recordOf('transformation', op, product, lot,
        cells ? [...head, input.name, c.product(input.product), use === undefined ? null : qtyToNumber(use), input.product.uom, docType, op.reference] : NO_CELLS,
        use === undefined ? [...missing, `Quantity of input ${input.name} used`] : missing)
    }
  }
}
