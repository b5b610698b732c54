/**
 * Worker threads that make sheets' XML (sheet-worker.ts), started for one workbook and ended
 * after it. The server's own thread keeps serving requests meanwhile, and its large heap (the
 * ledger) is not swept for the rows' garbage. A worker that fails or exits fails its job and
 * every job after it, with an error, never a wait that does not end.
 */
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { JobResult, SheetJob } from './sheet-job'
import type { WorkerAnswer, WorkerRequest } from './sheet-worker'

/** A job's compressed pieces as they come, then its result. */
export class JobOutput implements AsyncIterable<Buffer> {
  readonly #pieces: Buffer[] = []
  #result: JobResult | null = null
  #error: Error | null = null
  #wake: (() => void) | null = null

  /** The CRC and length of the job's XML; known once its last piece was taken. */
  get result(): JobResult {
    if (!this.#result) throw new Error('the job is not done')
    return this.#result
  }

  push(piece: Buffer): void {
    this.#pieces.push(piece)
    this.#poke()
  }

  finish(result: JobResult): void {
    this.#result = result
    this.#poke()
  }

  fail(error: Error): void {
    if (this.#result || this.#error) return
    this.#error = error
    this.#poke()
  }

  get settled(): boolean {
    return this.#result !== null || this.#error !== null
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Buffer> {
    for (;;) {
      const piece = this.#pieces.shift()
      if (piece) {
        yield piece
        continue
      }
      if (this.#error) throw this.#error
      if (this.#result) return
      await new Promise<void>((resolve) => (this.#wake = resolve))
    }
  }

  #poke(): void {
    const wake = this.#wake
    this.#wake = null
    wake?.()
  }
}

/** The code a worker of each TypeScript file runs, bundled once a process. */
const bundles = new Map<string, string>()

/**
 * How a worker starts. A TypeScript file (the server runs through tsx) is bundled once, with its
 * imports, by esbuild (what tsx itself transforms with) into one script each worker evaluates: a
 * worker given tsx's loader instead took 0.4 s and 0.35 s of CPU to start (its own loader thread,
 * each module transformed again), on the cores the first large export was using.
 */
function bootCode(file: URL): string {
  if (!file.pathname.endsWith('.ts')) return `import(${JSON.stringify(file.href)})`
  let code = bundles.get(file.href)
  if (code === undefined) {
    // Loaded on first use: most servers never start a sheet worker.
    const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild')
    const built = esbuild.buildSync({ entryPoints: [fileURLToPath(file)], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent' })
    bundles.set(file.href, (code = built.outputFiles[0].text))
  }
  return code
}

const WORKER_FILE = new URL('./sheet-worker.ts', import.meta.url)

/** A part given to a worker: kept there until dropped, and written again there if asked. */
export interface PartHandle {
  readonly id: number
  readonly worker: Worker
  readonly rows: number
  /** The latest writing's pieces and result. */
  output: JobOutput
}

/**
 * Workers for sheet parts, as many as the machine has cores (2 at least, 4 at most). Each takes
 * its parts in the order given; a part goes to the worker with the fewest rows still to write.
 */
export class SheetWorkers {
  readonly #workers: Worker[] = []
  /** Rows given to each worker and not written yet. */
  readonly #pending = new Map<Worker, number>()
  readonly #jobs = new Map<number, { output: JobOutput; worker: Worker; rows: number }>()
  #next = 0
  #broken: Error | null = null

  constructor(count = Math.min(4, Math.max(2, availableParallelism())), file: URL = WORKER_FILE) {
    for (let i = 0; i < count; i++) this.#start(file)
  }

  /** The error that stopped a worker, after which no part is taken. */
  get broken(): Error | null {
    return this.#broken
  }

  /** Gives `job` to a worker; its table's arrays are handed over (no longer usable here). */
  write(job: SheetJob): PartHandle {
    const worker = [...this.#pending].reduce((a, b) => (b[1] < a[1] ? b : a))[0]
    const id = this.#next++
    const { cells, numbers, variants, bytes, offsets } = job.part
    const transfer = [...cells, ...numbers, ...variants, bytes, offsets].filter((a) => a !== null).map((a) => a.buffer as ArrayBuffer)
    const output = this.#send(worker, id, job.part.rows, { id, write: job }, transfer)
    return { id, worker, rows: job.part.rows, output }
  }

  /** Writes a part again, with other style ids; its new pieces replace the old. */
  rewrite(part: PartHandle, ids: Int32Array): void {
    const id = this.#next++
    part.output = this.#send(part.worker, id, part.rows, { id, part: part.id, rewrite: ids }, [])
  }

  /** Lets the workers forget `parts`. */
  drop(parts: readonly PartHandle[]): void {
    for (const worker of this.#workers) {
      const ids = parts.filter((p) => p.worker === worker).map((p) => p.id)
      if (ids.length && !this.#broken) worker.postMessage({ drop: ids } satisfies WorkerRequest)
    }
  }

  /** Ends the workers (parts not written fail). */
  async close(): Promise<void> {
    this.#breakAll(new Error('the sheet workers were closed'))
    await Promise.all(this.#workers.map((w) => w.terminate()))
  }

  #send(worker: Worker, id: number, rows: number, request: WorkerRequest, transfer: ArrayBuffer[]): JobOutput {
    const output = new JobOutput()
    if (this.#broken) {
      output.fail(this.#broken)
      return output
    }
    this.#jobs.set(id, { output, worker, rows })
    this.#pending.set(worker, this.#pending.get(worker)! + rows)
    // A worker with work keeps the process alive; one waiting for work does not.
    worker.ref()
    worker.postMessage(request, transfer)
    return output
  }

  #start(file: URL): void {
    const worker = new Worker(bootCode(file), { eval: true })
    worker.unref()
    worker.on('message', (answer: WorkerAnswer) => this.#answer(answer))
    worker.on('error', (err) => this.#breakAll(new Error(`a sheet worker failed: ${err.message}`, { cause: err })))
    worker.on('exit', (code) => this.#breakAll(new Error(`a sheet worker exited (code ${code})`)))
    this.#workers.push(worker)
    this.#pending.set(worker, 0)
  }

  #answer(answer: WorkerAnswer): void {
    const job = this.#jobs.get(answer.id)
    if (!job) return
    if ('piece' in answer) {
      job.output.push(Buffer.from(answer.piece.buffer, answer.piece.byteOffset, answer.piece.byteLength))
      return
    }
    this.#jobs.delete(answer.id)
    this.#pending.set(job.worker, this.#pending.get(job.worker)! - job.rows)
    if (![...this.#jobs.values()].some((j) => j.worker === job.worker)) job.worker.unref()
    if ('done' in answer) job.output.finish(answer.done)
    else job.output.fail(new Error(`a sheet worker's part failed: ${answer.error}`))
  }

  #breakAll(error: Error): void {
    this.#broken ??= error
    for (const job of this.#jobs.values()) job.output.fail(error)
    this.#jobs.clear()
  }
}

let shared: SheetWorkers | null = null

/**
 * The server's sheet workers, started on first use and kept (starting one loads its modules, a
 * good part of a second), replaced after one failed.
 */
export function sheetWorkers(): SheetWorkers {
  if (!shared || shared.broken) shared = new SheetWorkers()
  return shared
}
