/**
 * The snapshot a crash can leave at worst: `behind` records older than the journal, the most the
 * snapshot policy lets it fall behind. Built once per ledger and kept beside it:
 * `node --import tsx bench/gen/trailing-snapshot.ts --dir <ledger dir> [--behind N]`.
 * It copies the journal up to `behind` records before its end into a scratch directory, lets a
 * store replay it and stop (the stop writes the snapshot), and keeps that snapshot.
 */
import { createReadStream, createWriteStream } from 'node:fs'
import { SNAPSHOT_EVERY_RECORDS } from '../../server/store/journal-snapshots'
import { copyFile, mkdtemp, open, rename, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { LedgerStore } from '../../server/store/ledger-store'
import { JOURNAL_FILE, OUT_DIR, readMeta, SNAPSHOT_FILE, snapshotHead, syncFile } from '../lib/meta'

export const TRAILING_SNAPSHOT = 'journal.snapshot.trailing'

export interface TrailingSnapshot {
  /** Records the journal holds beyond the snapshot (all of them when there is no snapshot). */
  behindRecords: number
  behindBytes: number
  /** The snapshot file; null when the ledger has no more records than `behind` (a crash leaves none). */
  file: string | null
  /** Seconds spent building it now; null when it came from the cache. */
  builtSeconds: number | null
}

/** Byte length of the first `lines` lines of the file (a record boundary). */
async function prefixBytes(path: string, lines: number): Promise<number> {
  const fh = await open(path, 'r')
  try {
    const buf = Buffer.allocUnsafe(8 * 1024 * 1024)
    let position = 0
    let seen = 0
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, position)
      if (bytesRead === 0) throw new Error(`${path} has only ${seen} lines, not ${lines}`)
      for (let nl = buf.indexOf(0x0a); nl !== -1 && nl < bytesRead; nl = buf.indexOf(0x0a, nl + 1)) {
        if (++seen === lines) return position + nl + 1
      }
      position += bytesRead
    }
  } finally {
    await fh.close()
  }
}

export async function trailingSnapshot(dir: string, behind: number): Promise<TrailingSnapshot> {
  const meta = await readMeta(dir)
  if (!meta) throw new Error(`${dir} holds no generated ledger`)
  if (meta.records <= behind) return { behindRecords: meta.records, behindBytes: meta.journalBytes, file: null, builtSeconds: null }
  const keep = meta.records - behind
  const target = join(dir, TRAILING_SNAPSHOT)
  const cached = await snapshotHead(target)
  if (cached?.seq === keep) return { behindRecords: behind, behindBytes: meta.journalBytes - cached.bytes, file: target, builtSeconds: null }

  const started = performance.now()
  const bytes = await prefixBytes(join(dir, JOURNAL_FILE), keep)
  const scratch = await mkdtemp(join(OUT_DIR, 'trailing-'))
  try {
    await pipeline(createReadStream(join(dir, JOURNAL_FILE), { end: bytes - 1 }), createWriteStream(join(scratch, JOURNAL_FILE)))
    const notices: string[] = []
    const store = await LedgerStore.openDirectory(scratch, { log: (m) => notices.push(m) })
    const seq = store.journal.durableSeq
    await store.close()
    if (notices.length > 0 || seq !== keep) throw new Error(`replaying the journal prefix went wrong (record ${seq} of ${keep}): ${notices.join('; ')}`)
    const head = await snapshotHead(join(scratch, SNAPSHOT_FILE))
    if (head?.seq !== keep || head.bytes !== bytes) throw new Error(`the snapshot covers ${JSON.stringify(head)}, not record ${keep} at byte ${bytes}`)
    // Copy, then rename: a run killed midway leaves no half file that looks cached.
    await copyFile(join(scratch, SNAPSHOT_FILE), `${target}.part`)
    await syncFile(`${target}.part`)
    await rename(`${target}.part`, target)
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
  return { behindRecords: behind, behindBytes: meta.journalBytes - bytes, file: target, builtSeconds: (performance.now() - started) / 1000 }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, behind: { type: 'string', default: String(SNAPSHOT_EVERY_RECORDS) } } })
  if (!values.dir) {
    console.error('usage: node --import tsx bench/gen/trailing-snapshot.ts --dir <ledger dir> [--behind N]')
    process.exit(2)
  }
  console.log(JSON.stringify(await trailingSnapshot(resolve(values.dir), Number(values.behind))))
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
