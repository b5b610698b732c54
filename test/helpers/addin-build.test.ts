/**
 * The stale-build check against the pane's real build: it follows what the build bundled, so a
 * change to shared/ (or anything else the pane imports) means a rebuild before browser tests.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildStaleness, type BuildSources } from '../../scripts/lib/build-sources'
import { ADDIN_BUILD_INPUTS } from './addin-build'
import { requireBuiltAddin } from './built-addin'

describe('the task pane build and its stale check', () => {
  let record: BuildSources
  beforeAll(() => {
    requireBuiltAddin() // the global setup built it
    record = JSON.parse(readFileSync(ADDIN_BUILD_INPUTS.record, 'utf8')) as BuildSources
  })

  it('lists the pages, the pane\'s modules and the shared/ modules it imports', () => {
    expect(record.files).toEqual(expect.arrayContaining(['addin/taskpane.html', 'addin/commands.html', 'addin/src/main.ts']))
    expect(record.files.some((f) => f.startsWith('shared/'))).toBe(true)
    expect(record.files.filter((f) => f.startsWith('server/') || f.includes('node_modules'))).toEqual([])
  })

  it('is stale once a shared/ module the pane imports changed, or the lockfile, and not before', () => {
    const shared = record.files.find((f) => f.startsWith('shared/'))!
    // Times made up around the build's start, so that edits in the working tree do not matter.
    const times = (changed: string | null) => (path: string) => (path === (changed && join(ADDIN_BUILD_INPUTS.root, changed)) ? record.startedAt + 1 : record.startedAt - 1)
    expect(buildStaleness({ ...ADDIN_BUILD_INPUTS, mtime: times(null) })).toBeNull()
    expect(buildStaleness({ ...ADDIN_BUILD_INPUTS, mtime: times(shared) })).toBe(`${shared} changed since the build`)
    expect(buildStaleness({ ...ADDIN_BUILD_INPUTS, mtime: times('package-lock.json') })).toBe('package-lock.json changed since the build')
    expect(buildStaleness({ ...ADDIN_BUILD_INPUTS, mtime: times('addin/public/assets/icon-32.png') })).toBe('addin/public/assets/icon-32.png changed since the build')
  })
})
