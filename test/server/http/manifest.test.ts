import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import packageJson from '../../../package.json' with { type: 'json' }
import { DEV_ORIGIN, rewriteManifest } from '../../../server/http/manifest'
import { ASSETS_DIR, MANIFEST_FILE, manifestProblems, validateAgainstXsd } from '../../helpers/manifest'
import { startServer, type TestServer } from '../../helpers/server'

const template = readFileSync(MANIFEST_FILE, 'utf8')
const expectations = { version: packageJson.version, assetsDir: ASSETS_DIR }

describe('GET /manifest.xml', () => {
  let server: TestServer | undefined
  afterEach(async () => {
    await server?.close()
    server = undefined
  })

  it('is the root manifest with every development URL on the public origin, as XML, never cached', async () => {
    server = await startServer({ app: { publicUrl: 'https://lotledger.example.com' } })
    const res = await fetch(`${server.url}/manifest.xml`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('no-cache')
    const xml = await res.text()
    expect(xml).not.toMatch(/:\/\/localhost/)
    expect(xml).toContain('<SourceLocation DefaultValue="https://lotledger.example.com/taskpane.html"/>')
    expect(xml).toContain('<AppDomain>https://lotledger.example.com</AppDomain>')
    expect(xml).toBe(template.replaceAll(DEV_ORIGIN, 'https://lotledger.example.com'))
    // Still a manifest Office accepts, on one https origin.
    expect((await validateAgainstXsd(xml)).errors).toEqual([])
    expect(manifestProblems(xml, expectations)).toEqual([])
  })

  it('asks a function for the origin on each request (the port is known only once listening)', async () => {
    let origin = 'https://one.example.com'
    server = await startServer({ app: { publicUrl: () => origin } })
    expect(await (await fetch(`${server.url}/manifest.xml`)).text()).toContain('https://one.example.com/taskpane.html')
    origin = 'https://two.example.com:8443'
    expect(await (await fetch(`${server.url}/manifest.xml`)).text()).toContain('https://two.example.com:8443/taskpane.html')
  })

  it('without a public origin, uses the origin it was asked on', async () => {
    server = await startServer()
    const xml = await (await fetch(`${server.url}/manifest.xml`)).text()
    expect(xml).toContain(`<SourceLocation DefaultValue="${server.url}/taskpane.html"/>`)
    expect(xml).not.toContain(DEV_ORIGIN)
  })
})

describe('rewriteManifest', () => {
  it('replaces every occurrence literally and escapes what XML needs', () => {
    expect(rewriteManifest(`<a href="${DEV_ORIGIN}/x"/><b>${DEV_ORIGIN}</b>`, 'https://h.example')).toBe(
      '<a href="https://h.example/x"/><b>https://h.example</b>',
    )
    expect(rewriteManifest(`<a v="${DEV_ORIGIN}"/>`, 'https://h$&"')).toBe('<a v="https://h$&#38;&#34;"/>')
  })
})
