/**
 * Typed arrays as base64 text, for the number columns of a snapshot: JSON reads a long string in
 * one scan and base64 decodes natively, where an array of numbers is parsed number by number and
 * leaves an array of values behind for the collector.
 */

type Column = Int32Array | Uint32Array | Float64Array
type ColumnType<T extends Column> = { new (buffer: ArrayBuffer, byteOffset?: number, length?: number): T; BYTES_PER_ELEMENT: number }

/** The bytes of `column` (machine order: little-endian on the x86 and Arm machines the server runs on) as base64. */
export function toBase64(column: Column): string {
  return Buffer.from(column.buffer, column.byteOffset, column.byteLength).toString('base64')
}

/** Bytes that `text` (base64, padded) decodes to. */
function decodedLength(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  return (text.length / 4) * 3 - padding
}

/**
 * Columns decoded into buffers kept from one part to the next. A restart decodes gigabytes of
 * columns it reads once: V8 counts the memory of every new typed array and, past a few tens of
 * megabytes more than at its last full collection, makes another one, which on a heap of
 * gigabytes takes seconds. A column is valid until `reset`, when its buffer is used again.
 */
export class ColumnScratch {
  readonly #buffers: ArrayBuffer[] = []
  #next = 0

  /** The column `text` holds, in the next buffer (grown when too small). */
  read<T extends Column>(text: string, type: ColumnType<T>): T {
    const bytes = decodedLength(text)
    if (text.length % 4 !== 0 || bytes % type.BYTES_PER_ELEMENT !== 0) throw new Error(`a column of ${bytes} bytes is not whole ${type.BYTES_PER_ELEMENT}-byte numbers`)
    let buffer = this.#buffers[this.#next]
    if (buffer === undefined || buffer.byteLength < bytes) this.#buffers[this.#next] = buffer = new ArrayBuffer(Math.max(bytes, (buffer?.byteLength ?? 0) * 2))
    this.#next++
    const written = Buffer.from(buffer, 0, bytes).write(text, 'base64')
    if (written !== bytes) throw new Error(`a column's base64 decodes to ${written} bytes, not ${bytes}`)
    return new type(buffer, 0, bytes / type.BYTES_PER_ELEMENT) as T
  }

  /** Lets the buffers be used again: the columns read since the last reset are no longer. */
  reset(): void {
    this.#next = 0
  }
}
