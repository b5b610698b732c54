/** Where generated ledgers live, and the small JSON that describes each one. */
import { copyFile, readdir, open, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url))
export const REPO_DIR = join(BENCH_DIR, '..')
/** Cache of generated ledgers and results (git-ignored). */
export const OUT_DIR = join(BENCH_DIR, 'out')
export const META_FILE = 'bench-meta.json'
export const JOURNAL_FILE = 'journal.ndjson'
/** The snapshot the server loads at start, beside the journal. */
export const SNAPSHOT_FILE = 'journal.snapshot'
/** Pristine copy of the snapshot the generator's clean stop wrote (matches the generated journal). */
export const GENERATED_SNAPSHOT = 'journal.snapshot.generated'
/** Bump when the generator changes what it writes: cached ledgers of older versions are rebuilt. */
export const GENERATOR_VERSION = 2

/**
 * mixed: receipts, transfers, productions and deliveries over a bounded stock; lot-per-move:
 * receipts whose every line brings its own lot, some of them moved or delivered after.
 */
export const LEDGER_KINDS = ['mixed', 'lot-per-move'] as const
export type LedgerKind = (typeof LEDGER_KINDS)[number]

export function isLedgerKind(s: string | undefined): s is LedgerKind {
  return (LEDGER_KINDS as readonly string[]).includes(s ?? '')
}

export interface BenchMeta {
  generatorVersion: number
  /** Absent in ledgers generated before there were kinds: mixed. */
  kind?: LedgerKind
  seed: number
  targetMoves: number
  moves: number
  operations: number
  records: number
  lots: number
  /** Journal size right after generation; benchmarks cut the journal back to it. */
  journalBytes: number
  /** The server's snapshot format when generated (SNAPSHOT_VERSION); another one means regenerate. */
  snapshotVersion: number
  snapshotBytes: number
  /** Mean JSON size of one move document, to size the stock-JSONFile comparison. */
  avgMoveJsonBytes: number
  workspace: string
  /** An operator token for the HTTP benchmarks (its secret is stored only here). */
  token: { id: string; secret: string }
  traced: { product: string; lot: string; lotMoves: number; expectedRows: number }
  /** Lot-tracked product that the write benchmarks receive. */
  writeProduct: string
  generatedAt: string
  generationSeconds: number
  peakRssBytes: number
}

export function ledgerDir(moves: number, kind: LedgerKind = 'mixed'): string {
  return join(OUT_DIR, kind === 'mixed' ? `ledger-${moves}` : `ledger-lpm-${moves}`)
}

export async function readMeta(dir: string): Promise<BenchMeta | null> {
  try {
    return JSON.parse(await readFile(join(dir, META_FILE), 'utf8')) as BenchMeta
  } catch {
    return null
  }
}

export async function writeMeta(dir: string, meta: BenchMeta): Promise<void> {
  await writeFile(join(dir, META_FILE), `${JSON.stringify(meta, null, 2)}\n`)
}

/**
 * Cuts off what earlier benchmark runs appended, so every run starts from the generated ledger.
 * The generated size ends on a record boundary, so the cut leaves a valid journal. The snapshot
 * comes back from its pristine copy: a stop after writes leaves a newer one that no longer
 * matches the cut journal.
 */
export async function restoreJournal(dir: string, meta: BenchMeta): Promise<void> {
  const path = join(dir, JOURNAL_FILE)
  const { size } = await stat(path)
  if (size < meta.journalBytes) throw new Error(`${path} is shorter than when it was generated; regenerate it (--regenerate)`)
  if (size > meta.journalBytes) await truncate(path, meta.journalBytes)
  for (const f of await readdir(dir)) if (f.startsWith(`${SNAPSHOT_FILE}.`) && f.endsWith('.tmp')) await rm(join(dir, f), { force: true })
  await copyFile(join(dir, GENERATED_SNAPSHOT), join(dir, SNAPSHOT_FILE)).catch((err: NodeJS.ErrnoException) => {
    throw err.code === 'ENOENT' ? new Error(`${dir} has no ${GENERATED_SNAPSHOT}; regenerate it (--regenerate)`) : err
  })
  await syncFile(join(dir, SNAPSHOT_FILE))
}

/**
 * Flushes a file the benchmark wrote, so the kernel's writeback of it does not compete with the
 * measurements that follow (a server's own snapshot is fsynced too).
 */
export async function syncFile(path: string): Promise<void> {
  const fh = await open(path, 'r')
  try {
    await fh.sync()
  } finally {
    await fh.close()
  }
}

/** The journal position a snapshot file covers (its first part), or null when there is no file. */
export async function snapshotHead(path: string): Promise<{ seq: number; bytes: number } | null> {
  let fh
  try {
    fh = await open(path, 'r')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
  try {
    const buf = Buffer.alloc(4096)
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0)
    const line = buf.toString('utf8', 0, bytesRead).split('\n')[0]
    // `<crc32> {"kind":"journal","seq":...,"bytes":...}`; the server checks the checksum when it loads.
    const head = JSON.parse(line.slice(9)) as { kind: string; seq: number; bytes: number }
    if (head.kind !== 'journal') throw new Error(`${path} does not start with its journal position`)
    return { seq: head.seq, bytes: head.bytes }
  } finally {
    await fh.close()
  }
}
