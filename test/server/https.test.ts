import type { IncomingHttpHeaders } from 'node:http'
import { request } from 'node:https'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { requireBuiltAddin } from '../helpers/built-addin'
import { makeDevCerts, type DevCerts } from '../helpers/dev-certs'
import { killStarted, spawnServer, type Spawned } from '../helpers/process'
import { tempDirs } from '../helpers/temp'

const LISTENING_HTTPS = /lotledger: listening on https:\/\/127\.0\.0\.1:(\d+) \(data in .+\)/

interface Reply {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/** GET over https to 127.0.0.1 as `localhost` (the name Office uses), trusting only `ca`. */
function httpsGet(port: number, path: string, ca: Buffer | undefined): Promise<Reply> {
  return new Promise((done, fail) => {
    request({ host: 'localhost', family: 4, port, path, ca, timeout: 10_000 }, (res) => {
      let body = ''
      res.setEncoding('utf8').on('data', (s: string) => (body += s)).on('end', () => done({ status: res.statusCode!, headers: res.headers, body }))
    }).on('error', fail).end()
  })
}

const temp = tempDirs()
let certs: DevCerts
beforeAll(async () => {
  // office-addin-dev-certs' generator, as `npm run certs` uses it, but nothing is installed.
  certs = await makeDevCerts(await temp.make('lotledger-certs-'))
})
afterEach(() => killStarted())
afterAll(() => temp.cleanup())

async function startTls(env: Record<string, string> = {}): Promise<{ proc: Spawned; port: number }> {
  const proc = spawnServer(await temp.make(), { TLS_CERT: certs.certFile, TLS_KEY: certs.keyFile, ...env })
  const m = await proc.waitForStdout(LISTENING_HTTPS, 30_000)
  return { proc, port: Number(m[1]) }
}

describe('the server over HTTPS (TLS_CERT, TLS_KEY) with an office-addin-dev-certs certificate', () => {
  it('answers the API and the manifest over https, for localhost, with the default origin https://localhost:<port>', { timeout: 60_000 }, async () => {
    const { proc, port } = await startTls()
    const health = await httpsGet(port, '/api/v1/health', certs.ca)
    expect(health.status).toBe(200)
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' })

    const manifest = await httpsGet(port, '/manifest.xml', certs.ca)
    expect(manifest.status).toBe(200)
    expect(manifest.headers['content-type']).toBe('application/xml; charset=utf-8')
    expect(manifest.body).toContain(`<SourceLocation DefaultValue="https://localhost:${port}/taskpane.html"/>`)
    expect(manifest.body).not.toContain('https://localhost:3000/')

    const printed = await proc.waitForStdout(/lotledger: Excel add-in manifest at (\S+)\n/)
    expect(printed[1]).toBe(`https://localhost:${port}/manifest.xml`)
    expect(proc.stderr()).not.toContain('is not https')
  })

  it('writes PUBLIC_URL into the manifest', { timeout: 60_000 }, async () => {
    const { port } = await startTls({ PUBLIC_URL: 'https://localhost:3000' })
    const manifest = await httpsGet(port, '/manifest.xml', certs.ca)
    expect(manifest.body).toContain('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>')
  })

  it('serves the task pane over https', { timeout: 60_000 }, async () => {
    requireBuiltAddin()
    const { port } = await startTls()
    const pane = await httpsGet(port, '/taskpane.html', certs.ca)
    expect(pane.status).toBe(200)
    expect(pane.body).toContain('<div id="app"')
    const icon = await httpsGet(port, '/assets/icon-16.png', certs.ca)
    expect(icon.status).toBe(200)
    expect(icon.headers['content-type']).toBe('image/png')
  })

  it('is really TLS: a client without the CA refuses it, plain http gets no answer', { timeout: 60_000 }, async () => {
    const { port } = await startTls()
    await expect(httpsGet(port, '/api/v1/health', undefined)).rejects.toMatchObject({
      code: expect.stringMatching(/SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/),
    })
    await expect(fetch(`http://127.0.0.1:${port}/api/v1/health`, { signal: AbortSignal.timeout(5_000) })).rejects.toThrow()
  })

  it('refuses to start with a TLS_CERT that cannot be read, saying which', { timeout: 60_000 }, async () => {
    const proc = spawnServer(await temp.make(), { TLS_CERT: `${certs.certFile}.missing`, TLS_KEY: certs.keyFile })
    const exit = await proc.exited
    expect(exit.code).toBe(1)
    expect(proc.stderr()).toContain(`lotledger: TLS_CERT: cannot read ${certs.certFile}.missing (ENOENT)`)
    expect(proc.stderr()).not.toMatch(/\n\s+at /) // a message, not a stack
  })
})
