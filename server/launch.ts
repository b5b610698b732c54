/**
 * `npm start`: runs server/main.ts in a Node process whose heap is sized for a ledger held in
 * memory (server/memory/heap-size.ts) and an allocator that gives freed buffers back
 * (server/memory/malloc-env.ts). V8 fixes its heap limit, and the C library its settings, when
 * the process starts, so the server runs as a child of this one, which passes signals on and exits
 * as the child did.
 */
import { spawn } from 'node:child_process'
import { constants, totalmem } from 'node:os'
import { join } from 'node:path'
import { chooseHeap, HeapSizeError, type HeapChoice } from './memory/heap-size'
import { withMallocSettings } from './memory/malloc-env'

function choice(): HeapChoice {
  try {
    return chooseHeap(process.env, totalmem(), process.constrainedMemory?.() ?? 0)
  } catch (err) {
    if (!(err instanceof HeapSizeError)) throw err
    console.error(`lotledger: ${err.message}`)
    process.exit(1)
  }
}

const heap = choice()
const heapArgs = heap.mb === null ? [] : [`--max-old-space-size=${heap.mb}`]
console.log(heap.mb === null ? 'lotledger: heap as NODE_OPTIONS sets it' : `lotledger: heap up to ${heap.mb} MiB (${heap.from === 'machine' ? 'from the machine\'s memory' : 'LOTLEDGER_HEAP_MB'})`)
const child = spawn(process.execPath, [...process.execArgv, ...heapArgs, join(import.meta.dirname, 'main.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit', env: withMallocSettings(process.env),
})
// A terminal's Ctrl-C reaches both processes; the server ignores a second signal while it stops.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal))
// A server ended by a signal exits as shells report it: 128 + the signal's number.
child.on('exit', (code, signal) => process.exit(signal ? 128 + constants.signals[signal] : (code ?? 1)))
