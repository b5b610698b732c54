import { mkdir, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildStaleness, recordBuildSources, sourceFiles, type BuildInputs } from '../../../scripts/lib/build-sources'
import { tempDirs } from '../../helpers/temp'

const temp = tempDirs()

/** A small project shaped like ours: a page in web/ importing a module from shared/. */
async function makeProject(root: string): Promise<void> {
  const files: Record<string, string> = {
    'web/index.html': '<!doctype html><script type="module" src="./main.ts"></script>',
    'web/main.ts': "import { greet } from '../shared/greet'\nimport './style.css'\ndocument.title = greet('pane')\n",
    'web/style.css': 'body { margin: 0 }\n',
    'shared/greet.ts': 'export const greet = (who: string) => `hello ${who}`\n',
    'shared/unused.ts': 'export const nobody = 1\n',
    'web/public/icon.txt': 'an icon\n',
    'package.json': '{}\n',
    'package-lock.json': '{}\n',
  }
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true })
    await writeFile(join(root, path), text)
  }
}

describe('the sources a vite build records, and the staleness check on them', () => {
  let root: string
  let inputs: BuildInputs
  /** Sets a file's time a minute after the build started, as an edit would. */
  const touch = async (path: string) => {
    const later = new Date(Date.now() + 60_000)
    await utimes(join(root, path), later, later)
  }
  /** Sets a file's time back before the build. */
  const untouch = async (path: string) => {
    const before = new Date(Date.now() - 3_600_000)
    await utimes(join(root, path), before, before)
  }

  beforeAll(async () => {
    root = await temp.make()
    await makeProject(root)
    for (const path of ['web/index.html', 'web/main.ts', 'web/style.css', 'shared/greet.ts', 'shared/unused.ts', 'web/public/icon.txt', 'package.json', 'package-lock.json']) {
      await untouch(path)
    }
    inputs = {
      root,
      record: join(root, 'dist/sources.json'),
      output: join(root, 'dist/web/index.html'),
      watched: ['package.json', 'package-lock.json', 'web/public'],
    }
    await build({
      configFile: false,
      logLevel: 'silent',
      root: join(root, 'web'),
      publicDir: join(root, 'web/public'),
      plugins: [recordBuildSources({ root, file: inputs.record })],
      build: { outDir: join(root, 'dist/web'), emptyOutDir: true },
    })
    // Folders' own times count (a file removed from public/): set them back too.
    await untouch('web/public')
  }, 60_000)
  afterAll(() => temp.cleanup())

  it('lists the modules the build loaded, shared/ included, and nothing it did not', async () => {
    const record = JSON.parse(await readFile(inputs.record, 'utf8'))
    expect(record.files).toEqual(['shared/greet.ts', 'web/index.html', 'web/main.ts', 'web/style.css'])
    expect(record.startedAt).toBeGreaterThan(Date.now() - 60_000)
  })

  it('finds the build fresh right after it', () => {
    expect(buildStaleness(inputs)).toBeNull()
  })

  it('finds it stale when a shared/ module the page imports changed, not when an unused one did', async () => {
    await touch('shared/unused.ts')
    expect(buildStaleness(inputs)).toBeNull()
    await touch('shared/greet.ts')
    expect(buildStaleness(inputs)).toBe('shared/greet.ts changed since the build')
    await untouch('shared/greet.ts')
    expect(buildStaleness(inputs)).toBeNull()
  })

  it('finds it stale when the lockfile, the public folder or a listed file changed or went', async () => {
    await touch('package-lock.json')
    expect(buildStaleness(inputs)).toBe('package-lock.json changed since the build')
    await untouch('package-lock.json')
    await writeFile(join(root, 'web/public/new.txt'), 'new\n')
    expect(buildStaleness(inputs)).toMatch(/^web\/public(\/new\.txt)? changed since the build$/)
    await rm(join(root, 'web/public/new.txt'))
    await untouch('web/public')
    expect(buildStaleness(inputs)).toBeNull()
    expect(buildStaleness({ ...inputs, mtime: (p) => (p.endsWith('style.css') ? null : 0) })).toBe('web/style.css, which the build read, is gone')
  })

  it('finds it stale when it is not built, or left no record', () => {
    expect(buildStaleness({ ...inputs, output: join(root, 'dist/web/none.html') })).toBe('dist/web/none.html is not built')
    expect(buildStaleness({ ...inputs, record: join(root, 'dist/none.json') })).toBe('the build left no readable list of its sources (dist/none.json)')
  })
})

describe('sourceFiles', () => {
  it('keeps files under the root, once each, without queries, virtual modules or node_modules', () => {
    expect(sourceFiles('/r', ['/r/b.ts', '/r/a.css?inline', '/r/a.css', '\0vite/preload-helper', '/r/node_modules/x/index.js', '/elsewhere/c.ts', 'bare'])).toEqual(['a.css', 'b.ts'])
  })
})
