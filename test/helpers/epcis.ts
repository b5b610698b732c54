/**
 * EPCIS documents checked against GS1's EPCIS 2.0 JSON Schema (vendored in test/fixtures/epcis)
 * with ajv, as GS1 says to: draft-07 with the standard formats.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import { expect } from 'vitest'
import type { Client } from './server'

const FIXTURES = fileURLToPath(new URL('../fixtures/epcis/', import.meta.url))

/** A file of the vendored artefacts, parsed. */
export function epcisFixture(name: string): unknown {
  return JSON.parse(readFileSync(`${FIXTURES}${name}`, 'utf8'))
}

let validator: ((doc: unknown) => boolean) & { errors?: unknown } | undefined

/** GS1's schema's complaints about `doc`: none when it is a valid EPCIS document or event. */
export function schemaErrors(doc: unknown): unknown[] {
  if (!validator) {
    // GS1's schema writes `propertyNames`, `if` and its own patterns freely: strict mode would refuse the schema itself.
    const ajv = new Ajv({ allErrors: true, strict: false })
    addFormats(ajv)
    validator = ajv.compile(epcisFixture('EPCIS-JSON-Schema.json') as object)
  }
  return validator(doc) ? [] : ((validator.errors as unknown[] | undefined) ?? ['invalid'])
}

export interface EpcisDoc {
  '@context': unknown[]
  type: string
  schemaVersion: string
  creationDate: string
  'lotledger:omitted'?: Array<{ product: string; lot: string | null; problem: string; moves: number }>
  epcisBody: { eventList: Array<Record<string, any>> }
}

export interface EpcisReply {
  status: number
  headers: Headers
  text: string
}

/** GET /api/v1/exports/epcis.jsonld?<query>, read to the end. */
export async function getEpcis(url: string, c: Client, query = ''): Promise<EpcisReply> {
  const res = await fetch(`${url}/api/v1/exports/epcis.jsonld${query ? `?${query}` : ''}`, { headers: { authorization: `Bearer ${c.token}` } })
  return { status: res.status, headers: res.headers, text: await res.text() }
}

/** The document of a 200 answer, after checking it is JSON-LD and valid against GS1's schema. */
export async function epcisDocument(url: string, c: Client, query = ''): Promise<EpcisDoc> {
  const r = await getEpcis(url, c, query)
  expect(r.status, r.text.slice(0, 500)).toBe(200)
  expect(r.headers.get('content-type')).toBe('application/ld+json')
  const doc = JSON.parse(r.text) as EpcisDoc
  expect(schemaErrors(doc)).toEqual([])
  return doc
}
