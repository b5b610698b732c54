/**
 * GS1 Digital Link URIs into their AIs, and the canonical URI of a set of AIs. Any host and any
 * path before the key; the key and its qualifiers in the path (`/01/…/22/…/10/…/21/…`, in the
 * order GS1 gives the key), data attributes in the query (`?17=261231&3103=000195`), values
 * percent-encoded. A fragment is ignored, as are query parameters that are not AIs (`linkType`).
 */
import { aiDef, bracketed, type AiDef } from './ai'
import { quoted, type AiValue, type Gs1Problem } from './types'

/** Options of {@link splitDigitalLink}. */
export interface DigitalLinkOptions {
  /**
   * Accept a GTIN-8, -12 or -13 for (01), padded to 14 digits. GS1 writes 14 digits in a Digital
   * Link, and its syntax engine refuses shorter ones unless asked; so does this parser.
   */
  zeroSuppressedGtin?: boolean
}

type Split = { ais: AiValue[] } | { problem: Gs1Problem }

const fail = (message: string, ai: string | null = null): Split => ({ problem: { ai, message } })

/** True when `text` starts like a web address (`https://`, `http://`; one case for the whole scheme). */
export function isDigitalLinkLike(text: string): boolean {
  return /^(https?|HTTPS?):\/\//.test(text)
}

/** Characters a URI may hold (RFC 3986), the percent sign included. */
const URI_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/

/** A path segment or query value decoded; `+` is a space only in the query, as in forms. */
function decode(text: string, query: boolean): string | null {
  try {
    const value = decodeURIComponent(query ? text.replace(/\+/g, ' ') : text)
    return value.includes('\u0000') ? null : value
  } catch {
    return null
  }
}

/** The alternatives of `key` that the path's qualifiers follow in order. */
function fittingSequences(key: AiDef, qualifiers: string[]): Array<readonly string[]> {
  return (key.keyQualifiers ?? []).filter((seq) => {
    let at = 0
    for (const q of qualifiers) {
      const i = seq.indexOf(q, at)
      if (i < 0) return false
      at = i + 1
    }
    return true
  })
}

/** Reads a Digital Link URI (without symbology identifier) into its AIs, path first, then the query. */
export function splitDigitalLink(uri: string, options: DigitalLinkOptions = {}): Split {
  if (!URI_CHARS.test(uri)) return fail(`a web address cannot hold ${quoted([...uri].find((ch) => !URI_CHARS.test(ch)) ?? '')}`)
  const rest = uri.replace(/^https?:\/\//i, '').split('#')[0]
  const slash = rest.indexOf('/')
  const host = slash < 0 ? rest.split('?')[0] : rest.slice(0, slash)
  if (!host || /[_~?#@!$&'()*+,;=%]/.test(host)) return fail('the Digital Link has no valid host name')
  const [path, query = ''] = (slash < 0 ? '' : rest.slice(slash)).split(/\?(.*)/s)
  if (path.endsWith('/')) return fail('a Digital Link path does not end with "/"')
  const segments = path.split('/').slice(1)
  // From the end, pairs of /AI/value back to the right-most primary key; what is before it is the host's own path.
  let root = -1
  for (let i = segments.length - 2; i >= 0; i -= 2) {
    const def = /^\d{2,4}$/.test(segments[i]) ? aiDef(segments[i]) : undefined
    if (!def) break
    if (def.keyQualifiers) {
      root = i
      break
    }
  }
  if (root < 0) return fail('no GS1 key (such as /01/ and a GTIN) in the Digital Link path')
  const key = aiDef(segments[root])!
  const ais: AiValue[] = []
  const qualifiers: string[] = []
  for (let i = root; i < segments.length; i += 2) {
    const ai = segments[i]
    const value = decode(segments[i + 1], false)
    if (value === null) return fail(`the path holds a broken percent-encoding after /${ai}/`, ai)
    if (!value) return fail(`AI ${bracketed(ai)} has an empty value in the path`, ai)
    if (i > root) qualifiers.push(ai)
    ais.push({ ai, value })
  }
  if (qualifiers.length && !fittingSequences(key, qualifiers).length) {
    const orders = (key.keyQualifiers ?? []).filter((seq) => seq.length).map((seq) => seq.map(bracketed).join(' then '))
    const allowed = orders.length ? `go in the order ${orders[0]}${orders.slice(1).map((o) => ` (or ${o} alone)`).join('')}` : 'are none'
    return fail(`AI ${bracketed(qualifiers[0])}: in a Digital Link path the qualifiers of ${bracketed(key.ai)} ${allowed}; this path has ${qualifiers.map(bracketed).join(' then ')}`, qualifiers[0])
  }
  const pathSequences = fittingSequences(key, qualifiers)
  for (const param of query.split('&')) {
    const eq = param.indexOf('=')
    if (eq < 0) continue
    const name = param.slice(0, eq)
    // Parameters that are not numbers are the resolver's (linkType...), not GS1 data.
    if (!/^\d+$/.test(name)) continue
    const def = aiDef(name)
    if (!def || !def.attribute) return fail(`${bracketed(name)} is not a GS1 application identifier a Digital Link may carry in its query`, name)
    if (pathSequences.some((seq) => seq.includes(name))) return fail(`AI ${bracketed(name)} qualifies ${bracketed(key.ai)}: it goes in the path, not in the query`, name)
    const value = decode(param.slice(eq + 1), true)
    if (value === null) return fail(`the query holds a broken percent-encoding in ${name}=`, name)
    if (!value) return fail(`AI ${bracketed(name)} has an empty value in the query`, name)
    ais.push({ ai: name, value })
  }
  const seen = new Set<string>()
  for (const { ai } of ais) {
    if (seen.has(ai)) return fail(`AI ${bracketed(ai)} is given twice in the Digital Link`, ai)
    seen.add(ai)
  }
  if (options.zeroSuppressedGtin) {
    for (const e of ais) if (e.ai === '01' && /^(\d{8}|\d{12,13})$/.test(e.value)) e.value = e.value.padStart(14, '0')
  }
  return { ais }
}

/** Percent-encodes all but URI's unreserved characters, as GS1 writes Digital Link values. */
const encode = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)

/**
 * The canonical GS1 Digital Link (`https://id.gs1.org/01/…/10/…?17=…`) of `ais`, or null when
 * they hold no primary key. The first key found leads; its qualifiers go in the path; other
 * AIs allowed as data attributes go in the query, in the order given.
 */
export function canonicalDigitalLink(ais: readonly AiValue[]): string | null {
  const key = ais.find((e) => aiDef(e.ai)?.keyQualifiers)
  if (!key) return null
  const present = new Set(ais.map((e) => e.ai))
  const sequences = aiDef(key.ai)!.keyQualifiers!
  // The alternative that carries most of the qualifiers present.
  const best = [...sequences].sort((a, b) => b.filter((q) => present.has(q)).length - a.filter((q) => present.has(q)).length)[0]
  const inPath = best.filter((q) => present.has(q))
  const value = (ai: string) => ais.find((e) => e.ai === ai)!.value
  const path = [key.ai, ...inPath].map((ai) => `/${ai}/${encode(value(ai))}`).join('')
  const inQuery = new Set<string>()
  const query: string[] = []
  for (const e of ais) {
    if (e.ai === key.ai || inPath.includes(e.ai) || inQuery.has(e.ai) || !aiDef(e.ai)?.attribute) continue
    inQuery.add(e.ai)
    query.push(`${e.ai}=${encode(e.value)}`)
  }
  return `https://id.gs1.org${path}${query.length ? `?${query.join('&')}` : ''}`
}
