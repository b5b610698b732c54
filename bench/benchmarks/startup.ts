/**
 * Restart time and memory: the server is started several times on the same data directory;
 * each start is timed from spawning the process until it prints "listening". The last server is
 * left running for the HTTP benchmarks.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { median } from '../lib/stats'
import { startServer, type RunningServer, type ServerMemory } from '../lib/server'

export interface StartupResult {
  startsMs: number[]
  medianMs: number
  /** RSS a moment after "listening", and the peak (VmHWM) of the replay; worst over the starts. */
  memory: ServerMemory | null
}

export async function measureStartup(dir: string, starts: number): Promise<{ result: StartupResult; server: RunningServer }> {
  const startsMs: number[] = []
  const seen: ServerMemory[] = []
  for (let k = 0; ; k++) {
    const server = await startServer(dir)
    startsMs.push(server.startMs)
    // Let the end of the replay settle, so RSS is the server at rest rather than mid-collection.
    await sleep(1_000)
    const m = await server.memory()
    if (m) seen.push(m)
    if (k + 1 >= starts) {
      const memory = seen.length ? { rss: Math.max(...seen.map((x) => x.rss)), hwm: Math.max(...seen.map((x) => x.hwm)) } : null
      return { result: { startsMs, medianMs: median(startsMs), memory }, server }
    }
    await server.stop()
  }
}
