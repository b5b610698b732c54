/**
 * Snapshots of a journaled state, so that a restart reads the latest snapshot and replays only
 * the journal written since. A snapshot holds the state (through its codec) and the lengths of
 * the journal lines it covers, so the journal index needs no scan either.
 */
import { ColumnScratch, toBase64 } from '../domain/typed-base64'
import { readSnapshotFile, writeSnapshotFile, type SnapshotCodec } from './snapshot-file'

const LENGTHS_CHUNK = 1_000_000

/**
 * Records between snapshots by default: what a restart after a crash replays at most. At a
 * million moves that is about a second of replay, against about three seconds of background
 * work per snapshot.
 */
export const SNAPSHOT_EVERY_RECORDS = 25_000

/** Default delay between a start and a snapshot that was already due then (SnapshotPolicy.afterStartMs). */
export const SNAPSHOT_AFTER_START_MS = 2_000

export interface SnapshotPolicy {
  /** Take a snapshot once this many records were written since the last one (default SNAPSHOT_EVERY_RECORDS). */
  everyRecords?: number
  /** ... or once the journal grew by this many bytes (default 256 MB). */
  everyBytes?: number
  /**
   * How long after a start a snapshot that is already due waits, so that the start itself stays
   * short (default SNAPSHOT_AFTER_START_MS). Tests shorten it rather than sleep past it.
   */
  afterStartMs?: number
}

/** A loaded snapshot: the state as of record `seq`, and where the journal goes on from. */
export interface LoadedSnapshot<T> {
  state: T
  seq: number
  /** Journal bytes covered (the first record after the snapshot starts here). */
  bytes: number
  /** JSON byte length of each covered record, index = seq - 1. */
  lengths: Uint32Array
}

/** `lengths`: as numbers (snapshots written before they were packed), or `packed`: Uint32 in base64. */
type JournalPart = { kind: 'journal'; seq: number; bytes: number } | { kind: 'journal-lengths'; lengths?: number[]; packed?: string }

export class JournalSnapshots<T> {
  readonly path: string
  readonly #codec: SnapshotCodec<T>
  readonly #everyRecords: number
  readonly #everyBytes: number
  /** Record and byte position of the newest snapshot on disk. */
  seq = 0
  bytes = 0

  constructor(path: string, codec: SnapshotCodec<T>, policy: SnapshotPolicy = {}) {
    this.path = path
    this.#codec = codec
    this.#everyRecords = policy.everyRecords ?? SNAPSHOT_EVERY_RECORDS
    this.#everyBytes = policy.everyBytes ?? 256 * 1024 * 1024
  }

  /** The snapshot on disk, or null when there is none. Throws when it is damaged or unreadable. */
  async load(): Promise<LoadedSnapshot<T> | null> {
    let parts: AsyncGenerator<unknown>
    try {
      parts = readSnapshotFile(this.path)
      const first = await parts.next()
      if (first.done) throw new Error(`snapshot ${this.path} is empty`)
      const head = first.value as JournalPart
      if (head.kind !== 'journal') throw new Error(`snapshot ${this.path} does not start with its journal position`)
      const lengths = new Uint32Array(head.seq)
      const scratch = new ColumnScratch()
      let filled = 0
      while (filled < head.seq) {
        const next = await parts.next()
        const part = next.value as JournalPart
        if (next.done || part.kind !== 'journal-lengths') throw new Error(`snapshot ${this.path} lacks journal lengths`)
        scratch.reset()
        const chunk = part.packed !== undefined ? scratch.read(part.packed, Uint32Array) : part.lengths ?? []
        if (filled + chunk.length > head.seq) throw new Error(`snapshot ${this.path} has more journal lengths than records`)
        lengths.set(chunk, filled)
        filled += chunk.length
      }
      const state = await this.#codec.restore({ [Symbol.asyncIterator]: () => parts })
      this.seq = head.seq
      this.bytes = head.bytes
      return { state, seq: head.seq, bytes: head.bytes, lengths }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw err
    }
  }

  /** True when enough was written since the last snapshot to take a new one. */
  due(seq: number, bytes: number): boolean {
    return seq - this.seq >= this.#everyRecords || (seq > this.seq && bytes - this.bytes >= this.#everyBytes)
  }

  /**
   * Writes a snapshot of `state`, which must be at journal record `seq` ending at byte `bytes`
   * (`lengths`: the JSON length of records 1..seq). Returns false when the state has moved on
   * past `seq`, so the cut would not match the journal, or when the codec may not cut now.
   */
  async save(state: T, seq: number, bytes: number, lengths: Uint32Array): Promise<boolean> {
    if (this.#codec.mayCut?.() === false) return false
    const cut = this.#codec.cut(state)
    if (cut.seq !== seq) return false
    const copy = lengths.slice(0, seq)
    function* parts(): Generator<unknown> {
      yield { kind: 'journal', seq, bytes } satisfies JournalPart
      for (let i = 0; i < copy.length; i += LENGTHS_CHUNK) {
        yield { kind: 'journal-lengths', packed: toBase64(copy.subarray(i, i + LENGTHS_CHUNK)) } satisfies JournalPart
      }
      yield* cut.parts
    }
    await writeSnapshotFile(this.path, parts())
    this.seq = seq
    this.bytes = bytes
    this.#codec.saved?.()
    return true
  }
}
