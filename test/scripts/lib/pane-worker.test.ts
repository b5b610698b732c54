import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildVersion, PLACEHOLDER, type PaneBuild } from '../../../scripts/lib/pane-worker'
import { requireBuiltAddin } from '../../helpers/built-addin'

describe('the service worker the build finishes', () => {
  it('names a version after the files, their names and contents', () => {
    const v = buildVersion(new Map([['a.js', 'x'], ['b.css', 'y']]))
    expect(v).toMatch(/^[0-9a-f]{12}$/)
    expect(buildVersion(new Map([['b.css', 'y'], ['a.js', 'x']]))).toBe(v)
    expect(buildVersion(new Map([['a.js', 'x'], ['b.css', 'z']]))).not.toBe(v)
    expect(buildVersion(new Map([['a2.js', 'x'], ['b.css', 'y']]))).not.toBe(v)
  })

  it('keeps the page and every file it loads, no map, not itself nor the commands page', () => {
    const dist = requireBuiltAddin()
    const sw = readFileSync(join(dist, 'sw.js'), 'utf8')
    expect(sw).not.toContain(PLACEHOLDER)
    const build = JSON.parse(/(\{"version":.*?\]\})/.exec(sw)![1]) as PaneBuild
    expect(build.page).toBe('taskpane.html')
    const html = readFileSync(join(dist, 'taskpane.html'), 'utf8')
    const loads = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1])
    expect(loads.length).toBeGreaterThan(2)
    expect(build.files).toEqual(expect.arrayContaining(['taskpane.html', ...loads]))
    expect(build.files.filter((f) => /\.map$|^sw\.js$|^commands|\/commands-/.test(f))).toEqual([])
  })
})
