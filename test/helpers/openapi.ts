/**
 * The routes of the OpenAPI document a server serves, as plain data: what the auth matrix and the
 * fuzz test iterate, so that a route added to the server is covered without anyone listing it.
 */
import { createApp } from '../../server/http/app'
import { LedgerStore } from '../../server/store/ledger-store'

/** The parts of JSON Schema the API's schemas use. */
export interface JsonSchema {
  $ref?: string
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  items?: JsonSchema
  minItems?: number
  maxItems?: number
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  pattern?: string
  format?: string
  oneOf?: JsonSchema[]
  anyOf?: JsonSchema[]
  allOf?: JsonSchema[]
  default?: unknown
  description?: string
}

export interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema: JsonSchema
}

interface Operation {
  parameters?: Parameter[]
  requestBody?: { content: Record<string, { schema: JsonSchema }> }
  responses: Record<string, unknown>
  security?: unknown[]
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>
  components?: { schemas?: Record<string, JsonSchema> }
}

/** One route of the document. */
export interface Route {
  /** `PUT /products/{sku}`: the method and the path under `/api/v1`. */
  key: string
  method: string
  /** The templated path under `/api/v1`, e.g. `/products/{sku}`. */
  path: string
  /** Whether the document asks for a bearer token. */
  secured: boolean
  params: Parameter[]
  /** The JSON body's schema, when the route documents one. */
  body?: JsonSchema
  /** The statuses the document says the route answers with. */
  statuses: number[]
}

const API = '/api/v1'
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Every route of `doc`, in the document's order. */
export function routesOf(doc: OpenApiDocument): Route[] {
  const routes: Route[] = []
  for (const [full, operations] of Object.entries(doc.paths)) {
    if (!full.startsWith(API)) throw new Error(`${full} is outside ${API}`)
    const path = full.slice(API.length)
    for (const [verb, op] of Object.entries(operations)) {
      const method = verb.toUpperCase()
      routes.push({
        key: `${method} ${path}`, method, path,
        secured: (op.security ?? []).length > 0,
        params: op.parameters ?? [],
        body: op.requestBody?.content['application/json']?.schema,
        statuses: Object.keys(op.responses).map(Number),
      })
    }
  }
  return routes
}

/** The routes that write: POST, PUT, PATCH and DELETE. */
export function writeRoutes(doc: OpenApiDocument): Route[] {
  return routesOf(doc).filter((r) => WRITE_METHODS.has(r.method))
}

/** `schema` itself, or the component its `$ref` points at. */
export function deref(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema
  const name = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)?.[1]
  const target = name === undefined ? undefined : doc.components?.schemas?.[name]
  if (!target) throw new Error(`unresolved $ref ${schema.$ref}`)
  return deref(doc, target)
}

/** `template` with each `{name}` replaced by its value, URL-encoded. */
export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for {${name}} in ${template}`)
    return encodeURIComponent(values[name])
  })
}

/**
 * The document the application serves, read without a server (a memory store): known while a test
 * file is collected, so that each route can be a test of its own.
 */
export async function servedDocument(): Promise<OpenApiDocument> {
  const store = await LedgerStore.openMemory()
  try {
    const res = await createApp(store).request(`${API}/openapi.json`)
    if (res.status !== 200) throw new Error(`GET ${API}/openapi.json answered ${res.status}`)
    return (await res.json()) as OpenApiDocument
  } finally {
    await store.close()
  }
}
