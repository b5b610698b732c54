/**
 * The built Excel task pane (vite's output, `dist/addin`) on the API's own origin: its two pages,
 * its hashed bundles and its icons under `/assets/`, its service worker `/sw.js`, and `/` sending
 * a browser to the pane; all with the pane's security headers (pane-security.ts), text files in
 * the compressed copy the browser accepts (pane-files.ts). Source maps are there only when the
 * build was asked for them (`LOTLEDGER_SOURCE_MAPS=1 npm run build`).
 */
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { precompressedFile } from './pane-files'
import { paneSecurityHeaders } from './pane-security'

/** Where `npm run build` puts the pane: `dist/addin` at the repository root, whatever the cwd. */
export const DEFAULT_ADDIN_DIR = fileURLToPath(new URL('../../dist/addin/', import.meta.url))

/** The pages the build makes (vite.config.ts inputs); each is served at `/<name>`. */
export const ADDIN_PAGES = ['taskpane.html', 'commands.html'] as const

/** The pane's service worker (addin/src/offline/service-worker.ts), at the top so that its scope covers the pages. */
export const SERVICE_WORKER = 'sw.js'

/** The pages and the service worker: always asked again, so that a new build is picked up at once. */
export const PAGE_CACHE = 'no-cache'
/** Content-hashed bundles (`assets/taskpane-1a2B3c4D.js`): never change under their name. */
export const HASHED_CACHE = 'public, max-age=31536000, immutable'
/** Unhashed assets such as the icons: cacheable (Office requires it of ribbon images), for a day. */
export const ASSET_CACHE = 'public, max-age=86400'

/** A bundle named with vite's 8-character content hash (`taskpane-DxYfoz16.js`, `.css`, `.map`). */
const HASHED = /-([A-Za-z0-9_-]{8})\.(?:js|mjs|css)(?:\.map)?$/

/**
 * True for vite's content-hashed bundles. The hash must hold a digit, capital, `_` or `-`, so
 * that a plain word (`fluent-controls.js` copied from public/) is never cached forever.
 */
export function isHashedAsset(path: string): boolean {
  const hash = HASHED.exec(path)?.[1]
  return hash !== undefined && /[0-9A-Z_-]/.test(hash)
}

/** The text of the 503 that stands in for the pane until it is built. */
export const NOT_BUILT_MESSAGE = 'lotledger: the task pane is not built: run npm run build'

/** Routes serving the task pane built into `dir` (default {@link DEFAULT_ADDIN_DIR}). */
export function addinRoutes(dir: string = DEFAULT_ADDIN_DIR): Hono {
  const app = new Hono()
  // Built is judged per request, so that a build made while the server runs is served at once.
  const built = () => statSync(join(dir, 'taskpane.html'), { throwIfNoEntry: false })?.isFile() === true
  let files: MiddlewareHandler | undefined
  const serve = (cacheControl: (path: string) => string): MiddlewareHandler => async (c, next) => {
    if (!built()) return notBuilt(c)
    // The compressed copies are sent for their file, never under their own name.
    if (/\.(?:gz|br)$/.test(c.req.path)) return next()
    // Made once the directory exists (serveStatic complains at creation about a missing root).
    files ??= serveStatic({ root: dir })
    const compressed = precompressedFile(c, dir)
    const res = compressed.res ?? (await files(c, next))
    if (res instanceof Response && res.ok) {
      res.headers.set('Cache-Control', cacheControl(c.req.path))
      if (compressed.vary && !compressed.res) res.headers.append('Vary', 'Accept-Encoding')
    }
    return res
  }

  // Per route, not app-wide: these routes are mounted at the root beside the API.
  const secured = paneSecurityHeaders()
  app.get('/', secured, (c) => c.redirect('/taskpane.html', 302))
  for (const page of [...ADDIN_PAGES, SERVICE_WORKER]) app.get(`/${page}`, secured, serve(() => PAGE_CACHE))
  app.get('/assets/*', secured, serve((path) => (isHashedAsset(path) ? HASHED_CACHE : ASSET_CACHE)))
  return app
}

function notBuilt(c: Context): Response {
  return c.text(NOT_BUILT_MESSAGE, 503, { 'Cache-Control': 'no-store' })
}
