import { readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ASSET_CACHE, HASHED_CACHE, isHashedAsset, NOT_BUILT_MESSAGE, PAGE_CACHE } from '../../../server/http/static'
import { requireBuiltAddin } from '../../helpers/built-addin'
import { startServer, type TestServer } from '../../helpers/server'
import { tempDirs } from '../../helpers/temp'

describe('the built task pane, served by the real server', () => {
  let server: TestServer
  let dist: string
  beforeAll(async () => {
    dist = requireBuiltAddin()
    server = await startServer({ app: { addinDir: dist } })
  })
  afterAll(async () => {
    await server?.close()
  })

  it('GET / redirects to /taskpane.html', async () => {
    const res = await fetch(`${server.url}/`, { redirect: 'manual' })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/taskpane.html')
  })

  it('serves both pages as the build made them, never cached without asking again', async () => {
    for (const page of ['taskpane.html', 'commands.html']) {
      const res = await fetch(`${server.url}/${page}`)
      expect(res.status, page).toBe(200)
      expect(res.headers.get('content-type'), page).toMatch(/^text\/html/)
      expect(res.headers.get('cache-control'), page).toBe(PAGE_CACHE)
      expect(await res.text(), page).toBe(readFileSync(join(dist, page), 'utf8'))
    }
  })

  it('serves the bundles the pane loads, hashed ones cached for a year', async () => {
    const html = await (await fetch(`${server.url}/taskpane.html`)).text()
    // office.js comes from Microsoft's CDN; everything else is ours, relative to the page.
    expect(html).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/office.js')
    const scripts = [...html.matchAll(/<script[^>]+src="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1])
    expect(scripts.length).toBeGreaterThan(0)
    for (const script of scripts) {
      expect(isHashedAsset(`/${script}`), script).toBe(true)
      const res = await fetch(`${server.url}/${script}`)
      expect(res.status, script).toBe(200)
      expect(res.headers.get('content-type'), script).toMatch(/javascript/)
      expect(res.headers.get('cache-control'), script).toBe(HASHED_CACHE)
      expect(await res.text(), script).toBe(readFileSync(join(dist, script), 'utf8'))
    }
  })

  it('serves the icons cacheable (not immutable: their names carry no hash) and HEAD too', async () => {
    for (const size of [16, 32, 64, 80, 128]) {
      const res = await fetch(`${server.url}/assets/icon-${size}.png`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('image/png')
      expect(res.headers.get('cache-control')).toBe(ASSET_CACHE)
      await res.arrayBuffer()
    }
    const head = await fetch(`${server.url}/assets/icon-16.png`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe(String(readFileSync(join(dist, 'assets/icon-16.png')).length))
  })

  it('answers 404 for what is not there', async () => {
    for (const path of ['/assets/nope.js', '/package.json', '/manifest.xml.bak', '/src/main.ts']) {
      const res = await fetch(`${server.url}${path}`)
      expect(res.status, path).toBe(404)
      expect(res.headers.get('cache-control') ?? '', path).not.toContain('immutable')
      await res.arrayBuffer()
    }
  })

  it('leaves the API as it was', async () => {
    const health = await fetch(`${server.url}/api/v1/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok' })
    const unknown = await fetch(`${server.url}/api/v1/nope`, { headers: { authorization: `Bearer ${server.admin.token}` } })
    expect(unknown.status).toBe(404)
    expect((await unknown.json()).error.code).toBe('not_found')
  })
})

describe('before the pane is built', () => {
  const temp = tempDirs()
  let server: TestServer | undefined
  afterEach(async () => {
    await server?.close()
    await temp.cleanup()
  })

  it('answers 503 saying to build it, instead of failing, and the API still works', async () => {
    server = await startServer({ app: { addinDir: await temp.make('lotledger-empty-dist-') } })
    for (const path of ['/taskpane.html', '/commands.html', '/assets/icon-32.png']) {
      const res = await fetch(`${server.url}${path}`)
      expect(res.status, path).toBe(503)
      expect(await res.text(), path).toBe(NOT_BUILT_MESSAGE)
      expect(res.headers.get('cache-control'), path).toBe('no-store')
    }
    expect(NOT_BUILT_MESSAGE).toContain('the task pane is not built: run npm run build')
    expect((await fetch(`${server.url}/`, { redirect: 'manual' })).status).toBe(302)
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200)
    expect((await fetch(`${server.url}/manifest.xml`)).status).toBe(200)
  })
})

describe('paths that try to leave the build', () => {
  const temp = tempDirs()
  let server: TestServer | undefined
  afterEach(async () => {
    await server?.close()
    await temp.cleanup()
  })

  it('never serve a file outside it, however spelled', async () => {
    const top = await temp.make('lotledger-traversal-')
    const root = join(top, 'dist')
    await mkdir(join(root, 'assets'), { recursive: true })
    await writeFile(join(root, 'taskpane.html'), '<p>pane</p>')
    await writeFile(join(root, 'assets', 'a.js'), 'export {}')
    await writeFile(join(top, 'secret.txt'), 'not for the web')
    server = await startServer({ app: { addinDir: root } })
    expect((await fetch(`${server.url}/assets/a.js`)).status).toBe(200)

    // Sent as is (fetch would normalise the dots away before sending).
    const rawGet = (path: string) =>
      new Promise<{ status: number; body: string }>((done, fail) => {
        const { hostname, port } = new URL(server!.url)
        request({ hostname, port, path }, (res) => {
          let body = ''
          res.setEncoding('utf8').on('data', (s: string) => (body += s)).on('end', () => done({ status: res.statusCode!, body }))
        }).on('error', fail).end()
      })
    for (const path of ['/assets/../../secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/..\\..\\secret.txt', '/assets//../../secret.txt']) {
      const res = await rawGet(path)
      expect([400, 404], path).toContain(res.status) // 400: Node refuses some spellings outright
      expect(res.body, path).not.toContain('not for the web')
    }
  })
})

describe('isHashedAsset', () => {
  it('knows vite bundle names from plain ones', () => {
    expect(isHashedAsset('/assets/taskpane-DxYfoz16.js')).toBe(true)
    expect(isHashedAsset('/assets/modulepreload-polyfill-P2Xu9kJm.js')).toBe(true)
    expect(isHashedAsset('/assets/taskpane-DxYfoz16.js.map')).toBe(true)
    expect(isHashedAsset('/assets/style-a1b2c3d4.css')).toBe(true)
    expect(isHashedAsset('/assets/icon-16.png')).toBe(false)
    expect(isHashedAsset('/assets/fluent-controls.js')).toBe(false)
    expect(isHashedAsset('/assets/taskpane.js')).toBe(false)
  })
})
