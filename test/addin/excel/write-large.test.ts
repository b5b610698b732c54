import { describe, expect, it } from 'vitest'
import { writeSheet } from '../../../addin/excel'
import { DEFAULT_MAX_PAYLOAD_BYTES, planChunks } from '../../../addin/excel/cells'
import { excelSerial } from '../../../shared/dates'
import { DATETIME_FORMAT } from '../../../shared/sheets/model'
import { DEFAULT_PAYLOAD_LIMIT, type FakeExcel } from '../fake-excel'
import { movesModel, traceModel } from './models'
import { useFakeExcel } from './use-fake-excel'

let fake: FakeExcel
useFakeExcel((f) => (fake = f))

/** Syncs of writing a new sheet besides the chunks: look-up, heading, table and formats. */
const FIXED_SYNCS = 3

describe('writeSheet: 50,000 moves', () => {
  it('fits every request under the 5 MB limit, one sync per chunk', async () => {
    const model = movesModel(50_000)
    expect(model.columns).toHaveLength(11)
    const chunks = planChunks(model)
    expect(chunks.length).toBeGreaterThan(1)
    const totalBytes = JSON.stringify(model.rows).length
    // The plan is near the fewest chunks the budget allows.
    expect(chunks.length).toBeLessThanOrEqual(Math.ceil((totalBytes * 1.5) / DEFAULT_MAX_PAYLOAD_BYTES) + 1)

    const progress: Array<[number, number]> = []
    const result = await writeSheet(model, { onProgress: (w, t) => progress.push([w, t]) })

    expect(result.rows).toBe(50_000)
    expect(result.syncs).toBe(chunks.length + FIXED_SYNCS)
    expect(fake.stats.syncs).toBe(result.syncs)
    expect(fake.stats.requests.filter((r) => r.error)).toEqual([])
    expect(fake.maxRequestBytes()).toBeLessThan(DEFAULT_PAYLOAD_LIMIT)
    expect(progress).toEqual(chunks.map(([, end]) => [end, 50_000]))

    const s = fake.sheet('Moves')
    expect(s.values('A4:K4')).toEqual([model.columns.map((c) => c.header)])
    expect(s.values('B5:E5')).toEqual([['WH/INT/000000', 'Internal transfer', 'P-0', 'LOT-0']])
    expect(s.cell('A50004')).toMatchObject({ value: excelSerial(model.rows[49_999][0] as string), numberFormat: DATETIME_FORMAT })
    expect(s.cell('B50004').value).toBe('WH/INT/049999')
    expect(s.cell('A50005').value).toBe('')
    expect(s.tables).toEqual([{ name: 'llMoves', address: 'A4:K50004', style: 'TableStyleMedium2', showFilterButton: true }])
    expect(s.frozenRows).toBe(4)
  })

  it('keeps each request under a smaller maxPayloadBytes', async () => {
    const model = movesModel(2_000)
    const result = await writeSheet(model, { maxPayloadBytes: 100_000 })
    const chunks = planChunks(model, 100_000)
    expect(chunks.length).toBeGreaterThanOrEqual(4)
    expect(result.syncs).toBe(chunks.length + FIXED_SYNCS)
    expect(fake.maxRequestBytes()).toBeLessThanOrEqual(100_000)
  })

  it('halves a chunk that Excel still refuses, and retries it', async () => {
    fake.limits.request = 60_000
    const model = movesModel(3_000)
    const result = await writeSheet(model)

    const refused = fake.stats.requests.filter((r) => r.error === 'RequestPayloadSizeLimitExceeded')
    expect(refused.length).toBeGreaterThan(1)
    expect(fake.stats.requests.filter((r) => r.error && r.error !== 'RequestPayloadSizeLimitExceeded')).toEqual([])
    expect(fake.stats.requests.filter((r) => !r.error).every((r) => r.requestBytes <= 60_000)).toBe(true)
    expect(result.syncs).toBe(fake.stats.syncs)
    // Once halved small enough, the chunk size sticks: refusals happen only on the way down.
    const firstOk = fake.stats.requests.findIndex((r, i) => i > 1 && !r.error)
    expect(fake.stats.requests.slice(firstOk).some((r) => r.error)).toBe(false)

    const s = fake.sheet('Moves')
    expect(s.cell('B3004').value).toBe('WH/INT/002999')
    expect(s.cell('B3005').value).toBe('')
    expect(s.values('B5:B3004').map(([v]) => v)).toEqual(model.rows.map((r) => r[1]))
  })

  it('sends the indentation of a ragged tree in batches under the budget', async () => {
    const base = traceModel()
    const levels = Array.from({ length: 10_000 }, (_, i) => i % 2)
    const model = { ...base, rows: levels.map((l, i) => [`REF-${i}`, 'MILK', null, 'L-1', 'A', 'B', 1, 'Units', l, 'downstream', 'internal']), indent: { column: 0, levels } }
    const result = await writeSheet(model, { maxPayloadBytes: 402_000 })
    // 5,000 runs of level 1 at 1,000 per sync: four extra syncs before the last one.
    expect(result.syncs).toBe(planChunks(model, 402_000).length + FIXED_SYNCS + 4)
    expect(fake.maxRequestBytes()).toBeLessThanOrEqual(402_000)
    const s = fake.sheet('Traceability')
    expect([5, 6, 7, 10_003, 10_004].map((r) => s.cell(`A${r}`).indent)).toEqual([0, 1, 0, 0, 1])
  })

  it('gives up with the payload error when a single row is too large', async () => {
    fake.limits.request = 20_000
    const model = { ...movesModel(0), columns: [{ header: 'Note', kind: 'text' as const, width: 40 }], rows: [['short'], ['x'.repeat(30_000)]] }
    await expect(writeSheet(model)).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' })
    const attempts = fake.stats.requests.filter((r) => r.error)
    expect(attempts.length).toBe(2)
    expect(fake.sheet('Moves').cell('A5').value).toBe('short')
  })
})
