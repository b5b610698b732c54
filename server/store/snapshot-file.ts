/**
 * Snapshot files: a sequence of JSON parts, one checksummed line each (as in the journal),
 * ending with a trailer that counts them. Written to a temporary file, fsynced and renamed into
 * place, so a snapshot on disk is always whole; a file without its trailer is not used.
 */
import { isAscii } from 'node:buffer'
import { open, rename, unlink } from 'node:fs/promises'
import { dirname } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { crc32 } from 'node:zlib'
import { syncDirectory } from './durable-fs'
import { fileLines, READ_CHUNK } from './file-lines'

const FLUSH_BYTES = 4 * 1024 * 1024

/** Turns a snapshot file's parts into a state, and a state into parts. */
export interface SnapshotCodec<T> {
  /** A consistent cut of `state`: its journal position and its parts (read lazily). */
  cut(state: T): { seq: number; parts: Iterable<unknown> }
  /** Rebuilds a state from the parts of a snapshot. */
  restore(parts: AsyncIterable<unknown>): Promise<T>
  /** False when a cut may not be made now (the memory it takes is not there); absent: always. */
  mayCut?(): boolean
}

function line(part: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(part))
  return Buffer.concat([Buffer.from(`${crc32(json).toString(16).padStart(8, '0')} `), json, Buffer.from('\n')])
}

/** Writes `parts` as the snapshot at `path`, yielding to other work between parts. */
let tmpCounter = 0

export async function writeSnapshotFile(path: string, parts: Iterable<unknown>): Promise<void> {
  const tmp = `${path}.${process.pid}-${++tmpCounter}.tmp`
  const fh = await open(tmp, 'w')
  try {
    let pending: Buffer[] = []
    let size = 0
    let count = 0
    const flush = async () => {
      const buf = Buffer.concat(pending)
      for (let written = 0; written < buf.length; ) written += (await fh.write(buf, written)).bytesWritten
      pending = []
      size = 0
    }
    for (const part of parts) {
      const l = line(part)
      pending.push(l)
      size += l.length
      count++
      if (size >= FLUSH_BYTES) await flush()
      else await nextTurn()
    }
    pending.push(line({ end: true, parts: count }))
    await flush()
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
        if (bytes[8] !== 0x20 || crc32(bytes.subarray(9)).toString(16).padStart(8, '0') !== bytes.toString('latin1', 0, 8)) {
          throw new Error(`snapshot ${path} is damaged at part ${count + 1}`)
        }
        // Most parts are ASCII (base64 columns, codes, dates): read as one-byte text, a copy rather than a UTF-8 decode.
        const body = bytes.subarray(9)
        const part = JSON.parse(isAscii(body) ? body.toString('latin1') : body.toString('utf8')) as { end?: boolean; parts?: number }
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
