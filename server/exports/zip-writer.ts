/**
 * A zip file written as its entries come, each already deflated (the sheets' rows by the sheet
 * workers): local header, the deflated bytes, then a data descriptor with the CRC and sizes,
 * which are known only at the end; the central directory last. No zip64: an entry or the file
 * past 4 GB is refused (an Excel sheet's million rows stay far below it).
 */
import type { Writable } from 'node:stream'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { ReportAborted } from './xlsx-stream'

const deflateRaw = promisify(zlib.deflateRaw)

/** Deflated `data`: a whole stream (`last`), or a piece of one that more pieces follow. */
export function deflatePiece(data: Buffer, level: number, last: boolean): Promise<Buffer> {
  return deflateRaw(data, { level, finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH })
}

const LOCAL_HEADER = 0x04034b50
const DATA_DESCRIPTOR = 0x08074b50
const CENTRAL_HEADER = 0x02014b50
const END_OF_CENTRAL = 0x06054b50
/** Sizes and CRC follow the data. */
const FLAG_DESCRIPTOR = 0x0008
const DEFLATED = 8
/** Zip 2.0: deflate. */
const VERSION = 20
/** Made on Unix (its file modes in the external attributes), zip 2.0. */
const MADE_BY = (3 << 8) | VERSION
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
    const header = Buffer.alloc(30)
    header.writeUInt32LE(LOCAL_HEADER, 0)
    header.writeUInt16LE(VERSION, 4)
    header.writeUInt16LE(FLAG_DESCRIPTOR, 6)
    header.writeUInt16LE(DEFLATED, 8)
    header.writeUInt16LE(this.#when.time, 10)
    header.writeUInt16LE(this.#when.date, 12)
    // CRC and sizes (14 to 25) stay 0: the descriptor after the data holds them.
    header.writeUInt16LE(entry.name.length, 26)
    await this.#write(Buffer.concat([header, entry.name]))
    for await (const piece of pieces) {
      entry.compressed += piece.length
      await this.#write(piece)
    }
    Object.assign(entry, summary())
    if (entry.size > MAX_32 || entry.compressed > MAX_32) throw new Error(`${name} is larger than a zip without zip64 holds (4 GB)`)
    const descriptor = Buffer.alloc(16)
    descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0)
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
      h.writeUInt32LE(CENTRAL_HEADER, 0)
      h.writeUInt16LE(MADE_BY, 4)
      h.writeUInt16LE(VERSION, 6)
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
    end.writeUInt32LE(END_OF_CENTRAL, 0)
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
