import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import packageJson from '../package.json' with { type: 'json' }
import { requireBuiltAddin } from './helpers/built-addin'
import { ASSETS_DIR, MANIFEST_FILE, manifestProblems, parseElements, validateAgainstXsd } from './helpers/manifest'
import { startServer, type TestServer } from './helpers/server'

const manifest = readFileSync(MANIFEST_FILE, 'utf8')
const expectations = { version: packageJson.version, assetsDir: ASSETS_DIR }

describe('manifest.xml against the Office XSDs', () => {
  it('is valid (OfficeAppManifestV1_1.xsd and the schemas it imports)', async () => {
    const result = await validateAgainstXsd(manifest)
    expect(result.errors).toEqual([])
    expect(result.valid).toBe(true)
  })

  it('a copy with Permissions before DefaultSettings is rejected: the validation is not vacuous', async () => {
    const permissions = '  <Permissions>ReadWriteDocument</Permissions>\n'
    expect(manifest).toContain(permissions)
    const misordered = manifest.replace(permissions, '').replace('  <DefaultSettings>', `${permissions}  <DefaultSettings>`)
    const result = await validateAgainstXsd(misordered)
    expect(result.valid).toBe(false)
    expect(result.errors.join('\n')).toMatch(/Element '\{[^}]+\}Permissions': This element is not expected/)
  })

  it('without the XSDs the validation fails with a message saying where they should be (no skip)', async () => {
    await expect(validateAgainstXsd(manifest, join(ASSETS_DIR, 'no-such-dir'))).rejects.toThrow(
      /the Office manifest XSDs are missing: expected OfficeAppManifestV1_1\.xsd .*test\/fixtures\/office-manifest-xsd/,
    )
  })

  it('a copy with a resid over 32 characters is rejected', async () => {
    const long = 'TaskpaneButton.Label.ButTooLongById'
    const result = await validateAgainstXsd(manifest.replaceAll('"TaskpaneButton.Label"', `"${long}"`))
    expect(result.valid).toBe(false)
  })
})

describe('manifest.xml: what the XSDs cannot check', () => {
  it('has no problems: resids resolve, one https origin, icons exist at their sizes, Version, Id, ExcelApi 1.9', () => {
    expect(manifestProblems(manifest, expectations)).toEqual([])
  })

  it('says what the add-in is: Excel task pane, ReadWriteDocument, one Home tab button showing the pane', () => {
    const els = parseElements(manifest)
    const one = (name: string) => els.filter((e) => e.name === name)
    expect(one('OfficeApp')[0].attrs['xsi:type']).toBe('TaskPaneApp')
    expect(one('Version')[0].text).toBe(`${packageJson.version}.0`)
    expect(one('Permissions')[0].text).toBe('ReadWriteDocument')
    expect(one('SourceLocation')[0].attrs.DefaultValue).toBe('https://localhost:3000/taskpane.html')
    expect(one('OfficeTab').map((t) => t.attrs.id)).toEqual(['TabHome'])
    const controls = one('Control')
    expect(controls).toHaveLength(1)
    expect(one('Action')[0].attrs['xsi:type']).toBe('ShowTaskpane')
    expect(one('TaskpaneId')[0].text).toBe('ButtonId1')
    // Every resid fits the schema's 32 characters (the XSD checks it too).
    for (const e of els) if (e.attrs.resid) expect(e.attrs.resid.length).toBeLessThanOrEqual(32)
  })

  // Each broken copy must be caught, so that the check above cannot pass by checking nothing.
  const broken: Array<[string, (xml: string) => string, RegExp]> = [
    ['a dangling resid', (x) => x.replace('<SourceLocation resid="Taskpane.Url"/>', '<SourceLocation resid="Taskpane.Gone"/>'), /Taskpane\.Gone.*names no resource/],
    ['a resid of the wrong kind', (x) => x.replace('<Label resid="Group.Label"/>', '<Label resid="Commands.Url"/>'), /needs a short string, but Commands\.Url is a url/],
    ['an http URL', (x) => x.replace('https://localhost:3000/commands.html', 'http://localhost:3000/commands.html'), /commands\.html is not https/],
    ['a second origin', (x) => x.replace('https://localhost:3000/assets/icon-80.png', 'https://cdn.example.com/assets/icon-80.png'), /is not on the pane's origin/],
    ['a missing 80 px ribbon image', (x) => x.replace(/\s*<bt:Image size="80" resid="Icon\.80x80"\/>/, ''), /has no 80 px image/],
    ['an icon file that does not exist', (x) => x.replace('assets/icon-16.png', 'assets/icon-17.png'), /icon-17\.png does not exist/],
    ['an icon of the wrong size', (x) => x.replace('assets/icon-80.png', 'assets/icon-64.png'), /is 64x64, not 80x80/],
    ['a Version other than package.json', (x) => x.replace(/<Version>[^<]*<\/Version>/, '<Version>9.9.9.0</Version>'), /Version 9\.9\.9\.0 is not package\.json's/],
    ['an Id that is no GUID', (x) => x.replace(/<Id>[^<]*<\/Id>/, '<Id>lotledger</Id>'), /Id "lotledger" is not a GUID/],
    ['another ExcelApi version', (x) => x.replace('<Set Name="ExcelApi" MinVersion="1.9"/>', '<Set Name="ExcelApi" MinVersion="1.7"/>'), /ExcelApi requirement is not MinVersion 1\.9 \(found 1\.7\)/],
    ['an unused resource', (x) => x.replace('</bt:ShortStrings>', '  <bt:String id="Spare" DefaultValue="spare"/>\n      </bt:ShortStrings>'), /resource Spare is never used/],
  ]
  it.each(broken)('a copy with %s is caught', (_, breakIt, problem) => {
    const copy = breakIt(manifest)
    expect(copy).not.toBe(manifest)
    const problems = manifestProblems(copy, expectations)
    expect(problems.join('\n')).toMatch(problem)
  })
})

describe('the manifest icons, as the real server serves them', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({ app: { addinDir: requireBuiltAddin() } })
  })
  afterAll(async () => {
    await server?.close()
  })

  it('each image the manifest names answers 200 image/png, cacheable, with the committed bytes', async () => {
    const els = parseElements(manifest)
    const urls = new Set([
      ...els.filter((e) => e.name === 'bt:Image' && e.attrs.DefaultValue).map((e) => e.attrs.DefaultValue),
      ...els.filter((e) => e.name === 'IconUrl' || e.name === 'HighResolutionIconUrl').map((e) => e.attrs.DefaultValue),
    ])
    expect([...urls].map((u) => new URL(u).pathname).sort()).toEqual(
      ['/assets/icon-16.png', '/assets/icon-32.png', '/assets/icon-64.png', '/assets/icon-80.png'],
    )
    for (const url of urls) {
      const path = new URL(url).pathname
      const res = await fetch(`${server.url}${path}`)
      expect(res.status, path).toBe(200)
      expect(res.headers.get('content-type'), path).toBe('image/png')
      // Office caches ribbon images and refuses ones that forbid it.
      const cache = res.headers.get('cache-control') ?? ''
      expect(cache, path).toMatch(/\bpublic\b/)
      expect(Number(/max-age=(\d+)/.exec(cache)?.[1]), path).toBeGreaterThan(0)
      expect(cache, path).not.toMatch(/no-cache|no-store|private/)
      expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(join(ASSETS_DIR, path.slice('/assets/'.length)))), path).toBe(true)
    }
  })
})
