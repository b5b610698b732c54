import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { readCsv } from '../../../server/import/read-csv'
import { CSV_MAX_LINE_CHARS } from '../../../server/import/limits'
import { MAX_ROWS } from '../../../shared/xlsx'

const unreadable = (...parts: string[]) => ({ code: 'unreadable_file', message: expect.stringMatching(new RegExp(parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*'))) })

describe('CSV read in one pass', () => {
  const text = '\uFEFFReference;Product;Lot;Qty\r\nPO-1;"MI""LK";"two\r\nlines; and ""quotes""";"1,5"\r\n\r\nPO-2;BOLT;;7\r\n"PO-3";FLOUR;"";"x"\n'

  it('reads the same rows whatever the chunks: one character at a time, bytes, or the whole text', async () => {
    const whole = await readCsv(text, 'r.csv', 100)
    expect(whole.rows.map((r) => [r.row, ...r.cells])).toEqual([
      [2, 'PO-1', 'MI"LK', 'two\r\nlines; and "quotes"', '1,5'],
      [4, 'PO-2', 'BOLT', null, '7'],
      [5, 'PO-3', 'FLOUR', null, 'x'],
    ])
    expect(await readCsv(Readable.from(text.split('')), 'r.csv', 100)).toEqual(whole)
    expect(await readCsv(Buffer.from(text), 'r.csv', 100)).toEqual(whole)
  })

  it('decodes UTF-8 characters that straddle the pieces a large file is read in', async () => {
    // Bytes are decoded 1 MiB at a time: the two bytes of the last é sit on either side of the first boundary.
    const head = `Reference,Lot\n${'PO,x\n'.repeat(209_711)}PO,yyy`
    expect(Buffer.byteLength(head)).toBe((1 << 20) - 1)
    const t = await readCsv(Buffer.from(`${head}é\nPO,Müller\n`), 'r.csv', 300_000)
    expect(t.rows.slice(-2).map((r) => r.cells)).toEqual([['PO', 'yyyé'], ['PO', 'Müller']])
  })

  it('refuses a line longer than the limit, quoting only its start: on the first line and further down', async () => {
    const first = readCsv('Reference,'.repeat(CSV_MAX_LINE_CHARS / 10 + 1), 'line.csv', 10)
    await expect(first).rejects.toMatchObject(unreadable('line.csv cannot be read: line 1 is longer than 1,048,576 characters (it starts "Reference,Reference,Reference,Reference…")'))
    const later = readCsv(`Reference,Qty\nPO-1,1\n"a\nb",${`${'7'.repeat(99)},`.repeat(CSV_MAX_LINE_CHARS / 100 + 1)}\n`, 'line.csv', 10)
    await expect(later).rejects.toMatchObject(unreadable('line.csv cannot be read: line 3 is longer than 1,048,576 characters (it starts "a b")'))
    expect((await first.then(() => '', (err: Error) => err.message)).length).toBeLessThan(200)
  })

  it('refuses a field longer than a cell, a row wider than a sheet, rows past its last row', async () => {
    await expect(readCsv(`Reference,Lot\nPO-1,"${'L'.repeat(32_768)}"\n`, 'field.csv', 10)).rejects.toMatchObject(unreadable('field.csv cannot be read: line 2 has a field longer than the 32,767 characters a cell holds (it starts "LLLL'))
    await expect(readCsv(`Reference\n${','.repeat(16_384)}\n`, 'wide.csv', 10)).rejects.toMatchObject(unreadable('wide.csv cannot be read: line 2 has more than 16,384 fields'))
    await expect(readCsv(`Reference\n${'\n'.repeat(MAX_ROWS - 1)}PO-1\n`, 'tall.csv', 10)).rejects.toMatchObject(unreadable('tall.csv cannot be read: line 1,048,577 is row 1,048,577, past Excel\'s last row 1,048,576'))
    // Up to the last row is fine.
    expect((await readCsv(`Reference\n${'\n'.repeat(MAX_ROWS - 2)}PO-1\n`, 'tall.csv', 10)).rows).toEqual([{ row: MAX_ROWS, cells: ['PO-1'] }])
  })
})
