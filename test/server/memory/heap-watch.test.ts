import { afterEach, describe, expect, it, vi } from 'vitest'
import { LedgerError } from '../../../server/domain/errors'
import { HeapWatch, IDLE_COLLECT_MS, memoryLevel, type HeapReading } from '../../../server/memory/heap-watch'

const MB = 1024 * 1024

/** A watch over a heap whose reading the test sets. */
function watched(reading: HeapReading, live = { bytes: 0, collections: 0 }) {
  const logs: string[] = []
  const levels: string[] = []
  const collect = () => {
    live.collections++
    reading.used = live.bytes
  }
  const heap = new HeapWatch(() => reading, (m) => logs.push(m), collect)
  heap.onLevel = (l) => levels.push(l)
  return { heap, logs, levels, reading, live }
}

describe('memoryLevel', () => {
  it('is ok below 60% of the limit, high from 60%, full from 75%', () => {
    expect([memoryLevel(59.9, 100), memoryLevel(60, 100), memoryLevel(74.9, 100), memoryLevel(75, 100)]).toEqual(['ok', 'high', 'high', 'full'])
  })
})

describe('HeapWatch', () => {
  it('says the live heap and the limit in MiB, and changes level only after a full collection', () => {
    const w = watched({ used: 100 * MB, limit: 1000 * MB })
    expect(w.heap.status()).toEqual({ level: 'ok', heapUsedMb: 100, heapLimitMb: 1000 })
    // Garbage before a collection is not live data.
    w.reading.used = 950 * MB
    expect(w.heap.status().level).toBe('ok')
    w.heap.collected()
    expect(w.heap.status()).toEqual({ level: 'full', heapUsedMb: 950, heapLimitMb: 1000 })
  })

  it('logs each change of level once, in words that say what to do, and tells its listener', () => {
    const w = watched({ used: 100 * MB, limit: 1000 * MB })
    for (const used of [650, 660, 760, 770, 650, 100]) {
      w.reading.used = used * MB
      w.heap.collected()
    }
    expect(w.levels).toEqual(['high', 'full', 'high', 'ok'])
    expect(w.logs).toHaveLength(4)
    expect(w.logs[0]).toMatch(/memory high: the ledger uses 650 of 1000 MiB heap \(65%\); give the server a larger heap \(LOTLEDGER_HEAP_MB\)/)
    expect(w.logs[1]).toMatch(/memory full: .*writes are refused/)
    expect(w.logs[2]).toMatch(/writes are taken again/)
    expect(w.logs[3]).toMatch(/memory back to normal/)
  })

  it('admits a write that leaves the live heap under 75% of the limit, and refuses one that would not with memory_full', () => {
    const w = watched({ used: 650 * MB, limit: 1000 * MB })
    expect(() => w.heap.admit(99 * MB, 'POST /operations')).not.toThrow()
    let refused: unknown
    try {
      w.heap.admit(100 * MB, 'POST /imports')
    } catch (err) {
      refused = err
    }
    expect(refused).toBeInstanceOf(LedgerError)
    expect((refused as LedgerError).code).toBe('memory_full')
    expect((refused as LedgerError).message).toMatch(/uses 650 of its 1000 MiB heap, so POST \/imports was refused \(it would need about 100 MiB more\) and nothing was changed.*LOTLEDGER_HEAP_MB/)
  })

  it('collects after a write once the heap in use passes the warning line, so that the warning comes before the heap is full', () => {
    const w = watched({ used: 100 * MB, limit: 1000 * MB }, { bytes: 500 * MB, collections: 0 })
    // Under the line, garbage or not: no collection.
    w.reading.used = 590 * MB
    w.heap.afterWrite()
    expect(w.live.collections).toBe(0)
    // Past it: one collection, which finds the live heap under it.
    w.reading.used = 610 * MB
    w.heap.afterWrite()
    expect([w.live.collections, w.heap.status().level, w.logs]).toEqual([1, 'ok', []])
    // Not again until the heap in use has grown by 5% of the limit since.
    w.reading.used = 640 * MB
    w.heap.afterWrite()
    expect(w.live.collections).toBe(1)
    w.live.bytes = 620 * MB
    w.reading.used = 670 * MB
    w.heap.afterWrite()
    expect([w.live.collections, w.heap.status().level]).toEqual([2, 'high'])
    expect(w.logs).toEqual([expect.stringMatching(/memory high: the ledger uses 620 of 1000 MiB heap \(62%\); give the server a larger heap/)])
    // Warned: V8's own collections take it from there.
    w.reading.used = 900 * MB
    w.heap.afterWrite()
    expect(w.live.collections).toBe(2)
  })

  it('reads the live heap as its own collection ends, and logs the change of level', () => {
    const w = watched({ used: 700 * MB, limit: 1000 * MB }, { bytes: 300 * MB, collections: 0 })
    w.heap.collected()
    expect(w.heap.status().level).toBe('high')
    w.heap.collectNow()
    expect([w.live.collections, w.heap.status()]).toEqual([1, { level: 'ok', heapUsedMb: 300, heapLimitMb: 1000 }])
    expect(w.logs.at(-1)).toMatch(/memory back to normal: the ledger uses 300 of 1000 MiB heap/)
  })

  it("raises the level V8's own collection suggests only once a collection of its own confirms it, and takes a lower reading at once", async () => {
    const w = watched({ used: 100 * MB, limit: 1000 * MB }, { bytes: 300 * MB, collections: 0 })
    // Read late, V8's collection held a large read's objects: 700 MB, though 300 MB are live.
    w.reading.used = 700 * MB
    w.heap.reported()
    expect([w.heap.status().level, w.live.collections]).toEqual(['ok', 0])
    await new Promise((resolve) => setImmediate(resolve))
    expect([w.heap.status(), w.live.collections, w.logs]).toEqual([{ level: 'ok', heapUsedMb: 300, heapLimitMb: 1000 }, 1, []])
    // Within 5 s of that confirmation, another such reading is left as it is.
    w.reading.used = 800 * MB
    w.heap.reported()
    await new Promise((resolve) => setImmediate(resolve))
    expect([w.heap.status().level, w.live.collections]).toEqual(['ok', 1])
    // A lower reading is the live heap at most: taken at once.
    w.reading.used = 200 * MB
    w.heap.reported()
    expect([w.heap.status().heapUsedMb, w.live.collections]).toEqual([200, 1])
  })
})

describe('HeapWatch after a large write', () => {
  it('collects at once what an import left while the live heap is small, so that the next import does not stack on it', () => {
    const w = watched({ used: 60 * MB, limit: 4000 * MB }, { bytes: 60 * MB, collections: 0 })
    // A JSON write: V8 is left to collect its garbage.
    w.reading.used = 120 * MB
    w.heap.afterWrite(1 * MB)
    expect(w.live.collections).toBe(0)
    // An import of a 4 MB workbook (256 MB expected) that left 200 MB of garbage.
    w.reading.used = 260 * MB
    w.heap.afterWrite(256 * MB)
    expect([w.live.collections, w.reading.used, w.heap.status().heapUsedMb]).toEqual([1, 60 * MB, 60])
    // V8 collected during the next one, while its objects were still in use: that reading is no
    // measure of what the import left, and a collection after it finds the live heap again.
    w.reading.used = 180 * MB
    w.heap.reported()
    w.reading.used = 210 * MB
    w.heap.afterWrite(256 * MB)
    expect([w.live.collections, w.heap.status().heapUsedMb]).toEqual([2, 60])
  })

  it('leaves the garbage of a large write to V8 when the live heap is large, where a collection takes seconds', () => {
    const w = watched({ used: 300 * MB, limit: 4000 * MB }, { bytes: 300 * MB, collections: 0 })
    w.heap.collected()
    w.reading.used = 900 * MB
    w.heap.afterWrite(256 * MB)
    expect(w.live.collections).toBe(0)
  })
})

describe('HeapWatch after a snapshot', () => {
  afterEach(() => {
    vi.useRealTimers()
  })
  const idleWatch = () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
    // The cut's copies: 900 MB in use, 600 MB live.
    return watched({ used: 900 * MB, limit: 2000 * MB }, { bytes: 600 * MB, collections: 0 })
  }

  it('collects what the cut left once no write has come for a while', () => {
    const w = idleWatch()
    w.heap.afterWrite()
    w.heap.afterSnapshot()
    vi.advanceTimersByTime(IDLE_COLLECT_MS - 1)
    expect(w.live.collections).toBe(0)
    vi.advanceTimersByTime(1)
    expect([w.live.collections, w.heap.status().heapUsedMb]).toEqual([1, 600])
    vi.advanceTimersByTime(10 * IDLE_COLLECT_MS)
    expect(w.live.collections).toBe(1)
  })

  it('collects at once when no write has come for that long already', () => {
    const w = idleWatch()
    w.heap.afterWrite()
    vi.advanceTimersByTime(IDLE_COLLECT_MS)
    w.heap.afterSnapshot()
    expect(w.live.collections).toBe(0)
    vi.advanceTimersByTime(0)
    expect(w.live.collections).toBe(1)
  })

  it('waits while writes come, and collects once for two snapshots in a row', () => {
    const w = idleWatch()
    w.heap.afterWrite()
    w.heap.afterSnapshot()
    vi.advanceTimersByTime(3_000)
    w.heap.afterWrite()
    vi.advanceTimersByTime(IDLE_COLLECT_MS - 1)
    expect(w.live.collections).toBe(0)
    w.heap.afterSnapshot()
    vi.advanceTimersByTime(IDLE_COLLECT_MS)
    expect(w.live.collections).toBe(1)
    vi.advanceTimersByTime(10 * IDLE_COLLECT_MS)
    expect(w.live.collections).toBe(1)
  })

  it("needs no collection of its own once one of V8's begun after the snapshot is reported, and still does after one begun before", () => {
    const w = idleWatch()
    w.heap.afterWrite()
    vi.advanceTimersByTime(1_000)
    w.heap.afterSnapshot()
    const storedAt = performance.now()
    // Reported late: begun while the snapshot was written, its copies still in use.
    w.heap.collectionsReported([storedAt - 500])
    vi.advanceTimersByTime(IDLE_COLLECT_MS)
    expect(w.live.collections).toBe(1)
    w.heap.afterSnapshot()
    w.heap.collectionsReported([performance.now() + 1])
    vi.advanceTimersByTime(10 * IDLE_COLLECT_MS)
    expect(w.live.collections).toBe(1)
  })

  it('makes no idle collection once one of its own has run since the snapshot', () => {
    const w = idleWatch()
    w.heap.afterWrite()
    w.heap.afterSnapshot()
    w.heap.collectNow()
    vi.advanceTimersByTime(10 * IDLE_COLLECT_MS)
    expect(w.live.collections).toBe(1)
  })

  it('collects nothing once stopped', () => {
    const w = idleWatch()
    w.heap.afterWrite()
    w.heap.afterSnapshot()
    w.heap.stop()
    vi.advanceTimersByTime(10 * IDLE_COLLECT_MS)
    expect(w.live.collections).toBe(0)
  })
})

describe('HeapWatch after the ledger is loaded', () => {
  afterEach(() => {
    vi.useRealTimers()
  })
  const loaded = (usedMb: number, liveMb: number) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
    return watched({ used: usedMb * MB, limit: 1000 * MB }, { bytes: liveMb * MB, collections: 0 })
  }

  it('takes a heap under the warning line, garbage and all, as fitting, and collects the garbage once no write has come for a while', () => {
    const w = loaded(550, 350)
    w.heap.afterLoad()
    expect([w.live.collections, w.heap.status()]).toEqual([0, { level: 'ok', heapUsedMb: 550, heapLimitMb: 1000 }])
    // Counted from the load, not from a write long before; a write after it starts the wait again.
    vi.advanceTimersByTime(3_000)
    w.heap.afterWrite()
    const collectionsAt = [IDLE_COLLECT_MS - 1, 1, 10 * IDLE_COLLECT_MS].map((ms) => {
      vi.advanceTimersByTime(ms)
      return [w.live.collections, w.heap.status().heapUsedMb]
    })
    expect(collectionsAt).toEqual([[0, 550], [1, 350], [1, 350]])
  })

  it('collects at once when the heap in use is past the warning line, and a full one is told to the start', () => {
    const fits = loaded(700, 300)
    fits.heap.afterLoad()
    expect([fits.live.collections, fits.heap.status().level, fits.levels]).toEqual([1, 'ok', []])
    vi.useRealTimers()
    const full = loaded(800, 760)
    full.heap.afterLoad()
    expect([full.live.collections, full.levels]).toEqual([1, ['full']])
  })

  it('collects before it refuses a write on the reading with garbage', () => {
    const w = loaded(590, 300)
    w.heap.afterLoad()
    expect(w.heap.roomForSnapshot()).toBe(true)
    // 590 + 200 MB would pass 75% of the limit; the live 300 + 200 do not.
    expect(() => w.heap.admit(200 * MB, 'POST /imports')).not.toThrow()
    expect([w.live.collections, w.heap.status().heapUsedMb]).toEqual([1, 300])
    // Collected, the reading is the live heap: a write too large for it is refused without another collection.
    expect(() => w.heap.admit(500 * MB, 'POST /imports')).toThrow(/memory is full/)
    expect(w.live.collections).toBe(1)
  })
})
