import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tempDirs } from './helpers/temp'
import { importsOf, systemReason, testTiers } from './tiers'

const REPO_ROOT = resolve(import.meta.dirname, '..')
const temp = tempDirs()
afterAll(() => temp.cleanup())

describe('importsOf', () => {
  it('lists static, side-effect, re-exported and literal dynamic imports, not type-only ones', () => {
    const source = [
      "import { a, b } from './a'",
      "import {\n  c,\n} from \"../c\"",
      "import './side-effect'",
      "export { d } from './d'",
      "export * from './e'",
      "const f = await import('./f')",
      "import type { G } from './g'",
      "export type { H } from './h'",
      "const text = 'import nothing from here'",
    ].join('\n')
    expect(importsOf(source)).toEqual(['./a', '../c', './side-effect', './d', './e', './f'])
  })
})

describe('systemReason', () => {
  it('follows test helpers to a process, a browser or the built pane, and says through which', async () => {
    const root = await temp.make()
    const files: Record<string, string> = {
      'test/helpers/spawns.ts': "import { spawn } from 'node:child_process'\nexport const go = spawn",
      'test/helpers/middle.ts': "export { go } from './spawns'",
      'test/helpers/built-addin.ts': 'export const dir = 1',
      'test/helpers/pure.ts': "import type { ChildProcess } from 'node:child_process'\nexport type P = ChildProcess",
      'test/a.test.ts': "import { go } from './helpers/middle'",
      'test/b.test.ts': "import { chromium } from 'playwright-core'",
      'test/c.test.ts': "import { dir } from './helpers/built-addin'",
      'test/d.test.ts': "import type { P } from './helpers/pure'\nimport { x } from '../server/x'\nimport { y } from './helpers/loop-a'",
      'test/helpers/loop-a.ts': "export { y } from './loop-b'",
      'test/helpers/loop-b.ts': "export { y } from './loop-a'",
      'server/x.ts': "import { spawn } from 'node:child_process'\nexport const x = spawn",
    }
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(root, path, '..'), { recursive: true })
      await writeFile(join(root, path), text)
    }
    const at = (f: string) => systemReason(root, join(root, f))
    expect(at('test/a.test.ts')).toBe('test/a.test.ts → test/helpers/middle.ts → test/helpers/spawns.ts imports node:child_process')
    expect(at('test/b.test.ts')).toBe('test/b.test.ts imports playwright-core')
    expect(at('test/c.test.ts')).toBe('test/c.test.ts → test/helpers/built-addin.ts')
    // Type-only imports, the code under test (server/) and import cycles do not count.
    expect(at('test/d.test.ts')).toBeNull()
    expect(testTiers(root)).toEqual({ unit: ['test/d.test.ts'], system: ['test/a.test.ts', 'test/b.test.ts', 'test/c.test.ts'] })
  })
})

describe('the tiers of this repository', () => {
  const tiers = testTiers(REPO_ROOT)

  it('put what drives a browser, LibreOffice, the server process or the built pane in the system tier', () => {
    for (const file of ['test/addin/e2e/record.test.ts', 'test/server/templates/libreoffice.test.ts', 'test/server/admin/cli.test.ts', 'test/server/http/static.test.ts']) {
      expect(tiers.system, file).toContain(file)
    }
  })

  it('leave the in-process tests in the unit tier, and every test file in exactly one tier', () => {
    for (const file of ['test/shared/dates.test.ts', 'test/server/store/snapshots.test.ts', 'test/tiers.test.ts']) expect(tiers.unit, file).toContain(file)
    expect(tiers.unit.filter((f) => tiers.system.includes(f))).toEqual([])
    expect(tiers.unit.length).toBeGreaterThan(tiers.system.length)
  })
})
