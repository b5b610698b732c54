/** Reading a whole workspace back over HTTP, and checking that its stock adds up. */
import { expect } from 'vitest'
import { unitsToQty } from '../../shared/quantity'
import type { Move } from '../../shared/schemas/operation'
import type { OperationSummary, Quant } from '../../shared/schemas/queries'
import type { Client, Reply } from './server'

/** Every page of a cursor-paged list. Bounded: a server that never stops paging fails the test. */
async function pages<T>(c: Client, path: string, key: string): Promise<T[]> {
  const out: T[] = []
  let cursor: string | null = null
  for (let page = 0; page < 10_000; page++) {
    const sep = path.includes('?') ? '&' : '?'
    const res: Reply = await c.get(`${path}${sep}limit=1000${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`)
    expect(res.status, `GET ${path}`).toBe(200)
    out.push(...(res.body[key] as T[]))
    cursor = res.body.next
    if (cursor === null) return out
  }
  throw new Error(`${path} kept paging`)
}

export const allMoves = (c: Client) => pages<Move>(c, '/moves', 'moves')
export const allOperations = (c: Client) => pages<OperationSummary>(c, '/operations', 'operations')

export function quantKey(q: { product: string; lot: string | null; location: string; package: string | null }): string {
  return [q.product, q.lot ?? '', q.location, q.package ?? ''].join('\u0000')
}

/** Codes of the locations whose contents count as stock (internal and transit). */
export async function stockLocations(c: Client): Promise<Set<string>> {
  const res = await c.get('/locations')
  expect(res.status).toBe(200)
  const locs = res.body.locations as Array<{ code: string; kind: string }>
  return new Set(locs.filter((l) => l.kind === 'internal' || l.kind === 'transit').map((l) => l.code))
}

/** Balances per (product, lot, location, package) in stock locations, in millionths, zeros left out. */
export function balancesFromMoves(moves: Move[], stock: Set<string>): Map<string, number> {
  const sums = new Map<string, number>()
  const add = (m: Move, location: string, sign: number) => {
    if (!stock.has(location)) return
    const key = quantKey({ product: m.product, lot: m.lot, location, package: m.package })
    sums.set(key, (sums.get(key) ?? 0) + sign * unitsToQty(m.qty))
  }
  for (const m of moves) {
    add(m, m.from, -1)
    add(m, m.to, 1)
  }
  for (const [k, v] of sums) if (v === 0) sums.delete(k)
  return sums
}

/** GET /stock as balances in millionths. */
export async function stockBalances(c: Client): Promise<Map<string, number>> {
  const res = await c.get('/stock')
  expect(res.status).toBe(200)
  const out = new Map<string, number>()
  for (const q of res.body.quants as Quant[]) {
    const key = quantKey(q)
    expect(out.has(key), `quant ${key} listed twice`).toBe(false)
    out.set(key, unitsToQty(q.qty))
  }
  return out
}

/** The stock the server reports is exactly what its moves add up to, and never negative. */
export async function expectStockConsistent(c: Client): Promise<{ moves: Move[]; balances: Map<string, number> }> {
  const moves = await allMoves(c)
  const fromMoves = balancesFromMoves(moves, await stockLocations(c))
  const reported = await stockBalances(c)
  const sorted = (m: Map<string, number>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  expect(sorted(reported)).toEqual(sorted(fromMoves))
  for (const [key, qty] of reported) expect(qty, `stock of ${key}`).toBeGreaterThan(0)
  return { moves, balances: reported }
}
