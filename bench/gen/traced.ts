/**
 * The traced lot: a scripted life of one lot, spread over the whole ledger, so that the trace
 * benchmark walks the same ~50 moves at every ledger size. It is received twice, moved between
 * shelves, partly consumed by a production (with an auxiliary lot) whose output is moved and
 * delivered, and delivered itself.
 */
import { TRACED_AUX_PRODUCT, TRACED_OUTPUT_PRODUCT, TRACED_PRODUCT } from './catalog'

export const TRACED_LOT = 'TRACE-0001'
export const TRACED_OUTPUT_LOT = 'TRACE-OUT-0001'
const AUX_LOT = 'TRACE-AUX-0001'

type Raw = Record<string, unknown>

/** Quantity of one lot per location. */
class Spread {
  readonly at = new Map<string, number>()

  add(loc: string, qty: number): void {
    this.at.set(loc, (this.at.get(loc) ?? 0) + qty)
  }

  /** The location holding the most. */
  fullest(): string {
    return [...this.at].reduce((a, b) => (b[1] > a[1] ? b : a))[0]
  }
}

export class TracedScript {
  readonly #steps: Array<(k: number) => Raw> = []
  #done = 0

  constructor(shelves: readonly string[]) {
    const t = new Spread()
    const p = new Spread()
    const receive = (product: string, lot: string, qty: number, spread: Spread | null) => (k: number) => {
      spread?.add('WH/Stock', qty)
      return { type: 'receipt', id: `trace-${k}`, reference: `TRACE/IN/${k}`, partner: 'Traced vendor', lines: [{ product, qty, lot }] }
    }
    const transfer = (product: string, lot: string, spread: Spread, qty: number) => (k: number) => {
      const from = spread.fullest()
      const to = shelves.filter((s) => s !== from)[k % (shelves.length - 1)]
      spread.add(from, -qty)
      spread.add(to, qty)
      return { type: 'internal', id: `trace-${k}`, reference: `TRACE/INT/${k}`, lines: [{ product, qty, lot, from, to }] }
    }
    const deliver = (product: string, lot: string, spread: Spread, qty: number) => (k: number) => {
      const from = spread.fullest()
      spread.add(from, -qty)
      return {
        type: 'delivery', id: `trace-${k}`, reference: `TRACE/OUT/${k}`, partner: `Traced customer ${k}`,
        lines: [{ product, qty, lot, from }],
      }
    }
    const produce = (k: number) => {
      const from = t.fullest()
      t.add(from, -200)
      p.add('WH/Stock', 150)
      return {
        type: 'production', id: `trace-${k}`, reference: `TRACE/MO/${k}`,
        consume: [
          { product: TRACED_PRODUCT, qty: 200, lot: TRACED_LOT, from },
          { product: TRACED_AUX_PRODUCT, qty: 100, lot: AUX_LOT },
        ],
        produce: [{
          product: TRACED_OUTPUT_PRODUCT, qty: 150, lot: TRACED_OUTPUT_LOT,
          inputs: [{ product: TRACED_PRODUCT, lot: TRACED_LOT }, { product: TRACED_AUX_PRODUCT, lot: AUX_LOT }],
        }],
      }
    }
    const times = (n: number, step: (k: number) => Raw) => Array.from({ length: n }, () => step)
    const T = [TRACED_PRODUCT, TRACED_LOT] as const
    const P = [TRACED_OUTPUT_PRODUCT, TRACED_OUTPUT_LOT] as const
    this.#steps.push(
      receive(...T, 600, t),
      receive(TRACED_AUX_PRODUCT, AUX_LOT, 100, null),
      receive(...T, 400, t),
      ...times(5, transfer(...T, t, 60)),
      produce,
      ...times(10, deliver(...T, t, 25)),
      ...times(5, transfer(...P, p, 20)),
      ...times(10, deliver(...P, p, 10)),
      ...times(5, transfer(...T, t, 40)),
      ...times(10, deliver(...T, t, 25)),
    )
  }

  get remaining(): number {
    return this.#steps.length - this.#done
  }

  /** Whether the next step is due at `progress` (0 to 1 of the ledger): steps spread evenly. */
  due(progress: number): boolean {
    return this.remaining > 0 && progress >= this.#done / this.#steps.length
  }

  next(): Raw {
    const k = this.#done++
    return this.#steps[k](k + 1)
  }
}
