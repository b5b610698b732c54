/**
 * The EPCIS export's part of bench/exports.ts: the generated catalogue has no GTINs (EPCIS names
 * goods by GTIN), so each product is given one first; then the whole ledger is exported as one
 * EPCIS document over HTTP and read to its end.
 */
import { request } from 'node:http'
import { issueToken } from '../../server/admin/bootstrap'
import { LedgerStore } from '../../server/store/ledger-store'
import { gs1CheckDigit } from '../../shared/gtin'
import type { Product } from '../../shared/schemas/product'
import { BenchClient } from './http'

/**
 * An admin token of `workspace` in the ledger in `dir` (not being served yet): the generated
 * ledger's token is an operator's, and only an admin gives products their GTINs.
 */
export async function issueAdmin(dir: string, workspace: string): Promise<string> {
  const store = await LedgerStore.openDirectory(dir, { log: () => {}, snapshots: { everyRecords: Infinity, everyBytes: Infinity } })
  try {
    return (await issueToken(store, workspace, 'bench epcis', 'admin')).secret
  } finally {
    await store.close()
  }
}

/** A valid GTIN-14 of its own for the `n`th product (GS1's example company prefix). */
function gtinOf(n: number): string {
  const body = `0950110${String(n).padStart(6, '0')}`
  return `${body}${gs1CheckDigit(body)}`
}

/** Gives every product without a GTIN one, keeping its other fields; returns how many were given one. */
export async function giveGtins(client: BenchClient): Promise<number> {
  const { products } = JSON.parse((await client.expect(200, 'GET', '/products')).body) as { products: Product[] }
  let given = 0
  for (const [i, p] of products.entries()) {
    if (p.gtin !== null) continue
    await client.expect(200, 'PUT', `/products/${encodeURIComponent(p.sku)}`, { name: p.name, uom: p.uom, tracking: p.tracking, expiry: p.expiry, gtin: gtinOf(i + 1) })
    given++
  }
  return given
}

const EVENT_MARK = '"eventID":'

/**
 * GET `path` and read the body to its end, counting the events as the bytes pass (a document of
 * a million moves is not kept): time to the first byte and to the last, bytes and events.
 */
export function downloadEpcis(url: string, token: string, path: string): Promise<{ status: number; firstMs: number; ms: number; bytes: number; events: number }> {
  const u = new URL(`${url}/api/v1${path}`)
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    let firstMs = 0
    let bytes = 0
    let events = 0
    // The end of the previous chunk, so that a mark cut in two is still counted once.
    let carry = ''
    const req = request({ host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.setEncoding('latin1')
      res.on('data', (chunk: string) => {
        if (bytes === 0) firstMs = performance.now() - t0
        bytes += chunk.length
        const text = carry + chunk
        for (let at = text.indexOf(EVENT_MARK); at !== -1; at = text.indexOf(EVENT_MARK, at + 1)) events++
        // A mark that ends within the carry was counted; keep less than one mark's length.
        carry = text.slice(-(EVENT_MARK.length - 1))
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, firstMs, ms: performance.now() - t0, bytes, events }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

export interface EpcisBench {
  moves: number
  events: number
  gtinsGiven: number
  ms: number
  firstByteMs: number
  bytes: number
  runs: number
  serverPeakRssBytes: number
  slowestHealthMsDuringExport: number
}

type Watch = <T>(work: () => Promise<T>) => Promise<{ result: T; peakRss: number; slowestHealthMs: number }>

/** The EPCIS export of the whole ledger, `runs` times (the median) and once more watched. */
export async function benchEpcis(url: string, token: string, adminSecret: string, moves: number, runs: number, watch: Watch): Promise<EpcisBench> {
  const admin = new BenchClient(url, adminSecret, 4)
  const gtinsGiven = await giveGtins(admin).finally(() => admin.close())
  const path = '/exports/epcis.jsonld'
  const timed = []
  for (let i = 0; i < runs; i++) {
    const r = await downloadEpcis(url, token, path)
    if (r.status !== 200) throw new Error(`EPCIS export answered ${r.status}`)
    timed.push(r)
  }
  const watched = await watch(() => downloadEpcis(url, token, path))
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]
  return {
    moves, events: timed[0].events, gtinsGiven, runs,
    ms: Math.round(median(timed.map((r) => r.ms))), firstByteMs: Math.round(median(timed.map((r) => r.firstMs))), bytes: timed[0].bytes,
    serverPeakRssBytes: watched.peakRss, slowestHealthMsDuringExport: Math.round(watched.slowestHealthMs),
  }
}
