/**
 * Backpressure through exceljs's streaming writer, which has none of its own: the worksheet's
 * rows, the zip archiver's input and output, and the response. Reaches into exceljs 4.4 and
 * archiver internals, each guarded: without them the writer still works, only without waiting.
 */
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises'
import type { Writable } from 'node:stream'

/** Bytes a writable holds that its consumer has not taken yet (Node's, or readable-stream 2's inside archiver). */
function buffered(stream: Writable): number {
  return stream.writableLength ?? (stream as { _writableState?: { length?: number } })._writableState?.length ?? 0
}

/**
 * Bytes the zip's input and the response may hold before the writer waits for them: enough that
 * compressing (on the thread pool) and sending overlap with making the next rows.
 */
const LAG_BYTES = 4 * 1024 * 1024

/**
 * Until `stream` holds no more than {@link LAG_BYTES}, or `out` is gone. It is asked again every
 * millisecond rather than waiting for 'drain' (which comes only once everything is taken): the
 * zip keeps compressing what is left while the next rows are made.
 */
export async function drained(stream: Writable, out: Writable): Promise<void> {
  while (buffered(stream) > LAG_BYTES && !stream.destroyed && !out.destroyed) await sleep(1)
}

/**
 * The worksheet's own stream inside exceljs (4.4): a StreamBuf piped into the zip archiver's
 * input. Left alone it hands every row to the archiver as a write of its own, without
 * backpressure; corked, rows collect in 1 MB buffers that uncorking hands over at once.
 */
export interface SheetStream {
  cork(): void
  uncork(): void
  pipes?: Writable[]
}

export function sheetStreamOf(ws: unknown): SheetStream | null {
  const stream = (ws as { stream?: Partial<SheetStream> }).stream
  return stream && typeof stream.cork === 'function' && typeof stream.uncork === 'function' ? (stream as SheetStream) : null
}

/** Compressed bytes the zip archiver holds for the response: it keeps compressing when the response is full. */
export function zipOutput(wb: unknown): () => number {
  const zip = (wb as { zip?: { _readableState?: { length?: number } } }).zip
  return () => zip?._readableState?.length ?? 0
}

/** Compressed bytes the archiver may hold before the writer waits for the client. */
const ZIP_LAG_BYTES = 1024 * 1024

/** Until the client took some of what `pending()` counts, or went away. */
export async function clientCaughtUp(out: Writable, pending: () => number): Promise<void> {
  while (pending() > ZIP_LAG_BYTES && !out.destroyed) {
    if (out.writableNeedDrain) await drainedOrClosed(out)
    else await nextTurn()
  }
}

function drainedOrClosed(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done)
      out.off('close', done)
      resolve()
    }
    out.on('drain', done)
    out.on('close', done)
  })
}
