/**
 * XML text written straight into bytes, piece by piece: a long string built by concatenation is
 * a tree of pieces that costs more to flatten and encode at once than its pieces one by one.
 */

/**
 * Node's encoders behind `Buffer#write`, without its checks of arguments and encoding name,
 * which cost more than writing a short piece.
 */
interface Encoders extends Buffer {
  latin1Write(text: string, offset: number): number
  utf8Write(text: string, offset: number): number
}

/** Pieces up to this long are copied byte by byte. */
const SHORT = 32

/** Bytes a buffer starts with; it doubles as it fills. */
const START_BYTES = 1 << 16

/** A growing buffer of UTF-8 bytes. */
export class XmlBytes {
  #buf: Buffer
  #length = 0

  /** `bytes`: the room to start with (it doubles as it fills). */
  constructor(bytes = START_BYTES) {
    this.#buf = Buffer.allocUnsafe(Math.max(START_BYTES, bytes))
  }

  /** Bytes written since the last {@link take}. */
  get length(): number {
    return this.#length
  }

  /** Appends text known to be ASCII (markup, numbers, ids): one byte a character. */
  ascii(text: string): void {
    this.#room(text.length)
    if (text.length > SHORT) {
      this.#length += (this.#buf as Encoders).latin1Write(text, this.#length)
      return
    }
    // A short piece costs less copied here than through a call into Node's encoder.
    const buf = this.#buf
    let at = this.#length
    for (let i = 0; i < text.length; i++) buf[at++] = text.charCodeAt(i)
    this.#length = at
  }

  /** Appends any text, UTF-8 encoded. */
  utf8(text: string): void {
    this.#room(text.length * 3)
    if (text.length <= SHORT) {
      // A short text (a lot code, a reference) is most often ASCII: copied here unless it is not.
      const buf = this.#buf
      let at = this.#length
      let i = 0
      for (; i < text.length; i++) {
        const code = text.charCodeAt(i)
        if (code > 0x7f) break
        buf[at++] = code
      }
      if (i === text.length) {
        this.#length = at
        return
      }
    }
    this.#length += (this.#buf as Encoders).utf8Write(text, this.#length)
  }

  /** Appends bytes encoded before. */
  bytes(bytes: Uint8Array): void {
    this.range(bytes, 0, bytes.length)
  }

  /** Appends `bytes` from `start` up to `end`. */
  range(bytes: Uint8Array, start: number, end: number): void {
    const length = end - start
    this.#room(length)
    if (length > SHORT) {
      this.#buf.set(bytes.subarray(start, end), this.#length)
      this.#length += length
      return
    }
    const buf = this.#buf
    let at = this.#length
    for (let i = start; i < end; i++) buf[at++] = bytes[i]
    this.#length = at
  }

  /** Appends what `other` holds. */
  append(other: XmlBytes): void {
    this.#room(other.#length)
    this.#length += other.#buf.copy(this.#buf, this.#length, 0, other.#length)
  }

  /**
   * The buffer, with room for `bytes` more after {@link length}: a writer that knows its size
   * writes straight into it, then says where it ended with {@link commit}.
   */
  reserve(bytes: number): Buffer {
    this.#room(bytes)
    return this.#buf
  }

  /** Takes what was written into the reserved room, up to `end`. */
  commit(end: number): void {
    if (end < this.#length || end > this.#buf.length) throw new RangeError(`${end} is outside the room reserved`)
    this.#length = end
  }

  /** Forgets what was written, keeping the room. */
  clear(): void {
    this.#length = 0
  }

  /** The bytes written, in a buffer of their own (handed to a stream that may keep it); starts again empty. */
  take(): Buffer {
    const taken = this.#buf.subarray(0, this.#length)
    this.#buf = Buffer.allocUnsafe(Math.max(START_BYTES, this.#buf.length))
    this.#length = 0
    return taken
  }

  /** The bytes written, valid until the next write or clear (no copy, no new buffer). */
  view(): Buffer {
    return this.#buf.subarray(0, this.#length)
  }

  /** The bytes written, in the buffer they were written in; nothing is written after. */
  finish(): Buffer {
    const done = this.#buf.subarray(0, this.#length)
    this.#buf = Buffer.alloc(0)
    this.#length = 0
    return done
  }

  #room(bytes: number): void {
    if (this.#length + bytes <= this.#buf.length) return
    const grown = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#length + bytes))
    this.#buf.copy(grown, 0, 0, this.#length)
    this.#buf = grown
  }
}
