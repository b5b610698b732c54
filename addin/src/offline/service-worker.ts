/**
 * The pane's service worker (built as `sw.js` beside taskpane.html, so that its scope covers the
 * page): keeps a copy of the built pane so that the pane opens offline, with the writes waiting
 * in its Queue, instead of a browser error page.
 *
 * - Its cache is named after the build (`lotledger-pane-<version>`, the version a hash of the
 *   files the build wrote into this file): a new build served makes a new sw.js, which the
 *   browser installs on the next visit; it copies the new files and drops the older caches.
 * - The page is asked of the server first (a new build shows at once) and taken from the copy
 *   only when the server cannot be reached. Its files, named by their content, come from the copy.
 * - The API is never answered from a cache, nor anything of other origins (office.js comes
 *   from Microsoft's CDN and the browser's HTTP cache, as Office wants).
 */

/** Written in by the build (scripts/lib/pane-worker.ts): the cache's version and the files to keep, relative to this file. */
declare const __PANE_BUILD__: { version: string; page: string; files: string[] }

// The service worker's own types (lib "webworker" cannot sit beside "dom" in one program).
interface WorkerEvent extends Event {
  waitUntil(done: Promise<unknown>): void
}
interface WorkerFetchEvent extends WorkerEvent {
  readonly request: Request
  respondWith(answer: Response | Promise<Response>): void
}
interface WorkerScope {
  readonly location: Location
  readonly clients: { claim(): Promise<void> }
  skipWaiting(): Promise<void>
  addEventListener(type: 'install' | 'activate', listener: (e: WorkerEvent) => void): void
  addEventListener(type: 'fetch', listener: (e: WorkerFetchEvent) => void): void
}

const worker = self as unknown as WorkerScope
const build = __PANE_BUILD__
/** Every version's cache starts so; older ones are dropped once this one is active. */
const PREFIX = 'lotledger-pane-'
const CACHE = `${PREFIX}${build.version}`
const here = (file: string) => new URL(file, worker.location.href).href
const PAGE = here(build.page)
const FILES = new Set(build.files.map(here))

/** The URL without its query (Office adds `?_host_Info=…` to the page's) and fragment. */
function bare(url: URL): string {
  return `${url.origin}${url.pathname}`
}

worker.addEventListener('install', (e) => {
  e.waitUntil((async () => {
    const cache = await caches.open(CACHE)
    // Revalidated with the server rather than taken from the HTTP cache as they are.
    await cache.addAll([...FILES].map((url) => new Request(url, { cache: 'no-cache' })))
    await worker.skipWaiting()
  })())
})

worker.addEventListener('activate', (e) => {
  e.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name)
    await worker.clients.claim()
  })())
})

/** The page: the server's when it answers, else the copy. */
async function page(request: Request): Promise<Response> {
  try {
    return await fetch(request)
  } catch (err) {
    const copy = await caches.match(PAGE, { cacheName: CACHE })
    if (copy) return copy
    throw err
  }
}

/** A file of the build: the copy, else the server's. */
async function file(request: Request, url: string): Promise<Response> {
  return (await caches.match(url, { cacheName: CACHE })) ?? fetch(request)
}

worker.addEventListener('fetch', (e) => {
  const { request } = e
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== worker.location.origin || url.pathname.startsWith('/api/')) return
  const key = bare(url)
  if (key === PAGE) e.respondWith(page(request))
  else if (FILES.has(key)) e.respondWith(file(request, key))
})
