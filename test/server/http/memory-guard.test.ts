/**
 * Through a real server: a workbook upload of a megabyte or more is collected after once answered
 * (its rows, plan and report are garbage then) while the live heap is small, and `GET /health`
 * says what that collection found; a small write is left to V8.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { HeapWatch, type HeapReading } from '../../../server/memory/heap-watch'
import { startServer, type TestServer } from '../../helpers/server'
import { upload } from '../../helpers/upload'

const MB = 1024 * 1024
let server: TestServer | undefined
afterEach(async () => server?.close())

/** A server whose heap watch reads `reading` and counts its collections, each of which finds `liveMb` live. */
async function watchedServer(reading: HeapReading, liveMb: number) {
  const counted = { collections: 0 }
  const heap = new HeapWatch(() => reading, () => {}, () => {
    counted.collections++
    reading.used = liveMb * MB
  })
  server = await startServer({ memory: true, app: { heap } })
  return { server, counted }
}

/** A receipts CSV of `rows` lines of a product the ledger does not know: refused, after every row is read. */
function receiptsCsv(rows: number): string {
  return ['Reference,Date,Product,Lot,Qty,To', ...Array.from({ length: rows }, (_, i) => `PO-${i >> 7},2026-11-02,NO-SUCH-PRODUCT,L-${i},1,WH/Stock`)].join('\n')
}

describe('the memory guard after a large write', () => {
  it('collects once a workbook of a megabyte or more is answered, and /health says the live heap it found', async () => {
    // 200 MB in use, of which 40 live: what the server knows until it collects.
    const { server, counted } = await watchedServer({ used: 200 * MB, limit: 4000 * MB }, 40)
    const small = await upload(server.url, server.admin.token, 'kind=receipts&dryRun=true', 'small.csv', receiptsCsv(10))
    expect(small.status).toBe(422)
    expect((await server.admin.get('/health')).body.memory.heapUsedMb).toBe(200)
    const csv = receiptsCsv(25_000)
    expect(csv.length).toBeGreaterThan(MB)
    const large = await upload(server.url, server.admin.token, 'kind=receipts&dryRun=true', 'large.csv', csv)
    expect(large.status).toBe(422)
    expect(large.body.report.rows).toBe(25_000)
    await expect.poll(() => counted.collections).toBe(1)
    expect((await server.admin.get('/health')).body.memory.heapUsedMb).toBe(40)
    // The small write before it asked for none.
    expect(counted.collections).toBe(1)
  })
})
