/**
 * A full (mark-compact) collection on demand. `--expose-gc` gives the function as `gc`; without
 * it (a server started by `node server/main.ts` directly) the flag is set at run time and the
 * function taken from a fresh context, which V8 gives it to once the flag is on.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

let collect: (() => void) | null = null

/** Runs a full collection of the process's heap, now. */
export function fullCollection(): void {
  if (collect === null) {
    const exposed = (globalThis as { gc?: () => void }).gc
    if (exposed) collect = exposed
    else {
      setFlagsFromString('--expose-gc')
      collect = runInNewContext('gc') as () => void
    }
  }
  collect()
}
