/** Where generated ledgers live, and the small JSON that describes each one. */
import { readFile, stat, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url))
export const REPO_DIR = join(BENCH_DIR, '..')
/** Cache of generated ledgers and results (git-ignored). */
export const OUT_DIR = join(BENCH_DIR, 'out')
export const META_FILE = 'bench-meta.json'
export const JOURNAL_FILE = 'journal.ndjson'
/** Bump when the generator changes what it writes: cached ledgers of older versions are rebuilt. */
export const GENERATOR_VERSION = 1

export interface BenchMeta {
  generatorVersion: number
  seed: number
  targetMoves: number
  moves: number
  operations: number
  records: number
  lots: number
  /** Journal size right after generation; benchmarks cut the journal back to it. */
  journalBytes: number
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

export function ledgerDir(moves: number): string {
  return join(OUT_DIR, `ledger-${moves}`)
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
 * The generated size ends on a record boundary, so the cut leaves a valid journal.
 */
export async function restoreJournal(dir: string, meta: BenchMeta): Promise<void> {
  const path = join(dir, JOURNAL_FILE)
  const { size } = await stat(path)
  if (size < meta.journalBytes) throw new Error(`${path} is shorter than when it was generated; regenerate it (--regenerate)`)
  if (size > meta.journalBytes) await truncate(path, meta.journalBytes)
}
