/**
 * A zip file written as its entries come, each already deflated (the sheets' rows by the sheet
 * workers): local header, the deflated bytes, then a data descriptor with the CRC and sizes,
 * which are known only at the end; the central directory last. No zip64: an entry or the file
 * past 4 GB is refused (an Excel sheet's million rows stay far below it).
 */
import type { Writable } from 'node:stream'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { localFileHeader, ZIP_CENTRAL, ZIP_DESCRIPTOR, ZIP_END, ZIP_VERSION } from '../zip-format'
import { ReportAborted } from './xlsx-stream'

const deflateRaw = promisify(zlib.deflateRaw)

/** Deflated `data`: a whole stream (`last`), or a piece of one that more pieces follow. */
export function deflatePiece(data: Buffer, level: number, last: boolean): Promise<Buffer> {
  return deflateRaw(data, { level, finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH })
}

/** Sizes and CRC follow the data. */
const FLAG_DESCRIPTOR = 0x0008
const DEFLATED = 8
/** Made on Unix (its file modes in the external attributes), zip 2.0. */
const MADE_BY = (3 << 8) | ZIP_VERSION
/** -rw-r--r--. */
const FILE_MODE = 0o100644
const MAX_32 = 0xffffffff

interface Written {
  name: Buffer
  offset: number
  crc: number
  compressed: number
  size: number
}

/** The time and date fields of a zip entry (MS-DOS format, local time). */
function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  }
}

/** Writes a zip into `out`, entry after entry, waiting for `out` to take its bytes. */
export class ZipWriter {
  readonly #entries: Written[] = []
  readonly #when: { time: number; date: number }
  #offset = 0

  constructor(readonly out: Writable, modified = new Date()) {
    this.#when = dosTime(modified)
  }

  /** Adds an entry from its deflated pieces (one deflate stream); `summary` tells the CRC and length of what they hold, once they are written. */
  async add(name: string, pieces: AsyncIterable<Buffer> | Iterable<Buffer>, summary: () => { crc: number; size: number }): Promise<void> {
    const entry: Written = { name: Buffer.from(name.replace(/^\//, '')), offset: this.#offset, crc: 0, compressed: 0, size: 0 }
    // CRC and sizes stay 0: the descriptor after the data holds them.
    await this.#write(localFileHeader({ name: entry.name, flags: FLAG_DESCRIPTOR, method: DEFLATED, time: this.#when.time, date: this.#when.date }))
    for await (const piece of pieces) {
      entry.compressed += piece.length
      await this.#write(piece)
    }
    Object.assign(entry, summary())
    if (entry.size > MAX_32 || entry.compressed > MAX_32) throw new Error(`${name} is larger than a zip without zip64 holds (4 GB)`)
    const descriptor = Buffer.alloc(16)
    descriptor.writeUInt32LE(ZIP_DESCRIPTOR, 0)
    descriptor.writeUInt32LE(entry.crc >>> 0, 4)
    descriptor.writeUInt32LE(entry.compressed, 8)
    descriptor.writeUInt32LE(entry.size, 12)
    await this.#write(descriptor)
    this.#entries.push(entry)
  }

  /** Writes the central directory and ends `out`. */
  async finish(): Promise<void> {
    const start = this.#offset
    for (const e of this.#entries) {
      const h = Buffer.alloc(46)
      h.writeUInt32LE(ZIP_CENTRAL, 0)
      h.writeUInt16LE(MADE_BY, 4)
      h.writeUInt16LE(ZIP_VERSION, 6)
      h.writeUInt16LE(FLAG_DESCRIPTOR, 8)
      h.writeUInt16LE(DEFLATED, 10)
      h.writeUInt16LE(this.#when.time, 12)
      h.writeUInt16LE(this.#when.date, 14)
      h.writeUInt32LE(e.crc >>> 0, 16)
      h.writeUInt32LE(e.compressed, 20)
      h.writeUInt32LE(e.size, 24)
      h.writeUInt16LE(e.name.length, 28)
      h.writeUInt32LE((FILE_MODE << 16) >>> 0, 38)
      h.writeUInt32LE(e.offset, 42)
      await this.#write(Buffer.concat([h, e.name]))
    }
    const end = Buffer.alloc(22)
    end.writeUInt32LE(ZIP_END, 0)
    end.writeUInt16LE(this.#entries.length, 8)
    end.writeUInt16LE(this.#entries.length, 10)
    end.writeUInt32LE(this.#offset - start, 12)
    end.writeUInt32LE(start, 16)
    await this.#write(end)
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject)
      this.out.end(resolve)
    })
  }

  async #write(bytes: Buffer): Promise<void> {
    if (this.out.destroyed) throw new ReportAborted('the client went away')
    if (this.#offset + bytes.length > MAX_32) throw new Error('the workbook is larger than a zip without zip64 holds (4 GB)')
    this.#offset += bytes.length
    if (this.out.write(bytes)) return
    await new Promise<void>((resolve) => {
      const done = () => {
        this.out.off('drain', done)
        this.out.off('close', done)
        resolve()
      }
      this.out.on('drain', done)
      this.out.on('close', done)
    })
  }
}
