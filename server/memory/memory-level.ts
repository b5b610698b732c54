/** The levels of a server's memory, and what the log says when the level changes. */

/** `ok`; `high`: past {@link HIGH_RATIO} of the limit, time to give the server more; `full`: writes are refused. */
export type MemoryLevel = 'ok' | 'high' | 'full'

/** Share of the heap limit past which the server warns. */
export const HIGH_RATIO = 0.6
/**
 * Share of the heap limit no write may take the live heap past. V8 ends a process whose old
 * generation stays above 80% of its limit through four full collections in a row that leave the
 * program less than 40% of the time (its "ineffective mark-compacts"): a busy server with a
 * nearly full heap is such a process, so the live heap, with the writes in flight, stays under that.
 */
export const FULL_RATIO = 0.75

/** The levels, the least severe first. */
export const LEVELS: readonly MemoryLevel[] = ['ok', 'high', 'full']

const MB = 1024 * 1024

/** The level of a live heap of `live` bytes under `limit`. */
export function memoryLevel(live: number, limit: number): MemoryLevel {
  return live >= limit * FULL_RATIO ? 'full' : live >= limit * HIGH_RATIO ? 'high' : 'ok'
}

/** The log line for a change of level from `was` to `level`, the live heap `used` under `limit`. */
export function levelMessage(level: MemoryLevel, was: MemoryLevel, used: number, limit: number): string {
  const figures = `${Math.round(used / MB)} of ${Math.round(limit / MB)} MiB heap (${Math.round((used / limit) * 100)}%)`
  switch (level) {
    case 'ok':
      return `lotledger: memory back to normal: the ledger uses ${figures}`
    case 'high':
      return was === 'full'
        ? `lotledger: memory high: the ledger uses ${figures}; writes are taken again`
        : `lotledger: memory high: the ledger uses ${figures}; give the server a larger heap (LOTLEDGER_HEAP_MB) before it is full`
    case 'full':
      return `lotledger: memory full: the ledger uses ${figures}; writes are refused until the server restarts with a larger heap (LOTLEDGER_HEAP_MB)`
  }
}
