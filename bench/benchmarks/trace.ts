/** Latency of GET /trace (direction=both) of the traced lot, one request at a time. */
import type { BenchClient } from '../lib/http'
import { repeat } from '../lib/http'
import type { BenchMeta } from '../lib/meta'
import { summarize, type Summary } from '../lib/stats'

export interface TraceOptions {
  warmup: number
  samples: number
  maxMs: number
}

export interface TraceResult {
  latency: Summary
  rows: number
}

export async function benchTrace(client: BenchClient, meta: BenchMeta, o: TraceOptions): Promise<TraceResult> {
  const q = new URLSearchParams({ product: meta.traced.product, lot: meta.traced.lot, direction: 'both' })
  const path = `/trace?${q}`
  const first = JSON.parse((await client.expect(200, 'GET', path)).body) as { rows: unknown[]; truncated: boolean }
  if (first.rows.length !== meta.traced.expectedRows || first.truncated) {
    throw new Error(`trace answered ${first.rows.length} rows (truncated: ${first.truncated}), expected ${meta.traced.expectedRows}`)
  }
  await repeat(o.warmup, o.maxMs, async () => void (await client.expect(200, 'GET', path)))
  const ms: number[] = []
  await repeat(o.samples, o.maxMs, async () => void ms.push((await client.expect(200, 'GET', path)).ms))
  return { latency: summarize(ms), rows: first.rows.length }
}
