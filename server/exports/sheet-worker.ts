/**
 * A sheet worker's thread (see sheet-workers.ts): takes parts of sheets and answers each with its
 * compressed pieces, then its CRC and length, or the error that stopped it. A part is kept until
 * dropped: written again with other style ids when the ones it was first given turn out wrong.
 * Its heap holds only parts of sheets, so collecting its garbage is quick, unlike the server's,
 * where the whole ledger lives.
 */
import { parentPort } from 'node:worker_threads'
import { runSheetJob, type SheetJob } from './sheet-job'

/** What the worker is asked: write a part (kept), write a kept part again with other ids, or forget parts. */
export type WorkerRequest =
  | { id: number; write: SheetJob }
  | { id: number; part: number; rewrite: Int32Array }
  | { drop: number[] }

/** A message from the worker about the writing `id`. */
export type WorkerAnswer =
  | { id: number; piece: Uint8Array }
  | { id: number; done: { crc: number; size: number } }
  | { id: number; error: string }

const port = parentPort
if (!port) throw new Error('sheet-worker.ts runs as a worker thread')
const kept = new Map<number, SheetJob>()

port.on('message', (request: WorkerRequest) => {
  if ('drop' in request) {
    for (const id of request.drop) kept.delete(id)
    return
  }
  const { id } = request
  try {
    let job: SheetJob | undefined
    if ('write' in request) kept.set(id, (job = request.write))
    else if ((job = kept.get(request.part))) job.ids = request.rewrite
    else throw new Error(`no part ${request.part} is kept`)
    const done = runSheetJob(job, (piece) => {
      // A piece in a buffer of its own goes over without a copy; a small one may share Node's pool.
      const own = piece.byteOffset === 0 && piece.byteLength === piece.buffer.byteLength
      const sent = own ? piece : new Uint8Array(piece)
      port.postMessage({ id, piece: sent } satisfies WorkerAnswer, [sent.buffer as ArrayBuffer])
    })
    port.postMessage({ id, done } satisfies WorkerAnswer)
  } catch (err) {
    port.postMessage({ id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies WorkerAnswer)
  }
})
