/**
 * How full the server's heap is, and the refusal of a write that would overfill it. The whole
 * ledger lives in memory: past V8's heap limit the process dies mid-write, and a restart would need
 * the same heap to load it again. So the server warns well before (log and `GET /health`) and
 * refuses a write it cannot hold with `memory_full`, changing nothing.
 *
 * What counts is the heap still used after the last full (mark-sweep) collection: the live data.
 * The heap used at any other moment also holds garbage, and a write refused for garbage that the
 * next collection frees would be refused wrongly.
 */
import { PerformanceObserver, constants, type NodeGCPerformanceDetail, type PerformanceEntry } from 'node:perf_hooks'
import { getHeapStatistics } from 'node:v8'
import { LedgerError } from '../domain/errors'
import { fullCollection } from './full-collection'
import { FULL_RATIO, HIGH_RATIO, LEVELS, levelMessage, memoryLevel, type MemoryLevel } from './memory-level'

export { memoryLevel, type MemoryLevel } from './memory-level'

/**
 * Heap a snapshot's cut takes for a while, as a share of the live heap, with room to spare: it
 * copies each lot's product, name and shared records and each quant's fields as columns (they
 * change after the cut), about 50 bytes a lot where a ledger in which each move brings its lot
 * holds about 300 a move; moves are written as they are.
 */
export const SNAPSHOT_SHARE = 0.25

/**
 * Growth of the heap in use, as a share of the limit, between two collections that a write asks
 * for (see `afterWrite`): each such collection takes a moment, so not after every write.
 */
const CHECK_STEP = 0.05

/** Least time between two collections that confirm a higher level V8's own collection suggested. */
const CONFIRM_EVERY_MS = 5_000

/** How long a server must have taken no write before it collects what a load or a snapshot's cut left (see `afterLoad`, `afterSnapshot`). */
export const IDLE_COLLECT_MS = 5_000

const MB = 1024 * 1024

/**
 * A write expected to take this much heap or more: an import of a workbook of a megabyte or more
 * (see memory-guard.ts). Its rows, its plan and exceljs's work are garbage once it is answered,
 * several times the ledger's own heap when the ledger is small.
 */
const LARGE_WRITE_BYTES = 64 * MB

/**
 * Live heap under which a full collection is cheap: about 25 ms with 100 MiB live, and its time
 * grows with the live heap. V8 lets the heap grow to about four times what its last collection
 * left before it collects again, so an import's garbage stayed until the next import was well
 * under way, and the two together took the process past 600 MB where one alone takes 450.
 * A large ledger's heap (seconds a collection) is left to V8: there an import's garbage is a
 * small share of it.
 */
const CHEAP_COLLECTION_BYTES = 256 * MB

/** What GET /health says of memory. */
export interface MemoryStatus {
  level: MemoryLevel
  /** Live heap (after the last full collection; until the first one after a load, the heap in use then), in MiB. */
  heapUsedMb: number
  /** What the ledger may grow to: V8's heap limit less its young generation's reserve, in MiB. */
  heapLimitMb: number
}

/** A reading of the heap, in bytes: `used` now, `limit` V8's. */
export interface HeapReading {
  used: number
  limit: number
}

/**
 * V8's heap limit counts the young generation's reserve (three 16 MiB semi-spaces on 64-bit
 * Node), which never holds the ledger: what lasts must fit in the old generation, the rest.
 */
const YOUNG_GENERATION_BYTES = 48 * MB

function readV8(): HeapReading {
  const s = getHeapStatistics()
  return { used: s.used_heap_size, limit: Math.max(s.heap_size_limit - YOUNG_GENERATION_BYTES, s.heap_size_limit / 2) }
}

/** Watches the heap after each full collection; one per process (see {@link processHeap}). */
export class HeapWatch {
  readonly #read: () => HeapReading
  readonly #log: (message: string) => void
  readonly #collect: () => void
  #live: number
  /** `#live` is the heap in use after the load, garbage included, not yet collected (see `afterLoad`). */
  #estimated = false
  /** The heap in use when a write last asked for a collection (0: none since the level changed). */
  #checkedAt = 0
  /** When `collectNow` last read the heap (`performance.now()`): collections before are known. */
  #readAt = -1
  /** A collection to confirm a higher level is on its way; when the last one ran. */
  #confirming = false
  #confirmedAt = -Infinity
  #level: MemoryLevel = 'ok'
  #observer: PerformanceObserver | null = null
  #snapshotsPutOff = false
  /** When the last write was taken (`performance.now()`). */
  #wroteAt = -Infinity
  /** The collection waiting for the server to be idle after a load or a snapshot, if any, and when that garbage was left. */
  #idleTimer: NodeJS.Timeout | null = null
  #garbageAt = Infinity
  /** Called after the log line when the level changes (the server stops a start that cannot fit). */
  onLevel: ((level: MemoryLevel) => void) | null = null

  /** `collect`: a full collection, which makes the observed heap call `collected`, or tests call it. */
  constructor(read: () => HeapReading = readV8, log: (message: string) => void = console.error, collect: () => void = fullCollection) {
    this.#read = read
    this.#log = log
    this.#collect = collect
    this.#live = read().used
  }

  /** Follows V8's full collections from now on (a no-op when already following). */
  start(): this {
    if (this.#observer) return this
    // Entries come a while after their collection, and the heap read then holds what was made
    // since: a collection `collectNow` read at once is not read again.
    this.#observer = new PerformanceObserver((list) => {
      const full = list.getEntries().filter((e: PerformanceEntry & { detail?: NodeGCPerformanceDetail }) =>
        e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)
      if (full.length > 0) this.collectionsReported(full.map((e) => e.startTime))
    })
    this.#observer.observe({ entryTypes: ['gc'] })
    return this
  }

  stop(): void {
    this.#observer?.disconnect()
    this.#observer = null
    this.#cancelIdleCollection()
  }

  /**
   * V8 reported full collections of its own, begun at `startTimes` (`performance.now()`): those
   * before the last collection `collectNow` read are known already. One begun after a snapshot was
   * stored (or the ledger loaded) freed its copies, so the collection waiting for an idle server is
   * not needed; one begun before found them still in use.
   */
  collectionsReported(startTimes: readonly number[]): void {
    const unread = startTimes.filter((t) => t > this.#readAt)
    if (unread.length === 0) return
    if (unread.some((t) => t > this.#garbageAt)) this.#cancelIdleCollection()
    this.reported()
  }

  /**
   * V8 reported a full collection of its own. Read now, the heap also holds what was made since,
   * and a collection in the middle of a large read (a stock list of 400,000 quants) keeps that
   * read's objects: a reading that would raise the level is confirmed by a collection of the
   * server's own once the current work is done (at most every {@link CONFIRM_EVERY_MS}; until
   * then the level stays). A lower one is taken as it is: the live heap is at most that.
   */
  reported(): void {
    const reading = this.#read()
    if (LEVELS.indexOf(memoryLevel(reading.used, reading.limit)) <= LEVELS.indexOf(this.#level)) return this.collected(reading)
    const now = performance.now()
    if (this.#confirming || now - this.#confirmedAt < CONFIRM_EVERY_MS) return
    this.#confirming = true
    setImmediate(() => {
      this.#confirming = false
      this.#confirmedAt = performance.now()
      this.collectNow()
    })
  }

  /** After a full collection: the heap used now (`reading`) is the live data. Logs when the level changes. */
  collected(reading: HeapReading = this.#read()): void {
    const { used, limit } = reading
    this.#live = used
    this.#estimated = false
    const level = memoryLevel(used, limit)
    if (level !== this.#level) {
      const was = this.#level
      this.#level = level
      this.#checkedAt = 0
      this.#log(levelMessage(level, was, used, limit))
      this.onLevel?.(level)
    }
  }

  /**
   * After a write: when the heap in use (garbage included) has passed the warning line while the
   * last full collection found the live heap under it, collects now to learn where the live heap
   * is. V8 collects in full only when the heap has grown by a good share since the last time, so
   * its next collection could find the heap already full, and the warning would come too late.
   * Again only once the heap in use has grown by {@link CHECK_STEP} of the limit since.
   *
   * A large write (`took`: the heap it was expected to take, at least {@link LARGE_WRITE_BYTES})
   * is collected after at once when the live heap is small enough for that to be cheap (see
   * {@link CHEAP_COLLECTION_BYTES}). Whatever the heap in use says then: a collection of V8's
   * own during the write counted the write's objects as live, and its reading stands until now.
   */
  afterWrite(took = 0): void {
    this.#wroteAt = performance.now()
    if (this.#level !== 'ok') return
    const { used, limit } = this.#read()
    if (took >= LARGE_WRITE_BYTES && this.#live < CHEAP_COLLECTION_BYTES) return this.collectNow()
    if (used < limit * HIGH_RATIO || used < this.#checkedAt + limit * CHECK_STEP) return
    this.collectNow()
    if (this.#level === 'ok') this.#checkedAt = used
  }

  /**
   * A full collection now, and the live heap read as it ends. Logs when the level changes.
   */
  collectNow(): void {
    // Whatever asked for it, it frees a snapshot's copies too.
    this.#cancelIdleCollection()
    this.#collect()
    this.#readAt = performance.now()
    this.collected()
  }

  /**
   * After the ledger is loaded, which leaves parsed parts behind (a quarter of the heap at 10M moves,
   * which an idle server would keep, as V8 collects on allocation). When the heap in use, garbage
   * included, is under the warning line, the ledger fits: that reading stands for the live heap
   * (which is at most that; a snapshot's cut has room under it too) and the garbage is collected
   * once the server has taken no write for {@link IDLE_COLLECT_MS}, rather than before it listens
   * (1 to 2 s at 10M moves). Otherwise a collection now says where the live heap is, and whether
   * the ledger fits.
   */
  afterLoad(): void {
    const reading = this.#read()
    if (memoryLevel(reading.used, reading.limit) !== 'ok') return this.collectNow()
    this.#live = reading.used
    this.#estimated = true
    this.#collectWhenIdle(performance.now())
  }

  /**
   * After a snapshot is on disk: its cut copied the lots' names and records and the quants (about
   * 50 bytes a lot), garbage now. V8 collects when the program allocates, so an idle server kept
   * them (at 10M moves, 0.7 GB of RSS after a start that wrote a snapshot). Collects once no write
   * has come for {@link IDLE_COLLECT_MS} (at once when none came for that long already); a busy
   * server's own collections free them first, and one of V8's makes this one needless.
   */
  afterSnapshot(): void {
    this.#collectWhenIdle(-Infinity)
  }

  /** Collects once no write has come for {@link IDLE_COLLECT_MS}, counted from `quietFrom` at the earliest. */
  #collectWhenIdle(quietFrom: number): void {
    this.#cancelIdleCollection()
    this.#garbageAt = performance.now()
    const quiet = () => performance.now() - Math.max(this.#wroteAt, quietFrom)
    const wait = () => {
      this.#idleTimer = setTimeout(() => {
        if (quiet() < IDLE_COLLECT_MS) return wait()
        this.#idleTimer = null
        this.collectNow()
      }, Math.max(0, IDLE_COLLECT_MS - quiet())).unref()
    }
    wait()
  }

  #cancelIdleCollection(): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer)
    this.#idleTimer = null
  }

  /** The level and figures, for GET /health. */
  status(): MemoryStatus {
    const { limit } = this.#read()
    return { level: memoryLevel(this.#live, limit), heapUsedMb: Math.round(this.#live / MB), heapLimitMb: Math.round(limit / MB) }
  }

  /**
   * True when a snapshot may be cut now: its copy fits under {@link FULL_RATIO} of the limit. Put
   * off, a snapshot only makes the next start replay more of the journal; cut, it could take the
   * heap past its limit. Logs when snapshots are put off and when they go on.
   */
  roomForSnapshot(): boolean {
    const { limit } = this.#read()
    const room = this.#live * (1 + SNAPSHOT_SHARE) < limit * FULL_RATIO
    if (room === this.#snapshotsPutOff) {
      this.#snapshotsPutOff = !room
      this.#log(room
        ? 'lotledger: snapshots go on: the heap has room for them again'
        : `lotledger: snapshots put off: the ledger uses ${Math.round(this.#live / MB)} of ${Math.round(limit / MB)} MiB heap, too much to copy it; a restart replays the journal since the last one (give the server a larger heap: LOTLEDGER_HEAP_MB)`)
    }
    return room
  }

  /**
   * Refuses (507 `memory_full`) a write expected to need `bytes` more when the live heap plus
   * them would pass {@link FULL_RATIO} of the limit. Nothing has been changed when it throws.
   */
  admit(bytes: number, what: string): void {
    const { limit } = this.#read()
    if (this.#estimated && this.#live + bytes >= limit * FULL_RATIO) this.collectNow()
    if (this.#live + bytes < limit * FULL_RATIO) return
    const needs = bytes >= MB ? ` (it would need about ${Math.ceil(bytes / MB)} MiB more)` : ''
    throw new LedgerError('memory_full',
      `the server's memory is full: the ledger uses ${Math.round(this.#live / MB)} of its ${Math.round(limit / MB)} MiB heap, so ${what} was refused${needs} and nothing was changed. ` +
      'Restart the server with a larger heap (LOTLEDGER_HEAP_MB, see README), or send a smaller import')
  }
}

let shared: HeapWatch | null = null

/** The process's own watch, started on first use. */
export function processHeap(): HeapWatch {
  shared ??= new HeapWatch().start()
  return shared
}
