/**
 * Journal lines in the arena's slabs are the lines the journal writes without it, byte for byte;
 * a slab is used again only once every line in it was written out; a line too long for a slab
 * gets buffers of its own.
 */
import { describe, expect, it } from 'vitest'
import { decodeLine, encodeRecord, encodeRecordChunks } from '../../../server/store/journal-line'
import { LineArena } from '../../../server/store/line-arena'

const record = (seq: number, note = 'crème brûlée 日本 "quoted"') => ({ seq, type: 'note', data: { note, lines: Array.from({ length: 20 }, (_, i) => ({ i, qty: i / 3 })) } })

describe('the journal lines arena', () => {
  it('holds each line as the journal writes it without the arena, in one slice', () => {
    const arena = new LineArena()
    for (const seq of [1, 2, 3]) {
      const chunks = encodeRecordChunks(record(seq), { arena, seq })
      expect(chunks).toHaveLength(1)
      expect(chunks[0]).toEqual(encodeRecord(record(seq)))
      expect(decodeLine(chunks[0].subarray(0, -1))?.value).toEqual(record(seq))
    }
  })

  it('uses a slab again only once every line in it was written out', () => {
    const arena = new LineArena()
    // Lines of about 180 kB each, three bytes a character (under the 64k characters a line is gathered whole): five fill a slab of a megabyte.
    const note = '日'.repeat(60_000)
    const line = (seq: number) => encodeRecordChunks(record(seq, note), { arena, seq })[0]
    const lines = [0]
    for (let seq = 1; seq <= 11; seq++) lines[seq] = line(seq) as never
    const slab = (seq: number) => (lines[seq] as unknown as Buffer).buffer
    expect(slab(5)).toBe(slab(1))
    expect(slab(6)).not.toBe(slab(1))
    expect(slab(11)).not.toBe(slab(6))
    // 1 to 5 are out, 6 to 11 not: only the first slab could be used again, and its lines held their bytes meanwhile.
    arena.written(5)
    expect(decodeLine((lines[1] as unknown as Buffer).subarray(0, -1))?.value).toEqual(record(1, note))
    const twelfth = line(12)
    expect(twelfth.buffer).toBe(slab(11))
    for (let seq = 13; seq <= 15; seq++) line(seq)
    // The third slab is full: the next line takes the first one again, not the second (7 to 10 are not out).
    expect(line(16).buffer).toBe(slab(1))
    arena.written(16)
    expect(line(17).buffer).toBe(slab(1))
    expect(decodeLine(line(18).subarray(0, -1))?.value).toEqual(record(18, note))
  })

  it('gives a line too long for a slab buffers of its own', () => {
    const arena = new LineArena()
    const long = record(1, 'y'.repeat(400_000))
    const chunks = encodeRecordChunks(long, { arena, seq: 1 })
    expect(chunks.length).toBeGreaterThan(1)
    expect(Buffer.concat(chunks).equals(encodeRecord(long))).toBe(true)
  })
})
