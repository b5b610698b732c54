/**
 * Reading a file of newline-ended lines (the journal, snapshots) through one buffer: a few
 * megabytes at a time, the unfinished last line of a read moved to the buffer's front, the buffer
 * grown for a line longer than it. No copy of the whole file is ever held.
 */
import type { FileHandle } from 'node:fs/promises'
import { NEWLINE } from './journal-line'

/** The default size of the read buffer. */
export const READ_CHUNK = 8 * 1024 * 1024

/** One line, without its newline, and the byte it starts at. */
export interface FileLine {
  /** Valid only until the next lines are asked for: the buffer is read into again. */
  bytes: Buffer
  offset: number
}

/**
 * The lines of `fh` from byte `from` to its end, those of each read together (one promise per
 * read, not per line); returns the offset where the bytes after the last newline start (the
 * file's size when it ends with one).
 */
export async function* fileLines(fh: FileHandle, from = 0, chunkBytes = READ_CHUNK): AsyncGenerator<FileLine[], number> {
  const size = (await fh.stat()).size
  let buf = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(size - from, 1)))
  let kept = 0
  let bufStart = from
  let position = from
  while (position < size) {
    if (kept === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2)
      buf.copy(bigger, 0, 0, kept)
      buf = bigger
    }
    const { bytesRead } = await fh.read(buf, kept, Math.min(buf.length - kept, size - position), position)
    if (bytesRead === 0) break
    position += bytesRead
    const data = buf.subarray(0, kept + bytesRead)
    const lines: FileLine[] = []
    let lineStart = 0
    for (let nl = data.indexOf(NEWLINE); nl !== -1; nl = data.indexOf(NEWLINE, lineStart)) {
      lines.push({ bytes: data.subarray(lineStart, nl), offset: bufStart + lineStart })
      lineStart = nl + 1
    }
    if (lines.length) yield lines
    data.copy(buf, 0, lineStart)
    kept = data.length - lineStart
    bufStart += lineStart
  }
  return bufStart
}
