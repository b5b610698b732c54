/**
 * Snapshot files: a sequence of JSON parts, one checksummed line each (as in the journal),
 * ending with a trailer that counts them. Written to a temporary file, fsynced and renamed into
 * place, so a snapshot on disk is always whole; a file without its trailer is not used.
 */
import { open, rename, unlink, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { syncDirectory } from './durable-fs'
import { fileLines, READ_CHUNK } from './file-lines'
import { decodeLine, lineRoom, writeLine } from './journal-line'

const FLUSH_BYTES = 4 * 1024 * 1024

/** Turns a snapshot file's parts into a state, and a state into parts. */
export interface SnapshotCodec<T> {
  /** A consistent cut of `state`: its journal position and its parts (read lazily). */
  cut(state: T): { seq: number; parts: Iterable<unknown> }
  /** Rebuilds a state from the parts of a snapshot. */
  restore(parts: AsyncIterable<unknown>): Promise<T>
  /** False when a cut may not be made now (the memory it takes is not there); absent: always. */
  mayCut?(): boolean
  /** Called once a snapshot is stored: what its cut copied is garbage now. */
  saved?(): void
}

/**
 * Lines written into one buffer used again from flush to flush (grown once for a longer part).
 * A buffer per part, then one joining them, held each snapshot's bytes outside the heap three
 * times over: every 64 MB of that sets off a full collection of the heap holding the ledger (at
 * 10M moves, a 1.7 GB snapshot, gigabytes of heap collected dozens of times).
 */
class SnapshotLines {
  #buf = Buffer.allocUnsafe(FLUSH_BYTES * 2)
  #used = 0

  constructor(readonly fh: FileHandle) {}

  get used(): number {
    return this.#used
  }

  /** Appends `part`'s line: checksum, space, JSON, newline (written out first when it would not fit). */
  async add(part: unknown): Promise<void> {
    const json = JSON.stringify(part)
    // Counted: the buffer grows to the longest part, and a part of columns is megabytes of base64.
    const most = lineRoom(json, true)
    if (this.#used + most > this.#buf.length) await this.flush()
    if (most > this.#buf.length) this.#buf = Buffer.allocUnsafe(most)
    this.#used = writeLine(this.#buf, this.#used, json)
  }

  async flush(): Promise<void> {
    for (let written = 0; written < this.#used; ) written += (await this.fh.write(this.#buf, written, this.#used - written)).bytesWritten
    this.#used = 0
  }
}

/** Writes `parts` as the snapshot at `path`, yielding to other work between parts. */
let tmpCounter = 0

export async function writeSnapshotFile(path: string, parts: Iterable<unknown>): Promise<void> {
  const tmp = `${path}.${process.pid}-${++tmpCounter}.tmp`
  const fh = await open(tmp, 'w')
  try {
    const lines = new SnapshotLines(fh)
    let count = 0
    for (const part of parts) {
      await lines.add(part)
      count++
      if (lines.used >= FLUSH_BYTES) await lines.flush()
      else await nextTurn()
    }
    await lines.add({ end: true, parts: count })
    await lines.flush()
    await fh.sync()
  } catch (err) {
    await fh.close()
    await unlink(tmp).catch(() => {})
    throw err
  }
  await fh.close()
  await rename(tmp, path)
  await syncDirectory(dirname(path))
}

/**
 * The parts of the snapshot at `path`; throws at the first damaged line or a missing trailer.
 * Read through one buffer of a few megabytes (grown for a longer line): a whole snapshot read at
 * once stays in memory as garbage after the start until the next full collection, which an idle
 * server may not make for a long time (180 MB of RSS for a 1M-move ledger). `chunkBytes`: the
 * buffer's first size.
 */
export async function* readSnapshotFile(path: string, chunkBytes = READ_CHUNK): AsyncGenerator<unknown> {
  const fh = await open(path, 'r')
  try {
    let count = 0
    for await (const lines of fileLines(fh, 0, chunkBytes)) {
      for (const { bytes } of lines) {
        // Read as the journal's lines are, its JSON as UTF-8: read as one-byte text, Node made a
        // part over a megabyte (base64 columns) an external string, counted as memory outside the
        // heap, and every 64 MB of that set off a full collection of the growing heap: at 10M
        // moves, 24 of them, and a load of 105 s that takes 52 s without them.
        const decoded = decodeLine(bytes)
        if (!decoded) throw new Error(`snapshot ${path} is damaged at part ${count + 1}`)
        const part = decoded.value as { end?: boolean; parts?: number }
        if (part && part.end === true) {
          if (part.parts !== count) throw new Error(`snapshot ${path} has ${count} parts, its trailer says ${part.parts}`)
          return
        }
        count++
        yield part
      }
    }
    throw new Error(`snapshot ${path} is incomplete (no trailer)`)
  } finally {
    await fh.close()
  }
}
