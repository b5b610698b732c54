/**
 * A vite plugin finishing the pane's service worker (addin/src/offline/service-worker.ts, a build
 * input named `worker`): writes it as `sw.js` at the top of the build, where its scope covers the
 * page, and fills in what it keeps: the page, every file the page may load (scripts, styles, the
 * theme, lazy chunks, the public folder's icons) and a version hashed from all of them, so that
 * each build's worker differs and names a cache of its own. Source maps, the worker itself and
 * the other pages with their own scripts are left out.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Plugin } from 'vite'

/** The placeholder the worker's source holds for the build's data. */
export const PLACEHOLDER = '__PANE_BUILD__'

/** What the worker is told: the cache's version, the page, the files to keep (relative to sw.js). */
export interface PaneBuild {
  version: string
  page: string
  files: string[]
}

/** The version of a set of files: a hash of their names and contents. */
export function buildVersion(files: ReadonlyMap<string, string | Uint8Array>): string {
  const hash = createHash('sha256')
  for (const name of [...files.keys()].sort()) hash.update(`${name}\0`).update(files.get(name)!).update('\0')
  return hash.digest('hex').slice(0, 12)
}

/** Files under `dir`, relative and `/`-separated, with their contents. */
function publicFiles(dir: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>()
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) return out
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, file)
    if (statSync(path).isFile()) out.set(file.split('\\').join('/'), readFileSync(path))
  }
  return out
}

/**
 * The plugin. `entry`: the worker's input name; `page`: the pane's HTML file; `leaveOut`: other
 * inputs (pages) whose HTML and entry script the pane does not need offline.
 */
export function paneWorker(options: { entry: string; page: string; leaveOut: readonly string[] }): Plugin {
  let publicDir = ''
  return {
    name: 'pane-worker',
    apply: 'build',
    // After vite's plugins and the theme's have finished the page.
    enforce: 'post',
    configResolved(config) {
      publicDir = config.publicDir
    },
    generateBundle(_options, bundle) {
      const worker = Object.values(bundle).find((o) => o.type === 'chunk' && o.isEntry && o.name === options.entry)
      if (!worker || worker.type !== 'chunk') return this.error(`pane-worker: the build made no ${options.entry} entry`)
      const files = new Map<string, string | Uint8Array>(publicFiles(publicDir))
      for (const out of Object.values(bundle)) {
        if (out === worker || out.fileName.endsWith('.map')) continue
        if (out.type === 'chunk' && out.isEntry && options.leaveOut.includes(out.name)) continue
        if (out.type === 'asset' && options.leaveOut.some((name) => out.fileName === `${name}.html`)) continue
        files.set(out.fileName, out.type === 'chunk' ? out.code : out.source)
      }
      if (!files.has(options.page)) return this.error(`pane-worker: the build made no ${options.page}`)
      const data: PaneBuild = { version: buildVersion(files), page: options.page, files: [...files.keys()].sort() }
      const parts = worker.code.split(PLACEHOLDER)
      if (parts.length !== 2) return this.error(`pane-worker: ${worker.fileName} should hold ${PLACEHOLDER} once, it holds it ${parts.length - 1} times`)
      worker.code = parts.join(JSON.stringify(data))
    },
  }
}
