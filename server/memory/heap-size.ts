/**
 * The heap `npm start` gives the server. V8's default (about 4 GiB at most, less on small
 * machines) was chosen for browsers, not for a process holding a whole ledger: the server takes a
 * share of the machine's memory instead, or what the operator says.
 */

/** Share of the machine's (or the container's) memory the server's heap may grow to. */
export const HEAP_SHARE = 0.75
/** Below this the server cannot hold its own code and a small ledger. */
export const MIN_HEAP_MB = 256

const MB = 1024 * 1024

/** Where the heap size comes from: the operator (`LOTLEDGER_HEAP_MB`), the machine, or NODE_OPTIONS left as it is. */
export type HeapChoice = { mb: number; from: 'LOTLEDGER_HEAP_MB' | 'machine' } | { mb: null; from: 'NODE_OPTIONS' }

/** A LOTLEDGER_HEAP_MB that is not a whole number of MiB of at least {@link MIN_HEAP_MB}. */
export class HeapSizeError extends Error {}

/**
 * The heap for a machine of `totalBytes` memory, of which a container may allow only
 * `constrainedBytes` (Node's `process.constrainedMemory()`: 0 or a huge number when unlimited).
 */
export function chooseHeap(env: NodeJS.ProcessEnv, totalBytes: number, constrainedBytes = 0): HeapChoice {
  const asked = env.LOTLEDGER_HEAP_MB?.trim()
  if (asked) {
    const mb = Number(asked)
    if (!/^\d+$/.test(asked) || !Number.isSafeInteger(mb) || mb < MIN_HEAP_MB) throw new HeapSizeError(`LOTLEDGER_HEAP_MB must be a whole number of MiB, at least ${MIN_HEAP_MB} (got "${asked}")`)
    return { mb, from: 'LOTLEDGER_HEAP_MB' }
  }
  if (/--max-old-space-size[= ]/.test(env.NODE_OPTIONS ?? '')) return { mb: null, from: 'NODE_OPTIONS' }
  const memory = constrainedBytes > 0 && constrainedBytes < totalBytes ? constrainedBytes : totalBytes
  return { mb: Math.max(MIN_HEAP_MB, Math.floor((memory * HEAP_SHARE) / MB)), from: 'machine' }
}
