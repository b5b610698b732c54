/** The ledger a standalone benchmark runs on (bench/exports.ts, bench/fsma204.ts). */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readMeta, type BenchMeta } from './meta'
import { runJson } from './proc'

export interface BenchLedger {
  dir: string
  meta: BenchMeta
  /** Removes a ledger generated for this run; one given is left as it is. */
  dispose(): Promise<void>
}

/**
 * The generated ledger at `given` (a cached one, `--dir`), or one of `moves` generated into a new
 * temporary directory named after `name`.
 */
export async function benchLedger(given: string | undefined, moves: number, name: string, log: (m: string) => void): Promise<BenchLedger> {
  const cached = given === undefined ? null : await readMeta(given)
  if (given !== undefined && cached) return { dir: given, meta: cached, dispose: async () => {} }
  const temp = given === undefined ? await mkdtemp(join(tmpdir(), `lotledger-bench-${name}-`)) : null
  const dir = given ?? join(temp!, 'ledger')
  const dispose = async () => {
    if (temp) await rm(temp, { recursive: true, force: true })
  }
  try {
    log(`generating a ledger of ${moves} moves`)
    const meta = await runJson<BenchMeta>('bench/generate.ts', ['--moves', String(moves), '--out', dir], 30 * 60_000, { nodeArgs: ['--max-old-space-size=8192'] })
    return { dir, meta, dispose }
  } catch (err) {
    await dispose()
    throw err
  }
}
