import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { exportedNames, JSON_SCHEMA_MODULES, NO_JSON_SCHEMA, throwingModule, zodWithoutJsonSchema } from '../../../scripts/lib/zod-json-schema'

const zodCore = join(dirname(createRequire(import.meta.url).resolve('zod/package.json')), 'v4/core')

describe('zod without its JSON Schema generation, in the pane', () => {
  it('reads every name the modules export, aliases included', () => {
    const names = (m: string) => exportedNames(readFileSync(join(zodCore, m), 'utf8'))
    expect(names('json-schema-processors.js')).toEqual(expect.arrayContaining(['stringProcessor', 'allProcessors', 'toJSONSchema']))
    expect(names('to-json-schema.js')).toEqual(expect.arrayContaining(['processSchema', 'process', 'createToJSONSchemaMethod', 'createStandardJSONSchemaMethod']))
    expect(names('json-schema-generator.js')).toEqual(['JSONSchemaGenerator'])
    expect(exportedNames('export async function a() {}\nexport { b as c, d }\nexport let e = 1\n')).toEqual(['a', 'e', 'c', 'd'])
  })

  it('stands in functions of the same names that say why they fail', async () => {
    const code = throwingModule(['toJSONSchema', 'JSONSchemaGenerator'])
    const mod = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as Record<string, () => unknown>
    expect(Object.keys(mod).sort()).toEqual(['JSONSchemaGenerator', 'toJSONSchema'])
    expect(() => mod.toJSONSchema()).toThrow(NO_JSON_SCHEMA)
  })

  it('replaces those three modules of zod, and nothing else', () => {
    const load = zodWithoutJsonSchema().load as (id: string) => string | null
    for (const m of JSON_SCHEMA_MODULES) expect(load(join(zodCore, m)), m).toContain(NO_JSON_SCHEMA)
    expect(load(join(zodCore, 'schemas.js'))).toBeNull()
    expect(load('/repo/shared/to-json-schema.js')).toBeNull()
  })
})
