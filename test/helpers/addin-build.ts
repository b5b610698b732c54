/**
 * Building the task pane (`dist/addin`) for tests that serve it: the global setup builds it once
 * per run when it is missing or older than its sources (tests then call requireBuiltAddin()).
 * Free of vitest imports: the global setup runs outside the test workers.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { DEFAULT_ADDIN_DIR } from '../../server/http/static'

const REPO_ROOT = resolve(import.meta.dirname, '../..')
/** What the build reads: a change to any of these makes `dist/addin` stale. */
const SOURCES = ['addin', 'vite.config.ts', 'package.json'].map((p) => join(REPO_ROOT, p))

function newestMtime(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false })
  if (!stat) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))))
}

/** Why `dist/addin` must be (re)built, or null when it is up to date. */
export function addinBuildStale(): string | null {
  const built = statSync(join(DEFAULT_ADDIN_DIR, 'taskpane.html'), { throwIfNoEntry: false })
  if (!built) return 'dist/addin is not built'
  const newest = Math.max(...SOURCES.map(newestMtime))
  return newest > built.mtimeMs ? 'the pane sources changed since dist/addin was built' : null
}

/** Runs `vite build` (what `npm run build` does); throws with its output when it fails. */
export function buildAddin(): void {
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js')
  try {
    execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: 'pipe', timeout: 120_000 })
  } catch (err) {
    // The message already holds the command and its stderr.
    const e = err as { stdout?: Buffer; message: string }
    throw new Error(`npm run build failed: ${e.message}${e.stdout?.length ? `\n${e.stdout}` : ''}`)
  }
}
