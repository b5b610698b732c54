import { afterEach, describe, expect, it } from 'vitest'
import { killStarted, spawnServer, startServerProcess } from '../helpers/process'
import { tempDirs } from '../helpers/temp'

const temp = tempDirs()

afterEach(async () => {
  await killStarted()
  await temp.cleanup()
})

const NOT_HTTPS = /lotledger: warning: the add-in's public origin (\S+) is not https, and Office loads add-ins only over https/

describe('server process (npm start): the add-in\'s public origin', () => {
  it('without PUBLIC_URL or TLS: http://<HOST>:<port>, in the manifest, with a warning that Office needs https', { timeout: 60_000 }, async () => {
    const server = await startServerProcess(await temp.make())
    const printed = await server.proc.waitForStdout(/lotledger: Excel add-in manifest at (\S+)\n/)
    expect(printed[1]).toBe(`${server.url}/manifest.xml`)
    const res = await fetch(`${server.url}/manifest.xml`)
    expect(res.status).toBe(200)
    const xml = await res.text()
    expect(xml).toContain(`<SourceLocation DefaultValue="${server.url}/taskpane.html"/>`)
    expect(xml).not.toContain('https://localhost:3000')
    await expect.poll(() => server.proc.stderr(), { timeout: 10_000 }).toMatch(NOT_HTTPS)
    expect(server.proc.stderr().match(NOT_HTTPS)![1]).toBe(server.url)
  })

  it('PUBLIC_URL: written into the manifest as given, no warning when https', { timeout: 60_000 }, async () => {
    const server = await startServerProcess(await temp.make(), { PUBLIC_URL: 'https://lotledger.example.com/' })
    const printed = await server.proc.waitForStdout(/lotledger: Excel add-in manifest at (\S+)\n/)
    expect(printed[1]).toBe('https://lotledger.example.com/manifest.xml')
    const xml = await (await fetch(`${server.url}/manifest.xml`)).text()
    expect(xml).toContain('<SourceLocation DefaultValue="https://lotledger.example.com/taskpane.html"/>')
    expect(xml).toContain('<bt:Image id="Icon.16x16" DefaultValue="https://lotledger.example.com/assets/icon-16.png"/>')
    expect(server.proc.stderr()).not.toMatch(NOT_HTTPS)
  })

  it('refuses a PUBLIC_URL that is not an origin, with a message rather than a stack', { timeout: 60_000 }, async () => {
    const proc = spawnServer(await temp.make(), { PUBLIC_URL: 'https://lotledger.example.com/ledger' })
    const exit = await proc.exited
    expect(exit.code).toBe(1)
    expect(proc.stderr()).toContain('lotledger: PUBLIC_URL must be an origin such as https://lotledger.example.com')
    expect(proc.stderr()).not.toMatch(/\n\s+at /)
  })
})
