/**
 * Where one workbook's parts are written. Sheet workers cost memory from the moment they start
 * (each thread has its own heap and its own copy of their code: about 30 MB of RSS for the pair
 * once started, more while they write), more than a small workbook is worth, and most ledgers
 * are small. So a workbook's parts are kept in this thread while its rows stay under a
 * threshold, and written here when the workbook is, by the code the workers run (sheet-job.ts),
 * a compressed piece per turn: the same bytes.
 * Once its rows reach the threshold, the parts kept and every later one go to the sheet workers.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import { sheetJobPieces, type SheetJob } from './sheet-job'
import { JobOutput, sheetWorkers, type PartHandle, type SheetWorkers } from './sheet-workers'

/**
 * Rows of a workbook from which its parts go to the sheet workers. Below it, writing the rows
 * here costs this thread at most about a third of a second on a busy machine (2.5 to 7 µs a
 * row), in turns of a compressed piece each, against the workers' memory held from then on; a
 * year at 10,000 moves is about 16,000 rows. A sheet part (PART_ROWS, sheet-table.ts) is as large, so a
 * workbook past it is known to be large as soon as its first full part is given.
 */
export const WORKER_ROWS = 50_000

/** A part of the workbook: kept here until written, or given to a worker. */
export class BookPart {
  #job: SheetJob | null
  #handle: PartHandle | null = null
  #here: JobOutput | null = null

  constructor(job: SheetJob) {
    this.#job = job
    this.rows = job.part.rows
  }

  readonly rows: number

  /** The latest writing's pieces and result; a part kept here is written on first asking. */
  get output(): JobOutput {
    if (this.#handle) return this.#handle.output
    if (!this.#job) throw new Error('the part was dropped')
    return (this.#here ??= writeHere(this.#job))
  }

  /** The worker's handle, once given. */
  get handle(): PartHandle | null {
    return this.#handle
  }

  /** Gives the part to `workers`, its arrays handed over. */
  handOver(workers: SheetWorkers): void {
    this.#handle = workers.write(this.#job!)
    this.#job = null
  }

  /** Takes other style ids, for the writing to come (a part kept here is not written yet). */
  setIds(ids: Int32Array): void {
    this.#job = { ...this.#job!, ids }
    this.#here = null
  }

  /** Forgets the rows of a part kept here. */
  forget(): void {
    this.#job = null
    this.#here = null
  }
}

/**
 * The job's pieces, written in this thread by the workers' code, a piece per turn of the event
 * loop (requests waiting go first: a part of 50,000 rows takes this thread a few tenths of a
 * second on a busy machine).
 */
function writeHere(job: SheetJob): JobOutput {
  const output = new JobOutput()
  const write = async () => {
    const pieces = sheetJobPieces(job)
    for (;;) {
      await nextTurn()
      const next = pieces.next()
      if (next.done) return output.finish(next.value)
      output.push(next.value)
    }
  }
  write().catch((err: unknown) => output.fail(new Error(`a sheet part failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err })))
  return output
}

/**
 * The writers of one workbook's parts: this thread while its rows are fewer than `threshold`,
 * the sheet workers (`start`, called once, only then) from the part that reaches it.
 */
export class PartWriters {
  readonly #kept: BookPart[] = []
  #rows = 0
  #workers: SheetWorkers | null = null

  constructor(readonly threshold = WORKER_ROWS, readonly start: () => SheetWorkers = sheetWorkers) {}

  /** Takes `job`; its table's arrays are handed over if it goes to a worker (no longer usable here). */
  write(job: SheetJob): BookPart {
    const part = new BookPart(job)
    this.#rows += part.rows
    if (!this.#workers && this.#rows >= this.threshold) {
      const workers = (this.#workers = this.start())
      for (const kept of this.#kept.splice(0)) kept.handOver(workers)
    }
    if (this.#workers) part.handOver(this.#workers)
    else this.#kept.push(part)
    return part
  }

  /** Writes a part again with other style ids (a part kept here is only written once, with its last ids). */
  rewrite(part: BookPart, ids: Int32Array): void {
    if (part.handle) this.#workers!.rewrite(part.handle, ids)
    else part.setIds(ids)
  }

  /** Forgets `parts`, here and in the workers. */
  drop(parts: readonly BookPart[]): void {
    const given = parts.flatMap((p) => (p.handle ? [p.handle] : []))
    if (given.length) this.#workers!.drop(given)
    for (const part of parts) if (!part.handle) part.forget()
  }
}
