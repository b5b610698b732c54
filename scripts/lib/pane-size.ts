/**
 * What the built task pane costs to download: each JavaScript file of `dist/addin` with its size
 * raw, gzipped and in brotli, and whether the pane's page loads it at once (its module script and
 * the modules it preloads) or later (a panel or dialog loaded when first opened, the commands
 * page, the service worker). Sizes are of the bytes the server sends: the build's precompressed
 * `.gz`/`.br` copy when there is one, else the file itself. Deterministic for a given build,
 * unlike load times, so a test can hold the budget.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The budget: the pane's own JavaScript that its page loads at once (what it fetches and compiles
 * before it can be used; office.js is Microsoft's), gzipped, in bytes (100 kB, decimal). A panel
 * loaded when first opened, the GS1 table loaded with the Scan field, the service worker and the
 * commands page come later and are listed beside it.
 */
export const PANE_JS_BUDGET_GZIP = 100_000

export interface PaneFile {
  /** Relative to the build folder, `/`-separated (`assets/taskpane-Ab12Cd34.js`). */
  file: string
  raw: number
  gzip: number
  brotli: number
  /** Loaded by taskpane.html before the pane shows (its script and modulepreload links). */
  initial: boolean
}

export interface PaneSizes {
  files: PaneFile[]
  /** Sums over every JavaScript file, and over those loaded at once. */
  total: { raw: number; gzip: number; brotli: number }
  initial: { raw: number; gzip: number; brotli: number }
}

/** The size the server sends for `path` with `ext` (`.gz`, `.br`): the precompressed copy's, else the file's. */
function served(path: string, ext: string, raw: number): number {
  const copy = statSync(`${path}${ext}`, { throwIfNoEntry: false })
  return copy?.isFile() ? Math.min(copy.size, raw) : raw
}

/** The scripts taskpane.html loads before anything else: `<script src>` and `<link rel=modulepreload>` of ours. */
export function initialScripts(html: string): string[] {
  const refs = [
    ...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
  ].map((m) => m[1])
  return refs.filter((r) => !/^[a-z]+:/i.test(r)).map((r) => r.replace(/^\.?\//, ''))
}

/** Sizes of every JavaScript file in the build at `dir`. */
export function paneSizes(dir: string): PaneSizes {
  const initial = new Set(initialScripts(readFileSync(join(dir, 'taskpane.html'), 'utf8')))
  const files: PaneFile[] = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((file) => {
      const path = join(dir, file)
      const raw = statSync(path).size
      return { file, raw, gzip: served(path, '.gz', raw), brotli: served(path, '.br', raw), initial: initial.has(file) }
    })
  const sum = (list: PaneFile[]) => ({
    raw: list.reduce((s, f) => s + f.raw, 0),
    gzip: list.reduce((s, f) => s + f.gzip, 0),
    brotli: list.reduce((s, f) => s + f.brotli, 0),
  })
  return { files, total: sum(files), initial: sum(files.filter((f) => f.initial)) }
}
