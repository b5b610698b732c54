import { PassThrough } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { columnWidth, layoutOf, pageSetup, type ReportHead } from '../../../server/exports/xlsx-layout'
import { ReportAborted, ROWS_PER_TURN, writeReport, type RowBatch } from '../../../server/exports/xlsx-stream'
import { at, readSheet, rowValues } from './helpers'

const head: ReportHead = {
  name: 'Moves', title: 'Move history', subtitle: 'Workspace acme',
  columns: [
    { header: 'Date', kind: 'datetime', width: 17 }, { header: 'Lot/Serial', kind: 'text', width: 18 },
    { header: 'Expiration', kind: 'date', width: 12 }, { header: 'Quantity', kind: 'number', width: 10 },
  ],
}

function* rows(count: number, pulled: { n: number } = { n: 0 }): Generator<RowBatch> {
  for (let i = 0; i < count; i += 500) {
    const batch = Array.from({ length: Math.min(500, count - i) }, (_, k) => [`2026-06-01T${String((i + k) % 24).padStart(2, '0')}:30`, `L${i + k}`, '2026-06-20', i + k])
    pulled.n += batch.length
    yield { rows: batch }
  }
}

/** Rows that compress badly (random lot names), as real ones do more than the ones above. */
function* noisyRows(count: number, pulled: { n: number }): Generator<RowBatch> {
  for (let i = 0; i < count; i += 500) {
    const noise = () => Array.from({ length: 6 }, () => Math.random().toString(36).slice(2)).join('')
    const batch = Array.from({ length: 500 }, (_, k) => ['2026-06-01T10:30', noise(), '2026-06-20', i + k])
    pulled.n += batch.length
    yield { rows: batch }
  }
}

/** Everything the stream gives, once it ends. */
function collect(out: PassThrough): Promise<Buffer> {
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  return new Promise((resolve, reject) => {
    out.on('end', () => resolve(Buffer.concat(chunks)))
    out.on('error', reject)
  })
}

describe('writing a report into a stream', () => {
  it('lays out title, subtitle, optional header block, then the header', () => {
    expect(layoutOf(head)).toEqual({ headerRow: 4, firstDataRow: 5 })
    const above = [{ label: 'Reference', value: 'X', kind: 'text' as const }, { label: 'Date', value: '2026-06-01', kind: 'date' as const }]
    expect(layoutOf({ ...head, document: { above, below: [] } })).toEqual({ headerRow: 7, firstDataRow: 8 })
  })

  it('sets pages up: portrait up to about 110 characters of columns, landscape past them, a document always portrait; the footer\'s & doubled', () => {
    expect(pageSetup(head).pageSetup).toMatchObject({ orientation: 'portrait', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '4:4' })
    const wide = { ...head, columns: [...head.columns, ...head.columns] }
    expect(pageSetup(wide).pageSetup?.orientation).toBe('landscape')
    const line = { label: 'Ship to', value: 'Shop', kind: 'text' as const }
    const slip = pageSetup({ ...wide, title: 'Delivery slip Fish & Chips', paper: 'Letter', document: { above: [line, line], below: [] } })
    expect(slip.pageSetup).toMatchObject({ orientation: 'portrait', paperSize: 1, printTitlesRow: '7:7' })
    expect(slip.headerFooter?.oddFooter).toBe('&L&9Delivery slip Fish && Chips&R&9Page &P of &N')
  })

  it('widens a column to its header and the filter button, and never leaves one at exceljs\'s default', () => {
    expect(columnWidth({ header: 'Best before', kind: 'date', width: 12 })).toBe(13)
    expect(columnWidth({ header: 'Lot/Serial', kind: 'text', width: 18 })).toBe(18)
    expect(columnWidth({ header: 'Days', kind: 'number', width: 9 })).toBeGreaterThan(9)
  })

  it('streams many rows, pausing for the event loop between turns', async () => {
    const out = new PassThrough()
    const file = collect(out)
    let ticks = 0
    const timer = setInterval(() => ticks++, 0)
    const written = await writeReport(head, rows(5 * ROWS_PER_TURN + 10), out)
    clearInterval(timer)
    expect(written).toBe(5 * ROWS_PER_TURN + 10)
    expect(ticks).toBeGreaterThanOrEqual(4)
    const ws = await readSheet(await file)
    expect(ws.rowCount).toBe(4 + written)
    expect(rowValues(ws, 5, 4)).toEqual([at('2026-06-01T00:30'), 'L0', at('2026-06-20'), 0])
    expect(rowValues(ws, 4 + written, 4)).toEqual([at(`2026-06-01T${String((written - 1) % 24).padStart(2, '0')}:30`), `L${written - 1}`, at('2026-06-20'), written - 1])
  })

  it('waits for a client that does not read, instead of piling the file up in memory', async () => {
    const out = new PassThrough()
    const pulled = { n: 0 }
    const done = writeReport(head, noisyRows(60_000, pulled), out)
    // Rows are taken until the buffers between the writer and the client are full, then no more.
    let stalledAt = -1
    for (let i = 0; i < 40 && pulled.n !== stalledAt; i++) {
      stalledAt = pulled.n
      await sleep(400)
    }
    expect(pulled.n).toBe(stalledAt)
    expect(stalledAt).toBeLessThan(40_000)
    const file = collect(out)
    expect(await done).toBe(60_000)
    expect((await readSheet(await file)).rowCount).toBe(4 + 60_000)
  })

  it('stops when the client goes away', async () => {
    const out = new PassThrough()
    out.on('error', () => {})
    const pulled = { n: 0 }
    const done = writeReport(head, rows(200_000, pulled), out)
    out.once('data', () => out.destroy())
    out.resume()
    await expect(done).rejects.toBeInstanceOf(ReportAborted)
    expect(pulled.n).toBeLessThan(200_000)
  })

  it('writes text that looks like a number or a date as text, and a value that is not a date as it is', async () => {
    const out = new PassThrough()
    const file = collect(out)
    await writeReport(head, [{ rows: [[null, '00123', 'not a date', 1.5], ['2026-06-01T08:00', '2026-06-01', null, null]] }], out)
    const ws = await readSheet(await file)
    expect(rowValues(ws, 5, 4)).toEqual([null, '00123', 'not a date', 1.5])
    expect(rowValues(ws, 6, 4)).toEqual([at('2026-06-01T08:00'), '2026-06-01', null, null])
  })
})
