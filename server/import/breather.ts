/**
 * Long loops over an upload's rows let other requests in: after a few milliseconds of work the
 * loop waits one turn of the event loop (setImmediate), so that a GET /health or a write is
 * answered within that time whatever the upload holds.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'

/** The longest a loop holds the event loop before it lets others in, in ms. */
const SLICE_MS = 10

export class Breather {
  #since = performance.now()

  /** True when the loop has held the event loop for its slice: then `await breathe()`. */
  due(): boolean {
    return performance.now() - this.#since >= SLICE_MS
  }

  /** Waits one turn of the event loop, and starts a new slice. */
  async breathe(): Promise<void> {
    await nextTurn()
    this.#since = performance.now()
  }
}
