/**
 * `GET /manifest.xml`: the add-in manifest at the repository root with its development origin
 * replaced by the origin Office reaches this server at, ready to sideload or deploy.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { Hono } from 'hono'

/** The origin every URL of `manifest.xml` is written with. */
export const DEV_ORIGIN = 'https://localhost:3000'

/** `manifest.xml` at the repository root, whatever the cwd. */
export const DEFAULT_MANIFEST_FILE = fileURLToPath(new URL('../../manifest.xml', import.meta.url))

export interface ManifestOptions {
  /**
   * The public origin (`https://lotledger.example.com`), or a function giving it (asked per
   * request, for an origin known only once the server listens). Default: the request's origin.
   */
  publicUrl?: string | (() => string)
  /** Default {@link DEFAULT_MANIFEST_FILE}. */
  file?: string
}

/** `xml` with every {@link DEV_ORIGIN} replaced by `origin` (XML-escaped). */
export function rewriteManifest(xml: string, origin: string): string {
  const escaped = origin.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
  return xml.replaceAll(DEV_ORIGIN, () => escaped)
}

/** The route serving the rewritten manifest, never cached (it changes with PUBLIC_URL). */
export function manifestRoute(options: ManifestOptions): Hono {
  const file = options.file ?? DEFAULT_MANIFEST_FILE
  const app = new Hono()
  app.get('/manifest.xml', async (c) => {
    // Read per request: small, rarely asked for, and an edited manifest is served at once.
    const { publicUrl } = options
    const origin = typeof publicUrl === 'function' ? publicUrl() : (publicUrl ?? new URL(c.req.url).origin)
    const xml = rewriteManifest(await readFile(file, 'utf8'), origin)
    return c.body(xml, 200, { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'no-cache' })
  })
  return app
}
