/** Latency of one single-line receipt over HTTP, one at a time (each waits for its fdatasync). */
import type { BenchClient } from '../lib/http'
import { repeat } from '../lib/http'
import type { BenchMeta } from '../lib/meta'
import { summarize, type Summary } from '../lib/stats'

/** A one-line receipt of a new lot; `key` makes its id and lot unique. */
export function receipt(meta: BenchMeta, key: string): Record<string, unknown> {
  return {
    type: 'receipt', id: `bench-${key}`, reference: `BENCH/IN/${key}`, partner: 'Bench vendor',
    lines: [{ product: meta.writeProduct, lot: `B-${key}`, qty: 10 }],
  }
}

export interface WriteOptions {
  runId: string
  warmup: number
  samples: number
  maxMs: number
}

export async function benchWrite(client: BenchClient, meta: BenchMeta, o: WriteOptions): Promise<Summary> {
  await repeat(o.warmup, o.maxMs, async (i) => void (await client.expect(201, 'POST', '/operations', receipt(meta, `${o.runId}-ww${i}`))))
  const ms: number[] = []
  await repeat(o.samples, o.maxMs, async (i) => {
    ms.push((await client.expect(201, 'POST', '/operations', receipt(meta, `${o.runId}-w${i}`))).ms)
  })
  return summarize(ms)
}
