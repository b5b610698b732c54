/**
 * A vite plugin leaving zod's JSON Schema generation out of the task pane. zod's classic schemas
 * reference it from every schema type (for `toJSONSchema()` and Standard Schema's `jsonSchema`),
 * so tree-shaking keeps all of it: about 6 kB of the pane's gzipped JavaScript. The server turns
 * the shared schemas into its OpenAPI document; the pane only parses with them. In the pane's
 * build the three modules that generate JSON Schema are replaced by functions of the same names
 * that throw, and a name zod adds or renames fails the build (a missing export) rather than the pane.
 */
import { readFileSync } from 'node:fs'
import type { Plugin } from 'vite'

/** zod's modules (under `zod/v4/core/`) that make JSON Schema and nothing else. */
export const JSON_SCHEMA_MODULES = ['json-schema-processors.js', 'to-json-schema.js', 'json-schema-generator.js'] as const

/** What calling any of them says in the pane. */
export const NO_JSON_SCHEMA = 'zod JSON Schema is left out of the task pane (scripts/lib/zod-json-schema.ts)'

const MODULE = new RegExp(`/node_modules/zod/v4/core/(${JSON_SCHEMA_MODULES.map((m) => m.replace('.', '\\.')).join('|')})$`)

/** The names an ES module exports: `export function|const|class|let name` and `export { a as b }`. */
export function exportedNames(code: string): string[] {
  const names = [...code.matchAll(/^export\s+(?:async\s+)?(?:function\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1])
  for (const list of code.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const item of list[1].split(',')) {
      const name = item.trim().split(/\s+as\s+/).pop()
      if (name) names.push(name)
    }
  }
  return [...new Set(names)]
}

/** A module exporting `names`, each a function that throws {@link NO_JSON_SCHEMA}. */
export function throwingModule(names: readonly string[]): string {
  const lines = names.map((n) => `export const ${n} = unavailable;`)
  return [`function unavailable() { throw new Error(${JSON.stringify(NO_JSON_SCHEMA)}); }`, ...lines, ''].join('\n')
}

/** The plugin (the pane's build only). */
export function zodWithoutJsonSchema(): Plugin {
  return {
    name: 'zod-without-json-schema',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      const path = id.split('?')[0]
      if (!MODULE.test(path.split('\\').join('/'))) return null
      return throwingModule(exportedNames(readFileSync(path, 'utf8')))
    },
  }
}
