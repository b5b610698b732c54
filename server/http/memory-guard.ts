/** The refusal of writes the server's memory cannot hold (see server/memory/heap-watch.ts). */
import type { MiddlewareHandler } from 'hono'
import type { HeapWatch } from '../memory/heap-watch'
import type { AppEnv } from './context'

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Heap a request may take per byte of its body while it is read and applied: a JSON line of about
 * 100 bytes becomes a move, a lot and a quant of about 1.5 kB; a workbook is compressed and is
 * read whole before its rows are applied. Deliberately generous: a refusal can be retried once the
 * server has more memory, a crash loses the process.
 */
const BYTES_PER_BODY_BYTE = { json: 16, import: 64 } as const

/**
 * Refuses a write with 507 `memory_full` before its body is read when it would overfill the heap;
 * after a write, lets the watch see whether the heap passed its warning line.
 */
export function memoryGuard(heap: HeapWatch): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!WRITES.has(c.req.method)) return next()
    const bytes = Number(c.req.header('content-length')) || 0
    const perByte = c.req.path === '/api/v1/imports' ? BYTES_PER_BODY_BYTE.import : BYTES_PER_BODY_BYTE.json
    const takes = bytes * perByte
    heap.admit(takes, `${c.req.method} ${c.req.path.replace(/^\/api\/v1/, '')}`)
    await next()
    // Once the request's own objects are garbage, its answer sent too (an import's report is
    // megabytes): they would count as live in a collection now.
    const after = () => setImmediate(() => heap.afterWrite(takes))
    const answer = c.env?.outgoing
    if (answer && !answer.writableFinished) answer.once('close', after)
    else after()
  }
}
