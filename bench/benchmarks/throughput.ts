/**
 * Single-line receipts per second with concurrent clients (fdatasync on; group commit shares it).
 * Several rounds, the median one reported: on a small shared VM one round is noisy.
 */
import type { BenchClient } from '../lib/http'
import type { BenchMeta } from '../lib/meta'
import { summarize, type Summary } from '../lib/stats'
import { receipt } from './write'

export interface ThroughputOptions {
  runId: string
  concurrency: number
  maxOps: number
  maxMs: number
  rounds: number
  /** The server's CPU time so far (ms), to report CPU per operation. */
  serverCpuMs: () => Promise<number | null>
}

interface Round {
  ops: number
  seconds: number
  opsPerSec: number
  latency: Summary
}

export interface ThroughputResult extends Round {
  /** ops/s of every round, in order. */
  rounds: number[]
  /** Server CPU (user + system) per operation over all rounds. */
  serverCpuMsPerOp: number | null
}

async function round(client: BenchClient, meta: BenchMeta, o: ThroughputOptions, prefix: string): Promise<Round> {
  const ms: number[] = []
  let next = 0
  const t0 = performance.now()
  const deadline = t0 + o.maxMs
  const worker = async () => {
    while (next < o.maxOps && performance.now() < deadline) {
      const i = next++
      ms.push((await client.expect(201, 'POST', '/operations', receipt(meta, `${o.runId}-${prefix}${i}`))).ms)
    }
  }
  await Promise.all(Array.from({ length: o.concurrency }, worker))
  const seconds = (performance.now() - t0) / 1000
  return { ops: ms.length, seconds, opsPerSec: ms.length / seconds, latency: summarize(ms) }
}

export async function benchThroughput(client: BenchClient, meta: BenchMeta, o: ThroughputOptions): Promise<ThroughputResult> {
  // A short warm-up opens the sockets and lets the concurrent path get compiled.
  await round(client, meta, { ...o, maxOps: o.concurrency * 10, maxMs: 5_000 }, 'tw')
  const cpu0 = await o.serverCpuMs()
  const rounds: Round[] = []
  for (let r = 0; r < o.rounds; r++) rounds.push(await round(client, meta, o, `t${r}-`))
  const cpu1 = await o.serverCpuMs()
  const ops = rounds.reduce((s, r) => s + r.ops, 0)
  const median = [...rounds].sort((a, b) => a.opsPerSec - b.opsPerSec)[Math.floor(rounds.length / 2)]
  return {
    ...median,
    rounds: rounds.map((r) => r.opsPerSec),
    serverCpuMsPerOp: cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) / ops,
  }
}
