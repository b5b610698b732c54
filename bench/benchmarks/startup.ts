/**
 * Restart time and memory, each start timed from spawning the server until it prints "listening":
 * - clean: the journal and the snapshot its last stop wrote (the normal restart);
 * - crash: a snapshot as far behind the journal as the snapshot policy lets it fall (the worst
 *   restart after a crash);
 * - full: no snapshot, the whole journal replayed (informational).
 * Every start begins from the generated files. The last clean start is left running for the HTTP
 * benchmarks.
 */
import { copyFile, readdir, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { TrailingSnapshot } from '../gen/trailing-snapshot'
import { IDLE_COLLECT_MS } from '../../server/memory/heap-watch'
import { SNAPSHOT_AFTER_START_MS, SNAPSHOT_EVERY_RECORDS } from '../../server/store/journal-snapshots'
import { restoreJournal, SNAPSHOT_FILE, type BenchMeta } from '../lib/meta'
import { startServer, type RunningServer, type ServerHeap, type ServerMemory } from '../lib/server'
import { median } from '../lib/stats'

export type StartCaseName = 'clean' | 'crash' | 'full'

export interface StartCase {
  startsMs: number[]
  medianMs: number
  /** Worst over the starts: RSS once the start settled (see `settledMemory`), and the peak (VmHWM) up to then. */
  memory: ServerMemory | null
  /** Worst over the starts: the heap GET /health reports once the start settled. */
  heap: ServerHeap | null
  /** Per start: ms from "listening" until the snapshot the start set off was on disk; null: none was due. */
  snapshotAfterMs: Array<number | null>
  /** Per start: CPU time (user + system) the server used until "listening"; less sensitive than wall time to other load. */
  cpuMs: Array<number | null>
}

export interface StartupResult {
  clean: StartCase
  crash: StartCase
  full: StartCase
  /** How far the crash case's snapshot is behind the journal. */
  crashBehind: { records: number; bytes: number; snapshot: boolean }
}

export interface StartupOptions {
  starts: Record<StartCaseName, number>
  trailing: TrailingSnapshot
}

/** Any journal notice (snapshot unusable or not matching, a torn record) means the setup is wrong. */
const JOURNAL_NOTICE = /^journal .*$/m

type FileId = string | null

async function fileId(path: string): Promise<FileId> {
  const s = await stat(path).catch(() => null)
  return s && `${s.ino}:${s.mtimeMs}:${s.size}`
}

/** Whether a snapshot is being written beside `snapshot` (the server writes `<name>.<pid>-<n>.tmp`, then renames it). */
async function beingWritten(snapshot: string): Promise<boolean> {
  const name = basename(snapshot)
  const names = await readdir(dirname(snapshot)).catch(() => [])
  return names.some((n) => n.startsWith(`${name}.`) && n.endsWith('.tmp'))
}

/**
 * Waits until the start settled: a second past the moment the server starts a snapshot that is
 * already due, while a snapshot is being written, and, when one is `due` (a restart that finds the
 * snapshot far behind writes a new one: its memory belongs to the restart), until it is on disk.
 * Returns when the snapshot on disk changed, in ms after "listening", or null.
 */
async function settle(snapshot: string, before: FileId, due: boolean): Promise<number | null> {
  const minMs = SNAPSHOT_AFTER_START_MS + 1_000
  const t0 = performance.now()
  let changedAt: number | null = null
  for (;;) {
    const writing = await beingWritten(snapshot)
    if (!writing && changedAt === null && (await fileId(snapshot)) !== before) changedAt = performance.now() - t0
    const elapsed = performance.now() - t0
    if (!writing && elapsed >= minMs && (changedAt !== null || !due)) return changedAt
    if (elapsed > 300_000) throw new Error(`a snapshot was still being written 300 s after start`)
    await sleep(50)
  }
}

/**
 * The server's memory once its RSS stops falling: V8 gives the pages its collection after the load
 * freed back to the system in the background, which takes seconds at 10M moves (3.25 GB right after
 * the collection, 2.87 GB 5 s later, measured in one process). Read every 500 ms until two readings
 * are within 0.5% of each other, for 15 s at most.
 */
async function settledMemory(server: RunningServer): Promise<ServerMemory | null> {
  let last = await server.memory()
  for (const t0 = performance.now(); last && performance.now() - t0 < 15_000;) {
    await sleep(500)
    const now = await server.memory()
    if (!now) break
    const settled = Math.abs(now.rss - last.rss) <= last.rss * 0.005
    last = now
    if (settled) break
  }
  return last
}

/** `due`: the start finds its snapshot as far behind as the policy lets it fall, and writes one. */
async function startOnce(dir: string, meta: BenchMeta, name: StartCaseName, prepare: (snapshot: string) => Promise<void>, due: boolean) {
  const snapshot = join(dir, SNAPSHOT_FILE)
  await restoreJournal(dir, meta)
  await prepare(snapshot)
  const before = await fileId(snapshot)
  // A big ledger replayed on a loaded machine takes minutes: 5 of them, and a minute per million moves.
  const server = await startServer(dir, 300_000 + meta.moves * 0.06)
  try {
    const listenedAt = performance.now()
    const cpuMs = await server.cpuMs()
    const snapshotAfterMs = await settle(snapshot, before, due)
    // An idle server collects what its load left, and what a snapshot's cut copied, IDLE_COLLECT_MS
    // after the later of the two; a request is answered once such a collection is done.
    const collectedAfterMs = (snapshotAfterMs ?? 0) + IDLE_COLLECT_MS + 1_000
    await sleep(Math.max(0, collectedAfterMs - (performance.now() - listenedAt)))
    await server.heap()
    const memory = await settledMemory(server)
    const heap = await server.heap()
    const notice = JOURNAL_NOTICE.exec(server.output())
    if (notice) throw new Error(`${name} restart: the server reported "${notice[0]}"; the benchmark's files are not what it expects`)
    return { server, memory, heap, snapshotAfterMs, cpuMs }
  } catch (err) {
    await server.stop()
    throw err
  }
}

async function measureCase(
  dir: string, meta: BenchMeta, name: StartCaseName, starts: number, prepare: (snapshot: string) => Promise<void>, keepLast: boolean, due: boolean,
): Promise<{ result: StartCase; server: RunningServer | null }> {
  const result: StartCase = { startsMs: [], medianMs: NaN, memory: null, heap: null, snapshotAfterMs: [], cpuMs: [] }
  const seen: ServerMemory[] = []
  let last: RunningServer | null = null
  for (let k = 0; k < starts; k++) {
    const { server, memory, heap, snapshotAfterMs, cpuMs } = await startOnce(dir, meta, name, prepare, due)
    if (!result.heap || heap.usedMb > result.heap.usedMb) result.heap = heap
    result.startsMs.push(server.startMs)
    result.snapshotAfterMs.push(snapshotAfterMs)
    result.cpuMs.push(cpuMs)
    if (memory) seen.push(memory)
    if (keepLast && k + 1 === starts) last = server
    else await server.stop()
  }
  result.medianMs = median(result.startsMs)
  if (seen.length) result.memory = { rss: Math.max(...seen.map((m) => m.rss)), hwm: Math.max(...seen.map((m) => m.hwm)) }
  return { result, server: last }
}

export async function measureStartup(dir: string, meta: BenchMeta, o: StartupOptions): Promise<{ result: StartupResult; server: RunningServer }> {
  const noSnapshot = (snapshot: string) => rm(snapshot, { force: true })
  const trailing = o.trailing.file
  const due = meta.records >= SNAPSHOT_EVERY_RECORDS
  const full = await measureCase(dir, meta, 'full', o.starts.full, noSnapshot, false, due)
  // Fewer records than the policy's step: no snapshot was written before the crash.
  const crash = await measureCase(dir, meta, 'crash', o.starts.crash, trailing ? (s) => copyFile(trailing, s) : noSnapshot, false, due)
  const clean = await measureCase(dir, meta, 'clean', o.starts.clean, async () => {}, true, false)
  const crashBehind = { records: o.trailing.behindRecords, bytes: o.trailing.behindBytes, snapshot: trailing !== null }
  return { result: { clean: clean.result, crash: crash.result, full: full.result, crashBehind }, server: clean.server! }
}
