/**
 * fast-check arbitraries derived from the JSON Schemas of the OpenAPI document: values the schema
 * allows (its edges included), and the same values with mutations (a field of the wrong type or
 * at a hostile edge, a required field missing, an unknown one added). Strings whose property names
 * a pool knows are mostly taken from it, so that valid-looking requests name things that exist
 * and reach the ledger's rules instead of stopping at "not found".
 */
import fc from 'fast-check'
import { deref, type JsonSchema, type OpenApiDocument } from './openapi'
import { deepNesting, hostileDate, hostileInstant, hostileNumber, hostileString, validDate, validInstant, wrongType } from './hostile-values'

export interface SchemaArbitraryOptions {
  doc: OpenApiDocument
  /** Existing values by property or parameter name (`product`, `lot`, `from`...). */
  pools: Readonly<Record<string, readonly string[]>>
  /** Names whose values should mostly be new (client ids): their pool is drawn from one time in five. */
  fresh?: ReadonlySet<string>
  /** Mutate: now and then a field goes wrong (`false`: only values the schema allows). */
  mutate: boolean
}

/** A left-out field, before it is left out. */
const ABSENT = Symbol('absent')

/** Names of properties that hold quantities: a number or decimal text. */
const QUANTITIES = new Set(['qty', 'countedQty'])

/** Quantities: whole and decimal, as numbers and text, with the edges of their six decimals. */
const quantity: fc.Arbitrary<number | string> = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 500 }), weight: 6 },
  { arbitrary: fc.constantFrom(0.5, 0.000001, 1.25, '2.5', '0.000001', '1000000', 999_999_999_999, 0), weight: 2 },
)

/** An arbitrary of the values `schema` describes (see {@link SchemaArbitraryOptions.mutate}). */
export function schemaArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions, name?: string): fc.Arbitrary<unknown> {
  const valid = validArbitrary(deref(options.doc, schema), options, name)
  if (!options.mutate) return valid
  return fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: corruptArbitrary(deref(options.doc, schema), name), weight: 1 })
}

function validArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions, name?: string): fc.Arbitrary<unknown> {
  const branches = schema.oneOf ?? schema.anyOf
  if (name !== undefined && QUANTITIES.has(name)) return quantity
  if (branches) return fc.oneof(...branches.map((b) => schemaArbitrary(b, options, name)))
  if (schema.enum) return fc.constantFrom(...schema.enum)
  if (schema.const !== undefined) return fc.constant(schema.const)
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? 'object']
  const nullable = types.includes('null')
  const type = types.find((t) => t !== 'null')
  const value = typed(type, schema, options, name)
  return nullable ? fc.oneof({ arbitrary: value, weight: 4 }, { arbitrary: fc.constant(null), weight: 1 }) : value
}

function typed(type: string | undefined, schema: JsonSchema, options: SchemaArbitraryOptions, name?: string): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(schema, options, name)
    case 'integer': {
      const [min, max] = [schema.minimum ?? -1_000_000, schema.maximum ?? 1_000_000]
      return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max))
    }
    case 'number':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: schema.minimum, max: schema.maximum }), hostileNumber)
    case 'boolean':
      return fc.boolean()
    case 'array':
      return arrayArbitrary(schema, options, name)
    case 'object':
    case undefined:
      return objectArbitrary(schema, options)
    default:
      throw new Error(`no arbitrary for JSON Schema type ${type}`)
  }
}

function stringArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions, name?: string): fc.Arbitrary<string> {
  if (schema.format === 'date') return validDate
  if (schema.format === 'date-time') return validInstant
  const min = schema.minLength ?? 0
  const max = schema.maxLength ?? 4096
  const pattern = schema.pattern === undefined ? undefined : new RegExp(schema.pattern, 'u')
  const fits = (s: string) => s.length >= min && s.length <= max && (!pattern || pattern.test(s))
  const text = pattern && !pattern.source.startsWith('^[^')
    ? fc.stringMatching(pattern).map((s) => s.slice(0, max))
    : fc.string({ unit: 'grapheme', minLength: Math.max(min, 1), maxLength: Math.min(max, 24) })
  const edges = fc.constantFrom('x'.repeat(max), 'é'.repeat(max), `  ${'y'.repeat(Math.max(min, 1))}  `, 'Yogurt 日本', '🧪🚚', '\u202eevil')
  const free = fc.oneof({ arbitrary: text, weight: 6 }, { arbitrary: edges, weight: 1 }).filter(fits)
  const pool = name === undefined ? undefined : options.pools[name]
  if (name !== undefined && options.fresh?.has(name)) {
    // Long enough not to meet again by chance.
    const unique = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 16, maxLength: 16 }).filter(fits)
    return pool?.length
      ? fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 1 }, { arbitrary: unique, weight: 3 }, { arbitrary: free, weight: 1 })
      : fc.oneof({ arbitrary: unique, weight: 3 }, { arbitrary: free, weight: 1 })
  }
  return pool?.length ? fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 5 }, { arbitrary: free, weight: 1 }) : free
}

function arrayArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions, name?: string): fc.Arbitrary<unknown[]> {
  const min = schema.minItems ?? 0
  const max = Math.min(schema.maxItems ?? 3, min + 3)
  // Items of a named array (`serials`) draw from that name's pool.
  return fc.array(schemaArbitrary(schema.items ?? {}, options, name), { minLength: min, maxLength: max })
}

function objectArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {}
  const required = new Set(schema.required ?? [])
  // An optional field is left out two times in three: fewer fields, fewer contradictions between
  // them, so that more requests get past the rules that tie fields together.
  const model = Object.fromEntries(
    Object.entries(properties).map(([key, s]) => {
      const value = schemaArbitrary(s, options, key)
      return [key, required.has(key) ? value : fc.oneof({ arbitrary: fc.constant(ABSENT), weight: 2 }, { arbitrary: value, weight: 1 })]
    }),
  )
  const record = fc.record(model).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== ABSENT)))
  if (!options.mutate) return record
  return fc
    .tuple(record, fc.nat(11), fc.constantFrom(...Object.keys(properties), 'unknownField', '__proto__', 'constructor'), wrongType)
    .map(([value, dice, key, garbage]) => {
      const out: Record<string, unknown> = { ...value }
      if (dice === 0) delete out[key] // a required field may go missing
      if (dice === 1) Object.defineProperty(out, key, { value: garbage, enumerable: true, writable: true, configurable: true })
      return out
    })
}

/** A value that breaks `schema`: a hostile edge of its own type, or another type altogether. */
function corruptArbitrary(schema: JsonSchema, name?: string): fc.Arbitrary<unknown> {
  // A date or date-time (`anyOf`) goes wrong as either.
  const branches = schema.oneOf ?? schema.anyOf
  if (branches?.every((b) => b.format !== undefined)) return fc.oneof(...branches.map((b) => corruptArbitrary(b, name)))
  const types = Array.isArray(schema.type) ? schema.type : [schema.type]
  const own =
    name !== undefined && QUANTITIES.has(name) ? hostileNumber
    : schema.format === 'date' ? hostileDate
    : schema.format === 'date-time' ? hostileInstant
    : types.includes('string') ? hostileString
    : types.includes('number') || types.includes('integer') ? hostileNumber
    : types.includes('array') ? fc.constantFrom([], [null], Array.from({ length: 3 }, () => ({})))
    : wrongType
  return fc.oneof({ arbitrary: own, weight: 5 }, { arbitrary: wrongType, weight: 2 }, { arbitrary: deepNesting, weight: 1 })
}
