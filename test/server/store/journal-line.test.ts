import { crc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { FileHandle } from 'node:fs/promises'
import { decodeLine, encodeRecord, writeAll } from '../../../server/store/journal-line'

describe('journal lines', () => {
  it('encodes a big record in pieces exactly as JSON.stringify would', () => {
    const at = new Date(Date.UTC(2026, 10, 27, 12, 0, 0))
    const parts = Array.from({ length: 4000 }, (_, i) => ({
      type: 'operation.recorded', n: i, skip: undefined, fn: () => i, at,
      data: { lines: Array.from({ length: 20 }, (_, k) => ({ k, text: k % 3 ? 'é日' : 'plain', gone: undefined, list: [undefined, k] })) },
    }))
    const sparse = Array.from({ length: 20 }, (_, i) => (i % 4 ? { i, at } : undefined))
    const rec = {
      seq: 7, gone: undefined, type: 'batch',
      data: { label: 'parts "quoted"', parts, short: [1, undefined, 'x'], sparse, fn: () => 1, when: at, nothing: null },
    }
    const text = JSON.stringify(rec)
    expect(Buffer.byteLength(text)).toBeGreaterThan(3 * 1024 * 1024)
    const line = encodeRecord(rec)
    const json = Buffer.from(text)
    expect(line.subarray(9, line.length - 1).equals(json)).toBe(true)
    expect(line.subarray(0, 9).toString('latin1')).toBe(`${crc32(json).toString(16).padStart(8, '0')} `)
    expect(line[line.length - 1]).toBe(0x0a)
  })

  it('decodes what it encodes, and refuses a line whose checksum does not match', () => {
    const rec = { seq: 3, text: 'Crème brûlée 日本 📦', list: Array.from({ length: 40 }, (_, i) => ({ i })) }
    const line = encodeRecord(rec)
    expect(decodeLine(line.subarray(0, line.length - 1))?.value).toEqual(rec)
    const damaged = Buffer.from(line.subarray(0, line.length - 1))
    damaged[20] ^= 0x01
    expect(decodeLine(damaged)).toBeNull()
  })

  it('writes every byte in order when the system takes only part of a write', async () => {
    const chunks = Array.from({ length: 2500 }, (_, i) => Buffer.alloc(1 + (i % 7), 97 + (i % 26)))
    const expected = Buffer.concat(chunks)
    const written: Buffer[] = []
    let calls = 0
    const fh = {
      async writev(buffers: Buffer[]) {
        calls++
        expect(buffers.length).toBeLessThanOrEqual(1024)
        // Takes at most 777 bytes, cutting through the middle of a buffer.
        const all = Buffer.concat(buffers).subarray(0, 777)
        written.push(Buffer.from(all))
        return { bytesWritten: all.length, buffers }
      },
    } as unknown as FileHandle
    await writeAll(fh, chunks)
    expect(Buffer.concat(written).equals(expected)).toBe(true)
    expect(calls).toBe(Math.ceil(expected.length / 777))
  })
})
