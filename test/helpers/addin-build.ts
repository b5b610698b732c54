/**
 * Building the task pane (`dist/addin`) for tests that serve it: the global setup builds it once
 * per run when it is missing or older than its sources (tests then call requireBuiltAddin()).
 * Free of vitest imports: the global setup runs outside the test workers.
 */
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { buildStaleness, type BuildInputs } from '../../scripts/lib/build-sources'
import { DEFAULT_ADDIN_DIR } from '../../server/http/static'
import { ADDIN_BUILD_SOURCES } from '../../vite.config'

const REPO_ROOT = resolve(import.meta.dirname, '../..')

/**
 * What the pane build depends on: the source modules it bundled (listed by the build itself, so
 * shared/ and whatever else the pane imports count), and beside them the configs (vite's, and
 * tsconfig.json, which its TypeScript transform reads, and the build's own plugins), the
 * dependencies (lockfile) and the files copied as they are (addin/public).
 */
export const ADDIN_BUILD_INPUTS: BuildInputs = {
  root: REPO_ROOT,
  record: ADDIN_BUILD_SOURCES,
  output: join(DEFAULT_ADDIN_DIR, 'taskpane.html'),
  watched: [
    'vite.config.ts', 'scripts/lib/build-sources.ts', 'scripts/lib/webpack-global.ts', 'scripts/lib/zod-json-schema.ts',
    'scripts/lib/fluent-theme.ts', 'scripts/lib/pane-worker.ts', 'scripts/lib/precompress.ts',
    'tsconfig.json', 'package.json', 'package-lock.json', 'addin/public',
  ],
}

/** Why `dist/addin` must be (re)built, or null when it is up to date. */
export function addinBuildStale(): string | null {
  return buildStaleness(ADDIN_BUILD_INPUTS)
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
