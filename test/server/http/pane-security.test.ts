/**
 * The pane's security headers through a real server: nosniff and the Content-Security-Policy on
 * both pages, the assets, the redirect to the pane and the 503 before it is built; the policy
 * holds what Office needs and nothing that lets script text run. (That a browser loads the pane
 * and office.js under it without a violation is test/addin/e2e/csp.test.ts.)
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PANE_CSP } from '../../../server/http/pane-security'
import { startServer, type TestServer } from '../../helpers/server'
import { tempDirs } from '../../helpers/temp'

const temp = tempDirs()
let built: TestServer
let unbuilt: TestServer

beforeAll(async () => {
  const dist = await temp.make('lotledger-pane-')
  await mkdir(join(dist, 'assets'))
  await writeFile(join(dist, 'taskpane.html'), '<!doctype html><p>pane</p>')
  await writeFile(join(dist, 'commands.html'), '<!doctype html><p>commands</p>')
  await writeFile(join(dist, 'assets', 'taskpane-AbC12345.js'), 'export {}')
  await writeFile(join(dist, 'assets', 'taskpane-AbC12345.css'), 'p {}')
  await writeFile(join(dist, 'assets', 'icon-16.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]))
  built = await startServer({ app: { addinDir: dist } })
  unbuilt = await startServer({ app: { addinDir: await temp.make('lotledger-unbuilt-') } })
})
afterAll(async () => {
  await built?.close()
  await unbuilt?.close()
  await temp.cleanup()
})

/** The policy's directives by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]))
}

describe('the pane is served with nosniff and its Content-Security-Policy', () => {
  it('on its pages, its assets, the redirect to it and the 503 before it is built', async () => {
    const answers: Array<[string, string, number]> = [
      [built.url, '/taskpane.html', 200], [built.url, '/commands.html', 200], [built.url, '/assets/taskpane-AbC12345.js', 200],
      [built.url, '/assets/taskpane-AbC12345.css', 200], [built.url, '/assets/icon-16.png', 200], [built.url, '/', 302],
      [unbuilt.url, '/taskpane.html', 503],
    ]
    for (const [url, path, status] of answers) {
      const res = await fetch(`${url}${path}`, { redirect: 'manual' })
      expect(res.status, path).toBe(status)
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(res.headers.get('content-security-policy'), path).toBe(PANE_CSP)
      await res.arrayBuffer()
    }
  })

  it('and the pane\'s files with the content types that nosniff then holds the browser to', async () => {
    const types: Array<[string, RegExp]> = [
      ['/taskpane.html', /^text\/html/], ['/assets/taskpane-AbC12345.js', /javascript/], ['/assets/taskpane-AbC12345.css', /^text\/css/], ['/assets/icon-16.png', /^image\/png/],
    ]
    for (const [path, type] of types) {
      const res = await fetch(`${built.url}${path}`)
      expect(res.headers.get('content-type'), path).toMatch(type)
      await res.arrayBuffer()
    }
  })

  it('not on the API, which answers JSON to scripts, never pages', async () => {
    const res = await fetch(`${built.url}/api/v1/health`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toBeNull()
    await res.arrayBuffer()
  })
})

describe('the policy', () => {
  const policy = directives(PANE_CSP)

  it('runs only our scripts, office.js and what it loads: no inline script, no eval', () => {
    expect(policy.get('script-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com', 'https://ajax.aspnetcdn.com'])
    expect(policy.get('default-src')).toEqual(["'self'"])
    expect(policy.get('object-src')).toEqual(["'none'"])
    expect(policy.get('base-uri')).toEqual(["'self'"])
    expect(PANE_CSP).not.toMatch(/'unsafe-eval'|'wasm-unsafe-eval'|script-src[^;]*'unsafe-inline'|\*(?!\.)/)
  })

  it('lets Office on the web frame the pane, and no one else', () => {
    expect(policy.get('frame-ancestors')).toEqual([
      "'self'", 'https://*.officeapps.live.com', 'https://*.sharepoint.com', 'https://onedrive.live.com', 'https://*.office.com',
      'https://*.office365.com', 'https://*.microsoft365.com', 'https://*.cloud.microsoft',
    ])
  })

  it('lets the pane call its own server, and office.js its telemetry', () => {
    expect(policy.get('connect-src')).toEqual(["'self'", 'https://*.pipe.aria.microsoft.com'])
    expect(policy.get('frame-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com', 'https://telemetryservice.firstpartyapps.oaspapps.com'])
  })
})
