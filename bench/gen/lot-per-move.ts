/**
 * The random part of a ledger with a lot per move, as many food and pharma teams work: receipts
 * of a truckload whose every line brings its own lot (a lot per pallet, or serials), then some of
 * those lots moved between shelves or delivered, whole or in part. Most lots stay in stock, so
 * lots (and their quants) grow with the moves: about nine lots for ten moves.
 * The stock model is columns indexed by lot number, so that it stays small at ten million lots.
 */
import type { Catalog } from './catalog'
import type { Random } from './random'

type Raw = Record<string, unknown>
type Line = Record<string, unknown>

const pad = (n: number, width: number) => String(n).padStart(width, '0')
/** Lots the model can hold before its columns grow. */
const FIRST_CAPACITY = 1 << 16
/** Draws before a delivery or a transfer gives up finding a lot still in stock. */
const DRAWS = 8

export class LotPerMoveWorkload {
  readonly #products: string[]
  /** The shelves a lot can be at: WH/Stock first. */
  readonly #locations: string[]
  /** Per lot number (from 0): its product (index into #products), location (into #locations), quantity (0: gone). */
  #product = new Uint8Array(FIRST_CAPACITY)
  #location = new Uint8Array(FIRST_CAPACITY)
  #qty = new Uint16Array(FIRST_CAPACITY)
  /** Whether the lot is a serial (its name then starts SN, and it ships whole). */
  #serial = new Uint8Array(FIRST_CAPACITY)
  #lots = 0
  #ops = 0

  constructor(
    readonly rand: Random,
    readonly catalog: Catalog,
  ) {
    this.#products = [...catalog.raw, ...catalog.finished, ...catalog.serial]
    this.#locations = ['WH/Stock', ...catalog.shelves]
  }

  /** The next operation, as a client would send it. Its effect on the model is applied at once. */
  next(): Raw {
    const kind = this.#lots < 100 ? 'receipt' : this.rand.weighted({ receipt: 70, internal: 12, delivery: 18 })
    const n = ++this.#ops
    if (kind === 'internal') return this.#internal(n) ?? this.#receipt(n)
    if (kind === 'delivery') return this.#delivery(n) ?? this.#receipt(n)
    return this.#receipt(n)
  }

  #name(lot: number): string {
    return this.#serial[lot] ? `SN${pad(lot + 1, 9)}` : `LP${pad(lot + 1, 9)}`
  }

  #newLot(product: number, location: number, qty: number, serial: boolean): number {
    const lot = this.#lots++
    if (lot === this.#qty.length) this.#grow()
    this.#product[lot] = product
    this.#location[lot] = location
    this.#qty[lot] = qty
    this.#serial[lot] = serial ? 1 : 0
    return lot
  }

  #grow(): void {
    const grow = <A extends Uint8Array | Uint16Array>(a: A, make: (n: number) => A): A => {
      const b = make(a.length * 2)
      b.set(a)
      return b
    }
    this.#product = grow(this.#product, (n) => new Uint8Array(n))
    this.#location = grow(this.#location, (n) => new Uint8Array(n))
    this.#qty = grow(this.#qty, (n) => new Uint16Array(n))
    this.#serial = grow(this.#serial, (n) => new Uint8Array(n))
  }

  /** A lot still in stock, drawn evenly from all lots so far; null when the draws found none. */
  #drawLot(used: Set<number>): number | null {
    for (let i = 0; i < DRAWS; i++) {
      const lot = this.rand.int(0, this.#lots - 1)
      if (this.#qty[lot] > 0 && !used.has(lot)) return lot
    }
    return null
  }

  /** A truckload: 1 to 15 pallets, each its own lot, or a line of 1 to 4 serials. */
  #receipt(n: number): Raw {
    const r = this.rand
    const { raw, finished, serial } = this.catalog
    const lines: Line[] = []
    const toShelf = r.chance(0.5)
    const to = toShelf ? r.int(1, this.#locations.length - 1) : 0
    const where = toShelf ? { to: this.#locations[to] } : {}
    for (let i = r.int(1, 15); i > 0; i--) {
      if (r.chance(0.1)) {
        const p = raw.length + finished.length + r.int(0, serial.length - 1)
        const lots = Array.from({ length: r.int(1, 4) }, () => this.#newLot(p, to, 1, true))
        lines.push({ product: this.#products[p], serials: lots.map((l) => this.#name(l)), ...where })
      } else {
        const p = r.int(0, raw.length + finished.length - 1)
        const qty = r.int(20, 400)
        lines.push({ product: this.#products[p], qty, lot: this.#name(this.#newLot(p, to, qty, false)), ...where })
      }
    }
    return { type: 'receipt', id: `p-${n}`, reference: `WH/IN/${pad(n, 8)}`, partner: `Vendor ${r.int(1, 300)}`, lines }
  }

  #internal(n: number): Raw | null {
    const lines = this.#pick(3, (lot, line) => {
      let to = this.rand.int(0, this.#locations.length - 2)
      if (to >= this.#location[lot]) to++
      this.#location[lot] = to
      return { ...line, qty: line.serials ? undefined : this.#qty[lot], to: this.#locations[to] }
    })
    return lines && { type: 'internal', id: `p-${n}`, reference: `WH/INT/${pad(n, 8)}`, lines }
  }

  #delivery(n: number): Raw | null {
    const lines = this.#pick(4, (lot, line) => {
      if (line.serials) {
        this.#qty[lot] = 0
        return line
      }
      const qty = this.rand.chance(0.6) ? this.#qty[lot] : this.rand.int(1, this.#qty[lot])
      this.#qty[lot] -= qty
      return { ...line, qty }
    })
    return lines && { type: 'delivery', id: `p-${n}`, reference: `WH/OUT/${pad(n, 8)}`, partner: `Customer ${this.rand.int(1, 5000)}`, lines }
  }

  /**
   * Lines for 1 to `max` lots in stock, one each: `line` gets the lot's line so far (product,
   * lot or serial, from) and finishes it, updating the model. Null when no lot was found.
   */
  #pick(max: number, line: (lot: number, start: Line) => Line): Line[] | null {
    const used = new Set<number>()
    const lines: Line[] = []
    for (let i = this.rand.int(1, max); i > 0; i--) {
      const lot = this.#drawLot(used)
      if (lot === null) break
      used.add(lot)
      const product = this.#products[this.#product[lot]]
      const from = this.#locations[this.#location[lot]]
      const start = this.#serial[lot] ? { product, serials: [this.#name(lot)], from } : { product, lot: this.#name(lot), from }
      lines.push(stripUndefined(line(lot, start)))
    }
    return lines.length ? lines : null
  }
}

/** Key order as the schema gives it (product, qty, lot, from, to), without absent keys. */
function stripUndefined(line: Line): Line {
  const out: Line = {}
  for (const k of ['product', 'qty', 'lot', 'serials', 'from', 'to']) if (line[k] !== undefined) out[k] = line[k]
  return out
}
