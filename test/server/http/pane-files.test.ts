/**
 * The pane's files compressed, through a real server on 127.0.0.1 serving the real build: the
 * copy the request's Accept-Encoding prefers, with its Content-Encoding, length and Vary; the file
 * as it is otherwise; no source maps unless the build was asked for them; the service worker.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chooseEncoding } from '../../../server/http/pane-files'
import { PANE_CSP } from '../../../server/http/pane-security'
import { PAGE_CACHE } from '../../../server/http/static'
import { requireBuiltAddin } from '../../helpers/built-addin'
import { startServer, type TestServer } from '../../helpers/server'

interface Raw {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

/** A request as sent (fetch would add its own Accept-Encoding and decode the answer). */
function raw(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  const { hostname, port } = new URL(base)
  return new Promise((done, fail) => {
    request({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
    }).on('error', fail).end()
  })
}

describe('chooseEncoding', () => {
  const both = ['br', 'gzip'] as const
  it('takes what the browser accepts, brotli first at equal weight', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd', both)).toBe('br')
    expect(chooseEncoding('gzip, deflate', both)).toBe('gzip')
    expect(chooseEncoding('GZIP', both)).toBe('gzip')
    expect(chooseEncoding('x-gzip', both)).toBe('gzip')
    expect(chooseEncoding('br', ['gzip'])).toBe(null)
  })
  it('follows weights, q=0 refusing, * standing for the encodings not named', () => {
    expect(chooseEncoding('br;q=0.5, gzip;q=0.9', both)).toBe('gzip')
    expect(chooseEncoding('br;q=0, gzip', both)).toBe('gzip')
    expect(chooseEncoding('br; q=0, gzip;q=0', both)).toBe(null)
    expect(chooseEncoding('*', both)).toBe('br')
    expect(chooseEncoding('br;q=0, *;q=0.1', both)).toBe('gzip')
    expect(chooseEncoding('identity', both)).toBe(null)
    expect(chooseEncoding('*;q=0', both)).toBe(null)
    expect(chooseEncoding('br;q=nonsense, gzip', both)).toBe('gzip')
  })
  it('sends the file as it is without Accept-Encoding', () => {
    expect(chooseEncoding(undefined, both)).toBe(null)
    expect(chooseEncoding('', both)).toBe(null)
  })
})

describe('the built pane, compressed, through a real server', () => {
  let server: TestServer
  let dist: string
  let script: string
  beforeAll(async () => {
    dist = requireBuiltAddin()
    server = await startServer({ app: { addinDir: dist } })
    const html = readFileSync(join(dist, 'taskpane.html'), 'utf8')
    script = /<script[^>]+src="\.\/(assets\/taskpane-[^"]+\.js)"/.exec(html)![1]
  })
  afterAll(async () => {
    await server?.close()
  })

  it('sends brotli or gzip as asked, decoding to the file, with Content-Encoding, its length and Vary', async () => {
    const file = readFileSync(join(dist, script))
    const br = await raw(server.url, `/${script}`, { 'accept-encoding': 'gzip, deflate, br' })
    expect(br.status).toBe(200)
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toBe('Accept-Encoding')
    expect(br.headers['content-type']).toMatch(/javascript/)
    expect(br.headers['content-length']).toBe(String(br.body.length))
    expect(br.body.length).toBeLessThan(file.length / 3)
    expect(brotliDecompressSync(br.body).equals(file)).toBe(true)
    expect(br.headers['cache-control']).toContain('immutable')
    expect(br.headers['content-security-policy']).toBe(PANE_CSP)

    const gz = await raw(server.url, `/${script}`, { 'accept-encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gz.headers.vary).toBe('Accept-Encoding')
    expect(gunzipSync(gz.body).equals(file)).toBe(true)

    const head = await raw(server.url, `/${script}`, { 'accept-encoding': 'br' }, 'HEAD')
    expect(head.headers['content-encoding']).toBe('br')
    expect(head.headers['content-length']).toBe(String(br.body.length))
    expect(head.body.length).toBe(0)
  })

  it('sends the file as it is, still saying Vary, without Accept-Encoding, when both are refused, and for a Range', async () => {
    const file = readFileSync(join(dist, script))
    const asked: Array<Record<string, string>> = [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }]
    for (const headers of asked) {
      const res = await raw(server.url, `/${script}`, headers)
      expect(res.headers['content-encoding'], JSON.stringify(headers)).toBeUndefined()
      expect(res.headers.vary, JSON.stringify(headers)).toBe('Accept-Encoding')
      expect(res.body.equals(file), JSON.stringify(headers)).toBe(true)
    }
    const range = await raw(server.url, `/${script}`, { 'accept-encoding': 'br', range: 'bytes=0-99' })
    expect(range.status).toBe(206)
    expect(range.headers['content-encoding']).toBeUndefined()
    expect(range.body.equals(file.subarray(0, 100))).toBe(true)
  })

  it('compresses the page, its styles and the service worker; not the icons', async () => {
    const css = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.css'))
    expect(css.length).toBeGreaterThan(1) // the pane's and the Fluent theme's
    for (const path of ['/taskpane.html', '/sw.js', ...css.map((f) => `/assets/${f}`)]) {
      const res = await raw(server.url, path, { 'accept-encoding': 'br' })
      expect(res.status, path).toBe(200)
      expect(res.headers['content-encoding'], path).toBe('br')
      expect(brotliDecompressSync(res.body).equals(readFileSync(join(dist, path))), path).toBe(true)
    }
    const png = await raw(server.url, '/assets/icon-32.png', { 'accept-encoding': 'gzip, br' })
    expect(png.status).toBe(200)
    expect(png.headers['content-encoding']).toBeUndefined()
    expect(png.headers.vary).toBeUndefined()
  })

  it('does not answer the compressed copies under their own names', async () => {
    for (const path of [`/${script}.gz`, `/${script}.br`, '/taskpane.html.gz']) {
      expect((await raw(server.url, path)).status, path).toBe(404)
    }
  })

  it('has no source maps by default: the bundles point at none and none is served', async () => {
    const files = readdirSync(dist, { recursive: true, encoding: 'utf8' })
    expect(files.filter((f) => /\.map(?:\.(?:gz|br))?$/.test(f))).toEqual([])
    expect(readFileSync(join(dist, script), 'utf8')).not.toContain('sourceMappingURL')
    expect((await raw(server.url, `/${script}.map`)).status).toBe(404)
  })

  it('serves the service worker from the top, as JavaScript, asked again on every visit', async () => {
    const res = await raw(server.url, '/sw.js')
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/javascript/)
    expect(res.headers['cache-control']).toBe(PAGE_CACHE)
    expect(res.headers['content-security-policy']).toBe(PANE_CSP)
    expect(res.body.toString()).toContain('lotledger-pane-')
  })
})
