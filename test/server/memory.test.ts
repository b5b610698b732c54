/**
 * A server whose heap fills up, as a real process with a small heap: it warns, then refuses
 * writes (507 memory_full) instead of dying, keeps every write it acknowledged, and a larger heap
 * loads them all. One that cannot load its ledger says so and how to give it more.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { killStarted, startServerProcess, spawnServer } from '../helpers/process'
import { client } from '../helpers/server'
import { tempDirs } from '../helpers/temp'

const temp = tempDirs()

afterEach(async () => {
  await killStarted()
  await temp.cleanup()
})

/** A receipt of `lines` lines, each bringing its own lot: the heaviest ledger per move. */
function receipt(n: number, lines: number) {
  return {
    id: `fill-${n}`, type: 'receipt', reference: `PO-${n}`,
    lines: Array.from({ length: lines }, (_, i) => ({ product: 'PALLET', qty: 1, lot: `P${n}-${i}` })),
  }
}

const heap = (mb: number) => [`--max-old-space-size=${mb}`]

describe('a server whose heap fills up', () => {
  it('warns, refuses writes with 507 memory_full and changes nothing, keeps every acknowledged write, and loads them with a larger heap', { timeout: 240_000 }, async () => {
    const dir = await temp.make()
    const small = await startServerProcess(dir, {}, heap(160))
    const admin = client(small.url, small.printedToken!)
    expect((await admin.put('/products/PALLET', { name: 'Pallet', tracking: 'lot' })).status).toBe(201)

    const acknowledged: string[] = []
    let refusal: { status: number; body: any } | null = null
    for (let n = 0; n < 300 && !refusal; n++) {
      const r = await admin.post('/operations', receipt(n, 4000))
      if (r.status === 201) acknowledged.push(`fill-${n}`)
      else refusal = r
    }
    expect(small.proc.done).toBe(false)
    expect(refusal?.status).toBe(507)
    expect(refusal?.body.error.code).toBe('memory_full')
    expect(refusal?.body.error.message).toMatch(/^the server's memory is full: the ledger uses \d+ of its \d+ MiB heap, so POST \/operations was refused .*nothing was changed/)
    expect(acknowledged.length).toBeGreaterThan(5)
    expect(small.proc.stderr()).toMatch(/memory high: the ledger uses \d+ of \d+ MiB heap \(\d+%\); give the server a larger heap/)

    const health = await admin.get<any>('/health')
    // High (warned) or full: a write of this size no longer fits under 75% of the limit.
    expect(['high', 'full']).toContain(health.body.memory.level)
    expect(health.body.memory.heapUsedMb).toBeGreaterThan(health.body.memory.heapLimitMb * 0.6)
    // Reads still work, and the refused write is not there.
    const refusedId = `fill-${acknowledged.length}`
    expect((await admin.get(`/operations/${refusedId}`)).status).toBe(404)
    expect((await admin.get(`/operations/${acknowledged.at(-1)}`)).status).toBe(200)
    expect((await small.proc.stop('SIGTERM')).code).toBe(0)
    // Its clean stop did not copy a ledger the heap has no room to copy twice.
    expect(small.proc.stderr()).toMatch(/snapshots put off: the ledger uses \d+ of \d+ MiB heap, too much to copy it/)

    // Too small a heap for this ledger: a message that says what to do, not V8's crash.
    const tooSmall = spawnServer(dir, {}, heap(120))
    const exit = await tooSmall.exited
    expect(exit.code).toBe(1)
    expect(tooSmall.stderr()).toMatch(/the ledger does not fit in this server's heap of \d+ MiB: start it with a larger one \(LOTLEDGER_HEAP_MB=\d+ npm start\)/)
    expect(tooSmall.stderr()).not.toMatch(/FATAL ERROR/)

    const large = await startServerProcess(dir, {}, heap(600))
    const again = client(large.url, small.printedToken!)
    for (const id of [acknowledged[0], acknowledged.at(-1)!]) expect((await again.get(`/operations/${id}`)).status).toBe(200)
    const stock = await again.get<any>('/stock?product=PALLET')
    expect(stock.body.quants.reduce((sum: number, q: { qty: number }) => sum + q.qty, 0)).toBe(acknowledged.length * 4000)
    expect((await again.get<any>('/health')).body.memory.level).toBe('ok')
    expect((await again.post('/operations', receipt(acknowledged.length, 10))).status).toBe(201)
  })
})
