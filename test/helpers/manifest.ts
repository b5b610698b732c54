/**
 * Checks of the add-in manifest: the Office XSDs (with xmllint-wasm), and what the XSDs cannot
 * check (resids, one https origin, icon files and sizes, Version, Id, ExcelApi), as lists of
 * problems so that a test can show every one at once, and prove that a broken copy has some.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { validateXML } from 'xmllint-wasm'

export const REPO_ROOT = resolve(import.meta.dirname, '../..')
export const MANIFEST_FILE = join(REPO_ROOT, 'manifest.xml')
export const ASSETS_DIR = join(REPO_ROOT, 'addin/public/assets')
/** Microsoft's task pane manifest XSDs, vendored as test fixtures (see the README there). */
export const XSD_DIR = join(REPO_ROOT, 'test/fixtures/office-manifest-xsd')
const MAIN_XSD = 'OfficeAppManifestV1_1.xsd'

/** Validates `xml` against OfficeAppManifestV1_1.xsd; throws when the XSDs are not there. */
export async function validateAgainstXsd(xml: string, xsdDir: string = XSD_DIR): Promise<{ valid: boolean; errors: string[] }> {
  if (!existsSync(join(xsdDir, MAIN_XSD))) {
    throw new Error(
      `the Office manifest XSDs are missing: expected ${MAIN_XSD} and the schemas it imports in ${xsdDir} ` +
        '(test/fixtures/office-manifest-xsd in the repository); the manifest cannot be validated without them',
    )
  }
  const file = (fileName: string) => ({ fileName, contents: readFileSync(join(xsdDir, fileName), 'utf8') })
  const others = readdirSync(xsdDir).filter((f) => f.endsWith('.xsd') && f !== MAIN_XSD)
  const result = await validateXML({ xml: [{ fileName: 'manifest.xml', contents: xml }], schema: [file(MAIN_XSD)], preload: others.map(file) })
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) }
}

/** One element: name, attributes (entities decoded), text (simple elements), ancestors' names. */
export interface XmlElement {
  name: string
  attrs: Record<string, string>
  text: string
  ancestors: string[]
  /** Index of the parent element in the list, -1 for the root. */
  parent: number
}

const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(Number(e[1] === 'x' || e[1] === 'X' ? `0${e.slice(1)}` : e.slice(1)))
    : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()],
  )

/** The elements of `xml` in document order (enough XML for a manifest: no CDATA, no DTD). */
export function parseElements(xml: string): XmlElement[] {
  const body = xml.replace(/<!--[\s\S]*?-->/g, '').replace(/<\?[\s\S]*?\?>/g, '')
  const out: XmlElement[] = []
  const stack: number[] = []
  for (const m of body.matchAll(/<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>/g)) {
    const [whole, closing, name, attrText, selfClosing] = m
    if (closing) {
      const open = stack.pop()
      if (open === undefined || out[open].name !== name) throw new Error(`unbalanced </${name}>`)
      continue
    }
    const attrs: Record<string, string> = {}
    for (const a of attrText.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) attrs[a[1]] = decode(a[2])
    const after = m.index + whole.length
    const text = selfClosing ? '' : decode(body.slice(after, body.indexOf('<', after)).trim())
    out.push({ name, attrs, text, ancestors: stack.map((i) => out[i].name), parent: stack.at(-1) ?? -1 })
    if (!selfClosing) stack.push(out.length - 1)
  }
  if (stack.length) throw new Error(`unclosed <${out[stack.at(-1)!].name}>`)
  return out
}

/** Width and height of a PNG, or null when `bytes` is not one. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') return null
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

type ResourceKind = 'image' | 'url' | 'short string' | 'long string'

/** What each element that carries a `resid` must point at. */
const RESID_KIND: Record<string, ResourceKind> = {
  'bt:Image': 'image',
  SourceLocation: 'url',
  FunctionFile: 'url',
  LearnMoreUrl: 'url',
  Label: 'short string',
  Title: 'short string',
  Description: 'long string',
}

export interface ManifestExpectations {
  /** package.json's version (`x.y.z`); the manifest must say `x.y.z.0`. */
  version: string
  /** Where the icons the manifest names live (`<origin>/assets/<file>` → `<assetsDir>/<file>`). */
  assetsDir: string
}

/** Everything wrong with `xml` that the XSDs do not see; empty when all is well. */
export function manifestProblems(xml: string, expect: ManifestExpectations): string[] {
  const problems: string[] = []
  let els: XmlElement[]
  try {
    els = parseElements(xml)
  } catch (err) {
    return [`not well-formed: ${(err as Error).message}`]
  }
  const all = (name: string) => els.filter((e) => e.name === name)
  const one = (name: string) => all(name)[0]

  const id = one('Id')?.text ?? ''
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) problems.push(`Id "${id}" is not a GUID`)
  const version = one('Version')?.text
  if (version !== `${expect.version}.0`) problems.push(`Version ${version} is not package.json's ${expect.version} as ${expect.version}.0`)
  const excel = all('Set').filter((s) => s.attrs.Name === 'ExcelApi')
  if (excel.length !== 1 || excel[0].attrs.MinVersion !== '1.9') {
    problems.push(`the ExcelApi requirement is not MinVersion 1.9 (found ${excel.map((s) => s.attrs.MinVersion).join(', ') || 'none'})`)
  }
  if (!all('Host').some((h) => h.attrs.Name === 'Workbook')) problems.push('no <Host Name="Workbook"/>')

  // Resources: unique ids, each of one kind; every resid names one of the right kind; none unused.
  const resources = new Map<string, { kind: ResourceKind; value: string }>()
  for (const e of els) {
    const parent = e.ancestors.at(-1)
    const kind: ResourceKind | undefined =
      e.name === 'bt:Image' && parent === 'bt:Images' ? 'image'
      : e.name === 'bt:Url' ? 'url'
      : e.name === 'bt:String' && parent === 'bt:ShortStrings' ? 'short string'
      : e.name === 'bt:String' && parent === 'bt:LongStrings' ? 'long string'
      : undefined
    if (!kind) continue
    if (resources.has(e.attrs.id)) problems.push(`resource id ${e.attrs.id} is defined twice`)
    resources.set(e.attrs.id, { kind, value: e.attrs.DefaultValue ?? '' })
  }
  const used = new Set<string>()
  for (const e of els.filter((e) => 'resid' in e.attrs)) {
    const resid = e.attrs.resid
    used.add(resid)
    const want = RESID_KIND[e.name]
    const have = resources.get(resid)
    if (!have) problems.push(`<${e.name} resid="${resid}"> names no resource in <Resources>`)
    else if (!want) problems.push(`<${e.name}> carries a resid, which this check does not know`)
    else if (have.kind !== want) problems.push(`<${e.name} resid="${resid}"> needs a ${want}, but ${resid} is a ${have.kind}`)
  }
  for (const rid of resources.keys()) if (!used.has(rid)) problems.push(`resource ${rid} is never used`)

  // URLs: all https, all on the origin of the task pane.
  const source = all('SourceLocation').find((e) => e.attrs.DefaultValue)?.attrs.DefaultValue
  const origin = source ? URL.canParse(source) && new URL(source).origin : undefined
  if (!origin) problems.push(`no usable DefaultSettings/SourceLocation (${source})`)
  for (const e of els) {
    // Namespace names (xmlns) look like URLs but are never fetched.
    const attrs = Object.entries(e.attrs).filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:'))
    const values = [...attrs.map(([, v]) => v), e.text].filter((v) => /^[a-z][a-z0-9+.-]*:\/\//i.test(v))
    for (const v of values) {
      const url = URL.canParse(v) ? new URL(v) : undefined
      if (url?.protocol !== 'https:') problems.push(`<${e.name}> ${v} is not https`)
      else if (origin && url.origin !== origin) problems.push(`<${e.name}> ${v} is not on the pane's origin ${origin}`)
    }
  }
  const domains = all('AppDomain').map((e) => e.text)
  if (origin && !domains.includes(origin)) problems.push(`AppDomains does not list ${origin}`)

  // Icons: each <Icon> offers 16, 32 and 80 px; each image is a PNG of that size in assetsDir.
  const iconFile = (url: string, what: string, size: number) => {
    const path = URL.canParse(url) ? new URL(url).pathname : ''
    const m = /^\/assets\/([\w.-]+\.png)$/.exec(path)
    if (!m) return problems.push(`${what} ${url} is not a PNG under /assets/`)
    const file = join(expect.assetsDir, m[1])
    if (!existsSync(file)) return problems.push(`${what} ${url}: ${file} does not exist`)
    const dims = pngSize(readFileSync(file))
    if (!dims) problems.push(`${what} ${url}: ${file} is not a PNG`)
    else if (dims.width !== size || dims.height !== size) problems.push(`${what} ${url}: ${file} is ${dims.width}x${dims.height}, not ${size}x${size}`)
  }
  const icons = all('Icon')
  if (icons.length === 0) problems.push('no ribbon <Icon>')
  for (const icon of icons) {
    const images = els.filter((e) => e.parent === els.indexOf(icon) && e.name === 'bt:Image')
    const sizes = new Set(images.map((e) => e.attrs.size))
    for (const size of ['16', '32', '80']) if (!sizes.has(size)) problems.push(`the <Icon> of <${icon.ancestors.at(-1)}> has no ${size} px image`)
    for (const e of images) {
      const res = resources.get(e.attrs.resid)
      if (res?.kind === 'image') iconFile(res.value, `image ${e.attrs.resid} (${e.attrs.size} px)`, Number(e.attrs.size))
    }
  }
  const iconUrl = one('IconUrl')?.attrs.DefaultValue
  const highRes = one('HighResolutionIconUrl')?.attrs.DefaultValue
  if (!iconUrl || !highRes) problems.push('IconUrl or HighResolutionIconUrl is missing')
  else {
    iconFile(iconUrl, 'IconUrl', 32)
    iconFile(highRes, 'HighResolutionIconUrl', 64)
  }
  return problems
}
