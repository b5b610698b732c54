/**
 * Requests for one route of the OpenAPI document, as a fast-check arbitrary: its path parameters,
 * query and JSON body from the document's schemas (valid, at their edges, or mutated), and the
 * ways a body goes wrong on the wire: broken JSON, a wrong or missing content type, another JSON
 * value altogether, nesting thousands deep.
 */
import fc from 'fast-check'
import { deepNesting, hostileString } from './hostile-values'
import { importBody } from './import-bodies'
import type { JsonSchema, OpenApiDocument, Route } from './openapi'
import { schemaArbitrary } from './schema-arbitrary'
import { describeRequest, type WireRequest } from './wire'

export interface FuzzContext {
  doc: OpenApiDocument
  /** Existing values by property or parameter name. */
  pools: Readonly<Record<string, readonly string[]>>
  /** Names whose values should mostly be new. */
  fresh?: ReadonlySet<string>
  /** The bearer token every request carries. */
  token: string
}

/**
 * Longest path or query value sent, in UTF-16 units: beyond every name's own limit (200), yet short
 * enough that the request line, with five such values percent-encoded (at most 9 characters a
 * unit), stays under the 16 KB of headers Node's HTTP parser reads: past that it answers 431 with
 * no body before the application sees the request.
 */
const SEGMENT_MAX = 250

/** Path segments that are not even well-formed percent-encoding. */
const RAW_SEGMENTS = ['%', '%zz', '%C0%AF', '%FF', '%E0%A4%A', '%00', '..', '.', '%2e%2e', '%2F..%2F']

/** Percent-encodes every byte of the UTF-8 form of `value` but the unreserved ones (lone surrogates included, as U+FFFD). */
function encodeSegment(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('')
}

const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? String(v))

function pathArbitrary(route: Route, ctx: FuzzContext): fc.Arbitrary<string> {
  const params = route.params.filter((p) => p.in === 'path')
  const segment = (schema: JsonSchema, name: string) =>
    fc.oneof(
      { arbitrary: schemaArbitrary(schema, { ...ctx, mutate: true }, name).map((v) => encodeSegment(asText(v).slice(0, SEGMENT_MAX))), weight: 12 },
      { arbitrary: fc.constantFrom(...RAW_SEGMENTS), weight: 1 },
    )
  return fc.tuple(...params.map((p) => segment(p.schema, p.name))).map((values) => {
    let path = route.path
    params.forEach((p, i) => (path = path.replace(`{${p.name}}`, values[i])))
    return path
  })
}

function queryArbitrary(route: Route, ctx: FuzzContext): fc.Arbitrary<string> {
  const params = route.params.filter((p) => p.in === 'query')
  if (params.length === 0) return fc.constant('')
  const model = Object.fromEntries(params.map((p) => [p.name, schemaArbitrary(p.schema, { ...ctx, mutate: true }, p.name)]))
  const required = params.filter((p) => p.required).map((p) => p.name)
  return fc
    .tuple(fc.record(model, { requiredKeys: required }), fc.nat(9), hostileString)
    .map(([values, dice, extra]) => {
      const query = new URLSearchParams(Object.entries(values).map(([k, v]) => [k, asText(v).slice(0, SEGMENT_MAX)]))
      if (dice === 0 && required.length) query.delete(required[0])
      if (dice === 1) query.append(params[0].name, extra.slice(0, SEGMENT_MAX))
      const text = query.toString()
      return text ? `?${text}` : ''
    })
}

/** A JSON body of `schema`, or one broken on the wire. */
function jsonBody(schema: JsonSchema, ctx: FuzzContext): fc.Arbitrary<{ contentType?: string; body?: string }> {
  const json = 'application/json'
  const valid = schemaArbitrary(schema, { ...ctx, mutate: false }).map((v) => ({ contentType: json, body: JSON.stringify(v) }))
  const mutated = schemaArbitrary(schema, { ...ctx, mutate: true }).map((v) => ({ contentType: json, body: JSON.stringify(v) }))
  const other = fc.oneof(fc.jsonValue({ maxDepth: 4 }), deepNesting).map((v) => ({ contentType: json, body: JSON.stringify(v) }))
  const broken = fc
    .tuple(mutated, fc.nat(7))
    .map(([{ body = '{}' }, cut]) => ({ contentType: json, body: [body.slice(0, Math.floor(body.length / 2)), `${body}}`, `${body},`, `\ufeff${body}`, body.replace(/"/, "'"), '', 'NaN', '{"a":1,}'][cut] }))
  const wrongType = fc
    .tuple(valid, fc.constantFrom(undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/jsonx', 'application/xml', '*/*', ''))
    .map(([{ body }, contentType]) => ({ contentType, body }))
  return fc.oneof(
    { arbitrary: valid, weight: 6 },
    { arbitrary: mutated, weight: 6 },
    { arbitrary: broken, weight: 1 },
    { arbitrary: other, weight: 1 },
    { arbitrary: wrongType, weight: 1 },
  )
}

/** `req`, which fast-check reports as the curl command that replays it (the token left out). */
export function printable(req: WireRequest): WireRequest {
  return Object.defineProperty(req, fc.toStringMethod, { value: () => describeRequest(req) })
}

/** Requests of every kind for `route`. */
export function requestArbitrary(route: Route, ctx: FuzzContext): fc.Arbitrary<WireRequest> {
  const body =
    route.body ? jsonBody(route.body, ctx)
    : route.key === 'POST /imports' ? importBody(ctx.pools)
    : fc.constantFrom<{ contentType?: string; body?: string }>({}, {}, {}, { contentType: 'application/json', body: '{"unexpected":true}' })
  return fc.tuple(pathArbitrary(route, ctx), queryArbitrary(route, ctx), body).map(([path, query, b]) => {
    const req: WireRequest = {
      method: route.method,
      path: `${path}${query}`,
      headers: { authorization: `Bearer ${ctx.token}`, ...(b.contentType === undefined ? {} : { 'content-type': b.contentType }) },
      ...(b.body === undefined ? {} : { body: b.body }),
    }
    return printable(req)
  })
}
