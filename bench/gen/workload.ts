/**
 * The random part of a synthetic ledger: receipts, internal transfers, production chains and
 * deliveries, drawn against a simple model of the stock so that every operation is valid.
 * Consumption takes the oldest lots first, so lots live a bounded time (well before expiry) and
 * the model stays small however long the ledger grows.
 */
import type { Catalog } from './catalog'
import type { Random } from './random'

/** A lot (or one serial) in stock, all of it at one location. */
interface SimLot {
  product: string
  name: string
  serial: boolean
  loc: string
  qty: number
}

type Raw = Record<string, unknown>
type Line = Record<string, unknown>

const pad = (n: number, width: number) => String(n).padStart(width, '0')

export class Workload {
  /** Lots in stock, oldest first. */
  readonly #active: SimLot[] = []
  /** Untracked stock at WH/Stock, by SKU. */
  readonly #loose = new Map<string, number>()
  #ops = 0
  #lots = 0
  #serials = 0

  constructor(
    readonly rand: Random,
    readonly catalog: Catalog,
    /** Lots (and serials) kept in stock on average. */
    readonly targetActive = 1_000,
  ) {}

  /** The next operation, as a client would send it. Its effect on the model is applied at once. */
  next(): Raw {
    const r = this.rand
    const fill = this.#active.length / this.targetActive
    const kind = r.weighted({
      receipt: fill < 0.5 ? 60 : fill > 1.5 ? 5 : 28,
      internal: this.#active.length ? 22 : 0,
      production: this.#active.length ? 15 : 0,
      delivery: this.#active.length ? (fill > 1.5 ? 50 : 35) : 0,
    })
    const n = ++this.#ops
    if (kind === 'internal') return this.#internal(n)
    if (kind === 'production') return this.#production(n) ?? this.#receipt(n)
    if (kind === 'delivery') return this.#delivery(n)
    return this.#receipt(n)
  }

  #newLotName(): string {
    return `L${pad(++this.#lots, 7)}`
  }

  #shelf(except?: string): string {
    const choices = ['WH/Stock', ...this.catalog.shelves].filter((c) => c !== except)
    return this.rand.pick(choices)
  }

  #receipt(n: number): Raw {
    const r = this.rand
    const lines: Line[] = []
    for (let i = r.int(1, 4); i > 0; i--) {
      const kind = r.weighted({ lot: 55, serial: 15, untracked: 30 })
      const to = r.chance(0.6) ? undefined : this.#shelf('WH/Stock')
      if (kind === 'lot') {
        const product = r.chance(0.85) ? r.pick(this.catalog.raw) : r.pick(this.catalog.finished)
        const name = this.#newLotName()
        const qty = r.int(50, 500)
        lines.push({ product, qty, lot: name, ...(to ? { to } : {}) })
        this.#active.push({ product, name, serial: false, loc: to ?? 'WH/Stock', qty })
      } else if (kind === 'serial') {
        const product = r.pick(this.catalog.serial)
        const serials = Array.from({ length: r.int(1, 4) }, () => `SN${pad(++this.#serials, 8)}`)
        lines.push({ product, serials, ...(to ? { to } : {}) })
        for (const s of serials) this.#active.push({ product, name: s, serial: true, loc: to ?? 'WH/Stock', qty: 1 })
      } else {
        const product = r.pick(this.catalog.untracked)
        const qty = r.int(10, 200)
        lines.push({ product, qty })
        this.#loose.set(product, (this.#loose.get(product) ?? 0) + qty)
      }
    }
    return { type: 'receipt', id: `g-${n}`, reference: `WH/IN/${pad(n, 7)}`, partner: `Vendor ${r.int(1, 200)}`, lines }
  }

  #internal(n: number): Raw {
    const r = this.rand
    const used = new Set<SimLot>()
    const lines: Line[] = []
    for (let i = r.int(1, 3); i > 0; i--) {
      const lot = r.pick(this.#active)
      if (used.has(lot)) continue
      used.add(lot)
      const to = this.#shelf(lot.loc)
      lines.push(lot.serial
        ? { product: lot.product, serials: [lot.name], from: lot.loc, to }
        : { product: lot.product, qty: lot.qty, lot: lot.name, from: lot.loc, to })
      lot.loc = to
    }
    return { type: 'internal', id: `g-${n}`, reference: `WH/INT/${pad(n, 7)}`, lines }
  }

  /** Consumes the oldest lot-tracked lots whole and makes one or two finished lots of them. */
  #production(n: number): Raw | null {
    const r = this.rand
    const inputs = this.#oldest((l) => !l.serial, r.int(1, 3))
    if (inputs.length === 0) return null
    const consume: Line[] = inputs.map((l) => ({ product: l.product, qty: l.qty, lot: l.name, from: l.loc }))
    for (const l of inputs) this.#remove(l)
    const loose = [...this.#loose].filter(([, q]) => q >= 5)
    if (loose.length && r.chance(0.3)) {
      const [product, stock] = r.pick(loose)
      const qty = r.int(1, Math.min(stock, 20))
      consume.push({ product, qty })
      this.#loose.set(product, stock - qty)
    }
    const refs = inputs.map((l) => ({ product: l.product, lot: l.name }))
    const produce: Line[] = []
    for (let i = r.int(1, 2) - 1; i >= 0; i--) {
      const product = r.pick(this.catalog.finished)
      const name = this.#newLotName()
      const qty = r.int(20, 300)
      // The first output is made of everything consumed, a second one of the last input only.
      produce.push({ product, qty, lot: name, inputs: produce.length === 0 ? refs : refs.slice(-1) })
      this.#active.push({ product, name, serial: false, loc: 'WH/Stock', qty })
    }
    return { type: 'production', id: `g-${n}`, reference: `WH/MO/${pad(n, 7)}`, consume, produce }
  }

  #delivery(n: number): Raw {
    const r = this.rand
    const lines: Line[] = []
    const used = new Set<SimLot>()
    for (let i = r.int(1, 4); i > 0; i--) {
      const loose = [...this.#loose].filter(([, q]) => q > 0)
      if (loose.length && r.chance(0.25)) {
        const [product, stock] = r.pick(loose)
        if (lines.some((l) => l.product === product)) continue
        const qty = r.int(1, Math.min(stock, 50))
        lines.push({ product, qty })
        this.#loose.set(product, stock - qty)
        continue
      }
      const [lot] = this.#oldest((l) => !used.has(l), 1)
      if (!lot) break
      used.add(lot)
      if (lot.serial) {
        // Ship a few serials of the same product and shelf on one line, as a picker would.
        const same = this.#oldest((l) => !used.has(l) && l.serial && l.product === lot.product && l.loc === lot.loc, r.int(0, 3), 50)
        const serials = [lot, ...same]
        for (const s of serials) {
          used.add(s)
          this.#remove(s)
        }
        lines.push({ product: lot.product, serials: serials.map((s) => s.name), from: lot.loc })
      } else {
        const qty = r.chance(0.5) ? lot.qty : r.int(1, lot.qty)
        lines.push({ product: lot.product, qty, lot: lot.name, from: lot.loc })
        lot.qty -= qty
        if (lot.qty === 0) this.#remove(lot)
      }
    }
    if (lines.length === 0) return this.#receipt(n)
    return { type: 'delivery', id: `g-${n}`, reference: `WH/OUT/${pad(n, 7)}`, partner: `Customer ${r.int(1, 5000)}`, lines }
  }

  /** Up to `count` lots matching `ok`, oldest first, looking at the first `window` only. */
  #oldest(ok: (l: SimLot) => boolean, count: number, window = Infinity): SimLot[] {
    const out: SimLot[] = []
    const end = Math.min(this.#active.length, window)
    for (let i = 0; i < end && out.length < count; i++) if (ok(this.#active[i])) out.push(this.#active[i])
    return out
  }

  #remove(lot: SimLot): void {
    const i = this.#active.indexOf(lot)
    if (i >= 0) this.#active.splice(i, 1)
  }
}
