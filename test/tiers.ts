/**
 * The two tiers of the test suite. A test file belongs to the system tier when it, or a test
 * module it imports (followed through relative imports inside test/ and scripts/), starts other
 * processes (`node:child_process`: the server, the admin command, LibreOffice, vite), drives a
 * browser (`playwright-core`), serves the built task pane (`helpers/built-addin`, which the
 * system tier's global setup builds), or sends the fuzzer's thousands of requests. Every other file is a unit test: in-process only, quick,
 * `npm run test:unit`. Reading the imports, rather than keeping a list, keeps a new slow test
 * out of the quick tier without anyone remembering to put it on a list.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'

/** Modules whose use puts a test in the system tier. */
export const SYSTEM_MODULES = ['node:child_process', 'child_process', 'playwright-core']
/**
 * Test helpers whose use does, relative to the repository root: the built pane, and the fuzzer's
 * requests (thousands of them, a minute and more on a busy machine: not the quick loop).
 */
export const SYSTEM_HELPERS = ['test/helpers/built-addin.ts', 'test/helpers/fuzz-requests.ts']

const IMPORT = /(?:^|[\s;])(?:import|export)(\s+type)?\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*\(?\s*['"]([^'"]+)['"]/gm

/**
 * The module specifiers `source` imports or re-exports, static and literal dynamic imports;
 * type-only imports run nothing and are left out.
 */
export function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].filter((m) => !m[1]).map((m) => m[2] ?? m[3])
}

/** Why the module at `file` is a system test (the chain of imports that makes it one), or null. */
export function systemReason(root: string, file: string, seen: Set<string> = new Set()): string | null {
  if (seen.has(file)) return null
  seen.add(file)
  const name = relative(root, file).split(sep).join('/')
  if (SYSTEM_HELPERS.includes(name)) return name
  for (const spec of importsOf(readFileSync(file, 'utf8'))) {
    if (SYSTEM_MODULES.includes(spec)) return `${name} imports ${spec}`
    if (!spec.startsWith('.')) continue
    const target = resolveLocal(resolve(dirname(file), spec))
    // Only our own test code and scripts: server/ and addin/ are what is under test.
    const rel = target && relative(root, target).split(sep).join('/')
    if (!target || !rel || !/^(test|scripts)\//.test(rel)) continue
    const why = systemReason(root, target, seen)
    if (why) return `${name} → ${why}`
  }
  return null
}

function resolveLocal(base: string): string | null {
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts'), base.replace(/\.js$/, '.ts')]) {
    if (candidate.endsWith('.ts') && existsSync(candidate)) return candidate
  }
  return null
}

/** Every `*.test.ts` under `dir`. */
function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name))
}

/** The repository's test files by tier, as paths relative to `root` (vitest include globs). */
export function testTiers(root: string): { unit: string[]; system: string[] } {
  const unit: string[] = []
  const system: string[] = []
  for (const file of testFiles(join(root, 'test')).sort()) {
    const rel = relative(root, file).split(sep).join('/')
    ;(systemReason(root, file) ? system : unit).push(rel)
  }
  return { unit, system }
}
