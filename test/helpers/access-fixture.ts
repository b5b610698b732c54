/**
 * Things of one workspace made afresh for one test case, under names no other case uses: a
 * product, a lot with stock, a receipt and a delivery, a location, a token to revoke. Each is made
 * on first use by the workspace's admin over HTTP, so a case needs no other case to have run.
 */
import { expect } from 'vitest'
import type { Client, Reply } from './server'

let cases = 0

function made(r: Reply, what: string): void {
  expect(r.status, `making ${what}: ${JSON.stringify(r.body)}`).toBeLessThan(300)
}

export class AccessFixture {
  /** The prefix of every name this fixture makes (no other fixture's is a prefix of it): what a read by another workspace must never show. */
  readonly marker: string
  readonly #admin: Client
  readonly #once = new Map<string, Promise<string>>()

  constructor(admin: Client) {
    this.#admin = admin
    this.marker = `AX${++cases}_`
  }

  /** A name for something new: `marker-what`. */
  fresh(what: string): string {
    return `${this.marker}-${what}`
  }

  #make(key: string, make: () => Promise<string>): Promise<string> {
    let value = this.#once.get(key)
    if (!value) this.#once.set(key, (value = make()))
    return value
  }

  /** A lot-tracked product with a shelf life. */
  product(): Promise<string> {
    return this.#make('product', async () => {
      const sku = this.fresh('P')
      made(await this.#admin.put(`/products/${sku}`, { name: 'Access check', tracking: 'lot', expiry: { expirationDays: 30 } }), sku)
      return sku
    })
  }

  /** A lot of {@link product} with 10 in WH/Stock, received by {@link receipt}. */
  async lot(): Promise<string> {
    await this.receipt()
    return this.fresh('L')
  }

  /** The receipt of {@link lot}: its operation id. */
  receipt(): Promise<string> {
    return this.#make('receipt', async () => {
      const id = this.fresh('rcpt')
      const sku = await this.product()
      made(await this.#admin.post('/operations', { id, type: 'receipt', reference: id, lines: [{ product: sku, lot: this.fresh('L'), qty: 10 }] }), id)
      return id
    })
  }

  /** A delivery of 1 of {@link lot}: its reference. */
  delivery(): Promise<string> {
    return this.#make('delivery', async () => {
      const reference = this.fresh('OUT')
      const [sku, lot] = [await this.product(), await this.lot()]
      made(await this.#admin.post('/operations', { id: reference, type: 'delivery', reference, lines: [{ product: sku, lot, qty: 1 }] }), reference)
      return reference
    })
  }

  /**
   * An open recall of a lot of its own (received for it alone, so that the hold stops nothing
   * else the case makes): its id.
   */
  recall(): Promise<string> {
    return this.#make('recall', async () => {
      const [id, sku, lot] = [this.fresh('recall'), await this.product(), this.fresh('RL')]
      made(await this.#admin.post('/operations', { id: this.fresh('rcpt-RL'), type: 'receipt', reference: id, lines: [{ product: sku, lot, qty: 5 }] }), lot)
      made(await this.#admin.post('/recalls', { id, product: sku, lot, reason: 'Access check' }), id)
      return id
    })
  }

    /** An internal location. */
  location(): Promise<string> {
    return this.#make('location', async () => {
      const code = `WH/Stock/${this.fresh('Shelf')}`
      made(await this.#admin.put(`/locations/${encodeURIComponent(code)}`, { name: 'Access check shelf' }), code)
      return code
    })
  }

  /** A partner (a farm): its code. */
  partner(): Promise<string> {
    return this.#make('partner', async () => {
      const code = this.fresh('Farm')
      made(await this.#admin.put(`/partners/${encodeURIComponent(code)}`, { name: 'Access check farm', kind: 'farm', phone: '+1 555 0100' }), code)
      return code
    })
  }

  /** A viewer token nobody uses: its id, to revoke. */
  victim(): Promise<string> {
    return this.#make('victim', async () => {
      const r = await this.#admin.post('/tokens', { name: this.fresh('victim'), role: 'viewer' })
      made(r, 'a token')
      return r.body.token.id as string
    })
  }
}
