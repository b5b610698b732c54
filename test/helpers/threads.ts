/**
 * Worker threads a piece of code starts. Node numbers its threads in the order they start, one
 * counter for the process, so a probe thread started before and one after tell how many others
 * started between (whoever started them, and however they were ended since).
 */
import { Worker } from 'node:worker_threads'

async function probeId(): Promise<number> {
  const probe = new Worker('', { eval: true })
  const id = probe.threadId
  await probe.terminate()
  return id
}

/** How many worker threads were started while `run` ran, and what it gave. */
export async function threadsStartedBy<T>(run: () => Promise<T>): Promise<{ threads: number; value: T }> {
  const before = await probeId()
  const value = await run()
  return { threads: (await probeId()) - before - 1, value }
}
