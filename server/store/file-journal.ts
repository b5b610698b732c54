/**
 * The embedded store: an append-only journal file. Each record is one line,
 * `<crc32 hex> <json>\n`. A write appends the new lines and fdatasyncs before it resolves; writes
 * that arrive while a flush is running are appended together by the next one (group commit).
 *
 * Crash safety: a record is acknowledged only after its flush, so a crash can leave at most a
 * torn last line. Reading drops such a tail (and says so) and truncates it off; a damaged line
 * followed by good ones is corruption, and reading refuses to guess.
 */
import { open, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import { syncDirectory } from './durable-fs'
import { fileLines } from './file-lines'
import { GroupCommit } from './group-commit'
import { CRC_CHARS, decodeLine, encodeRecordChunks, writeAll } from './journal-line'
import { LineArena } from './line-arena'
import type { Journaled, JournalAdapter, Sequenced } from './journal'
import { JournalSnapshots, SNAPSHOT_AFTER_START_MS, type LoadedSnapshot, type SnapshotPolicy } from './journal-snapshots'
import type { SnapshotCodec } from './snapshot-file'


/** Raised when the journal is damaged somewhere other than its last line. */
export class JournalCorruptError extends Error {
  constructor(path: string, offset: number, reason: string) {
    super(`journal ${path} is damaged at byte ${offset} (${reason}); restore it from a backup`)
    this.name = 'JournalCorruptError'
  }
}

export interface FileJournalOptions {
  /** Where "dropped a torn last record" and similar notices go. */
  log?: (message: string) => void
  /** Skip fdatasync: only for generating benchmark fixtures. */
  unsafeNoSync?: boolean
}

/** Snapshots for a FileJournal: how to cut and restore the state, and how often. */
export interface FileJournalSnapshots<T> extends SnapshotPolicy {
  codec: SnapshotCodec<T>
}

/** A record encoded, waiting for its flush. */
interface QueuedLine {
  seq: number
  chunks: Buffer[]
  length: number
}

export class FileJournal<T extends Journaled<R>, R extends Sequenced> implements JournalAdapter<T, R> {
  readonly path: string
  readonly #create: () => T
  readonly #log: (message: string) => void
  readonly #sync: boolean
  #fh: FileHandle | null = null
  #size = 0
  /** Byte offset and length of each durable record's JSON, index = seq - 1. */
  #offsets = new Float64Array(1024)
  #lengths = new Uint32Array(1024)
  #durableSeq = 0
  /** Room for the lines on their way to the file. */
  readonly #arena = new LineArena()
  readonly #commit: GroupCommit<QueuedLine> = new GroupCommit({
    durableSeq: () => this.#durableSeq,
    append: (batch) => this.#append(batch),
    failed: (err) => (this.#failed = new Error(`journal write failed: ${(err as Error).message}`, { cause: err })),
    // After the writers just acknowledged have answered: cutting a snapshot takes a while.
    flushed: () => {
      this.#snapshotCheck ??= new Promise((resolve) => {
        setImmediate(() => {
          this.#snapshotCheck = null
          this.#maybeSnapshot()
          resolve()
        })
      })
    },
  })
  #failed: Error | null = null
  /** The state written last (snapshots are cut from it). */
  #state: T | null = null
  readonly #snapshots: JournalSnapshots<T> | null
  readonly #snapshotAfterStartMs: number
  #snapshotting: Promise<void> | null = null
  /** A check for a due snapshot, waiting for the acknowledged writers to answer first. */
  #snapshotCheck: Promise<void> | null = null
  #closed = false
  #startTimer: ReturnType<typeof setTimeout> | null = null
  /** Number of flushes (append + fdatasync) done; shows group commit at work. */
  flushes = 0

  constructor(path: string, create: () => T, options: FileJournalOptions & { snapshots?: FileJournalSnapshots<T> } = {}) {
    this.path = path
    this.#create = create
    this.#log = options.log ?? ((m) => console.warn(m))
    this.#sync = !options.unsafeNoSync
    this.#snapshots = options.snapshots ? new JournalSnapshots(snapshotPath(path), options.snapshots.codec, options.snapshots) : null
    this.#snapshotAfterStartMs = options.snapshots?.afterStartMs ?? SNAPSHOT_AFTER_START_MS
  }

  /** Record position of the newest snapshot on disk (0: none). */
  get snapshotSeq(): number {
    return this.#snapshots?.seq ?? 0
  }

  get durableSeq(): number {
    return this.#durableSeq
  }

  /** Bytes in the journal file. */
  get size(): number {
    return this.#size
  }

  async read(): Promise<T | null> {
    // Reading rebuilds everything from the file: forget what an earlier read indexed.
    this.#durableSeq = 0
    this.#size = 0
    let fh: FileHandle
    try {
      fh = await open(this.path, 'r+')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw err
    }
    try {
      const snapshot = await this.#loadSnapshot(fh)
      const state = snapshot?.state ?? this.#create()
      const end = await this.#replay(fh, state, snapshot?.bytes ?? 0)
      if (end < (await fh.stat()).size) {
        await fh.truncate(end)
        await fh.datasync()
      }
      this.#size = end
      if (this.#durableSeq === 0) return null
      this.#state = state
      // A snapshot that is already due waits until the server is up: the start stays short.
      this.#startTimer = setTimeout(() => this.#maybeSnapshot(), this.#snapshotAfterStartMs)
      this.#startTimer.unref()
      return state
    } finally {
      await fh.close()
    }
  }

  /** The snapshot, when there is one that matches this journal; its records get indexed. */
  async #loadSnapshot(fh: FileHandle): Promise<LoadedSnapshot<T> | null> {
    if (!this.#snapshots) return null
    let snapshot: LoadedSnapshot<T> | null
    try {
      snapshot = await this.#snapshots.load()
    } catch (err) {
      this.#log(`journal ${this.path}: snapshot unusable (${(err as Error).message}); replaying the whole journal`)
      return null
    }
    if (!snapshot) return null
    let offset = 0
    for (let seq = 1; seq <= snapshot.seq; seq++) {
      const length = snapshot.lengths[seq - 1]
      this.#index(seq, offset + CRC_CHARS + 1, length)
      offset += CRC_CHARS + 1 + length + 1
    }
    if (offset === snapshot.bytes && (await this.#recordAt(fh, snapshot.seq)) === snapshot.seq) return snapshot
    this.#log(`journal ${this.path}: snapshot does not match the journal; replaying the whole journal`)
    this.#durableSeq = 0
    this.#snapshots.seq = 0
    this.#snapshots.bytes = 0
    return null
  }

  /** The seq of the indexed record `seq` as the file holds it, or null when that line is not it. */
  async #recordAt(fh: FileHandle, seq: number): Promise<number | null> {
    const start = this.#offsets[seq - 1] - CRC_CHARS - 1
    const line = Buffer.alloc(CRC_CHARS + 1 + this.#lengths[seq - 1])
    const { bytesRead } = await fh.read(line, 0, line.length, start)
    const decoded = bytesRead === line.length ? decodeLine(line) : null
    return decoded ? (decoded.value as Sequenced).seq : null
  }

  /** Replays every good line; returns the byte length of the good prefix. */
  async #replay(fh: FileHandle, state: T, from: number): Promise<number> {
    const fileSize = (await fh.stat()).size
    const lines = fileLines(fh, from)
    let next = await lines.next()
    for (; !next.done; next = await lines.next()) {
      for (const { bytes, offset } of next.value) {
        const decoded = decodeLine(bytes)
        if (!decoded) return this.#damaged(fh, offset, fileSize, 'checksum or JSON')
        const rec = decoded.value as R
        if (rec.seq !== this.#durableSeq + 1) return this.#damaged(fh, offset, fileSize, `expected record ${this.#durableSeq + 1}`)
        state.replay(rec)
        this.#index(rec.seq, offset + CRC_CHARS + 1, decoded.json.length)
      }
    }
    const goodEnd = next.value
    if (goodEnd < fileSize) this.#log(`journal ${this.path}: dropped a torn last record (${fileSize - goodEnd} bytes at byte ${goodEnd})`)
    return goodEnd
  }

  /** A bad line: the torn tail of a crash if nothing good follows, else corruption. */
  async #damaged(fh: FileHandle, offset: number, fileSize: number, reason: string): Promise<number> {
    for await (const lines of fileLines(fh, offset)) {
      for (const { bytes, offset: at } of lines) {
        if (at > offset && decodeLine(bytes)) throw new JournalCorruptError(this.path, offset, `${reason}; valid records follow it`)
      }
    }
    this.#log(`journal ${this.path}: dropped a torn last record (${fileSize - offset} bytes at byte ${offset}: ${reason})`)
    return offset
  }

  #index(seq: number, offset: number, length: number): void {
    if (seq > this.#offsets.length) {
      const grow = (n: number) => Math.max(n * 2, seq)
      const offsets = new Float64Array(grow(this.#offsets.length))
      offsets.set(this.#offsets)
      this.#offsets = offsets
      const lengths = new Uint32Array(grow(this.#lengths.length))
      lengths.set(this.#lengths)
      this.#lengths = lengths
    }
    this.#offsets[seq - 1] = offset
    this.#lengths[seq - 1] = length
    this.#durableSeq = seq
  }

  async write(data: T): Promise<void> {
    if (this.#failed) throw this.#failed
    this.#state = data
    for (const rec of data.drainRecords()) {
      const chunks = encodeRecordChunks(rec, { arena: this.#arena, seq: rec.seq })
      this.#commit.push({ seq: rec.seq, chunks, length: chunks.reduce((n, c) => n + c.length, 0) })
    }
    return this.#commit.durable()
  }

  /** Starts a snapshot in the background when one is due and the state matches the journal. */
  #maybeSnapshot(): void {
    if (!this.#snapshots || this.#snapshotting || this.#commit.flushing || this.#closed || this.#failed || !this.#state || this.#commit.pending > 0) return
    if (this.#snapshots.due(this.#durableSeq, this.#size)) void this.#startSnapshot()
  }

  /** The one way a snapshot starts: never two at once (they would share the temporary file). */
  #startSnapshot(): Promise<void> {
    this.#snapshotting ??= this.#snapshot().then((saved) => {
      this.#snapshotting = null
      // Writes that came during the snapshot may make the next one due already. A cut that did
      // not match the journal (the state ran ahead) waits for the flush that catches up: trying
      // again at once would spin.
      if (saved) this.#maybeSnapshot()
    })
    return this.#snapshotting
  }

  /** Writes a snapshot; false when none was written (the state ran ahead of the journal, or an error). */
  async #snapshot(): Promise<boolean> {
    try {
      return await this.#snapshots!.save(this.#state!, this.#durableSeq, this.#size, this.#lengths)
    } catch (err) {
      // Only the restart gets slower: the journal stays complete.
      this.#log(`journal ${this.path}: snapshot failed: ${(err as Error).message}`)
      return false
    }
  }

  async #append(batch: QueuedLine[]): Promise<void> {
    if (!this.#fh) {
      this.#fh = await open(this.path, 'a+')
      // The file may be new: make its directory entry durable too.
      await syncDirectory(dirname(this.path))
    }
    await writeAll(this.#fh, batch.flatMap((b) => b.chunks))
    // Written out: the lines' room is used again.
    this.#arena.written(batch[batch.length - 1].seq)
    if (this.#sync) await this.#fh.datasync()
    this.flushes++
    let offset = this.#size
    for (const b of batch) {
      this.#index(b.seq, offset + CRC_CHARS + 1, b.length - CRC_CHARS - 2)
      offset += b.length
    }
    this.#size = offset
  }

  async readRecords(seqs: readonly number[]): Promise<R[]> {
    for (const seq of seqs) if (seq < 1 || seq > this.#durableSeq) throw new RangeError(`no durable record ${seq}`)
    if (seqs.length === 0) return []
    const fh = this.#fh ?? (await open(this.path, 'r'))
    try {
      const out: R[] = []
      for (const seq of seqs) {
        // The whole line, checksum included: a record a snapshot let us skip at start is checked here.
        const start = this.#offsets[seq - 1] - CRC_CHARS - 1
        const line = Buffer.allocUnsafe(CRC_CHARS + 1 + this.#lengths[seq - 1])
        await fh.read(line, 0, line.length, start)
        const decoded = decodeLine(line)
        if (!decoded || (decoded.value as Sequenced).seq !== seq) {
          throw new JournalCorruptError(this.path, start, `record ${seq} is damaged`)
        }
        out.push(decoded.value as R)
      }
      return out
    } finally {
      if (fh !== this.#fh) await fh.close()
    }
  }

  /** Resolves when no flush and no snapshot is running. */
  async idle(): Promise<void> {
    while (this.#commit.flushing || this.#snapshotCheck || this.#snapshotting) await (this.#commit.flushing ?? this.#snapshotCheck ?? this.#snapshotting)
  }

  async close(): Promise<void> {
    await this.idle()
    // A snapshot at a clean stop makes the next start fast.
    this.#closed = true
    if (this.#startTimer) clearTimeout(this.#startTimer)
    await this.idle()
    if (this.#snapshots && this.#state && !this.#failed && this.#durableSeq > this.#snapshots.seq) await this.#startSnapshot()
    await this.#fh?.close()
    this.#fh = null
  }
}

/** Where the snapshot of the journal at `journalPath` lives. */
export function snapshotPath(journalPath: string): string {
  return `${journalPath.replace(/\.ndjson$/, '')}.snapshot`
}
