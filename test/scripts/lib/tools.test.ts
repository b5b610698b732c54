import { describe, expect, it } from 'vitest'
import { findTool, installPlaces, thisHost, type Host } from '../../../scripts/lib/tools'

/** A machine with exactly `programs` runnable and `dirs` listing the given names. */
function host(platform: NodeJS.Platform, programs: string[], env: NodeJS.ProcessEnv = {}, dirs: Record<string, string[]> = {}): Host {
  return { platform, env, isExecutable: (p) => programs.includes(p), list: (d) => dirs[d] ?? [] }
}

describe('findTool', () => {
  it('takes the environment variable first, over any install place', () => {
    const h = host('linux', ['/usr/bin/chromium', '/home/me/chrome'], { CHROMIUM: '/home/me/chrome' })
    expect(findTool('chromium', h)).toEqual({ found: true, path: '/home/me/chrome', via: 'CHROMIUM' })
    const lo = host('linux', ['/usr/bin/soffice', '/x/soffice'], { SOFFICE: '/x/soffice' })
    expect(findTool('libreoffice', lo)).toEqual({ found: true, path: '/x/soffice', via: 'SOFFICE' })
  })

  it('reports a variable pointing nowhere instead of quietly using another copy', () => {
    const h = host('linux', ['/usr/bin/chromium'], { CHROMIUM: '/nowhere/chrome' })
    expect(findTool('chromium', h)).toEqual({ found: false, reason: 'CHROMIUM=/nowhere/chrome is not a program this user can run' })
  })

  it('finds Debian\'s Chromium, its headless shell, Google Chrome, in that order', () => {
    expect(findTool('chromium', host('linux', ['/usr/bin/chromium', '/usr/bin/google-chrome']))).toMatchObject({ path: '/usr/bin/chromium' })
    expect(findTool('chromium', host('linux', ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/google-chrome']))).toMatchObject({ path: '/usr/lib/chromium/chromium-headless-shell' })
    expect(findTool('chromium', host('linux', ['/usr/bin/google-chrome-stable']))).toMatchObject({ path: '/usr/bin/google-chrome-stable', via: 'install place' })
  })

  it('finds LibreOffice in /usr/bin, its program folder, or the newest /opt/libreoffice*', () => {
    expect(findTool('libreoffice', host('linux', ['/usr/lib/libreoffice/program/soffice']))).toMatchObject({ path: '/usr/lib/libreoffice/program/soffice' })
    const opt = host('linux', ['/opt/libreoffice7.6/program/soffice', '/opt/libreoffice24.8/program/soffice'], {}, { '/opt': ['google', 'libreoffice24.8', 'libreoffice7.6'] })
    expect(installPlaces('libreoffice', opt)).toEqual([
      '/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice24.8/program/soffice', '/opt/libreoffice7.6/program/soffice',
    ])
    expect(findTool('libreoffice', opt)).toMatchObject({ path: '/opt/libreoffice24.8/program/soffice' })
  })

  it('falls back to PATH', () => {
    const h = host('linux', ['/home/me/bin/soffice'], { PATH: '/usr/local/bin:/home/me/bin' })
    expect(findTool('libreoffice', h)).toEqual({ found: true, path: '/home/me/bin/soffice', via: 'PATH' })
  })

  it('looks in /Applications on macOS', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
    expect(findTool('chromium', host('darwin', [chrome]))).toMatchObject({ path: chrome })
    const edge = '/Users/me/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'
    expect(findTool('chromium', host('darwin', [edge], { HOME: '/Users/me' }))).toMatchObject({ path: edge })
    const lo = '/Applications/LibreOffice.app/Contents/MacOS/soffice'
    expect(findTool('libreoffice', host('darwin', [lo]))).toMatchObject({ path: lo })
  })

  it('looks in Program Files on Windows, Edge included, and on Path with .exe', () => {
    const env = { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)', Path: 'C:\\Windows;C:\\tools' }
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'
    expect(findTool('chromium', host('win32', [edge], env))).toMatchObject({ path: edge })
    const lo = 'C:\\Program Files\\LibreOffice\\program\\soffice.exe'
    expect(findTool('libreoffice', host('win32', [lo], env))).toMatchObject({ path: lo })
    expect(findTool('libreoffice', host('win32', ['C:\\tools\\soffice.exe'], env))).toMatchObject({ path: 'C:\\tools\\soffice.exe', via: 'PATH' })
  })

  it('finds PostgreSQL by its initdb: Debian\'s newest version, the PGDG packages, a source build, or PATH', () => {
    const dirs = { '/usr/lib/postgresql': ['9.6', '15', '13'], '/usr': ['bin', 'lib', 'pgsql-16'] }
    const debian = host('linux', ['/usr/lib/postgresql/13/bin/initdb', '/usr/lib/postgresql/15/bin/initdb'], {}, dirs)
    expect(installPlaces('postgres', debian)).toEqual([
      '/usr/lib/postgresql/15/bin/initdb', '/usr/lib/postgresql/13/bin/initdb', '/usr/lib/postgresql/9.6/bin/initdb',
      '/usr/pgsql-16/bin/initdb', '/usr/local/pgsql/bin/initdb',
    ])
    expect(findTool('postgres', debian)).toEqual({ found: true, path: '/usr/lib/postgresql/15/bin/initdb', via: 'install place' })
    expect(findTool('postgres', host('linux', ['/opt/pg/bin/initdb'], { PG_INITDB: '/opt/pg/bin/initdb' }))).toMatchObject({ via: 'PG_INITDB' })
    expect(findTool('postgres', host('linux', ['/usr/local/bin/initdb'], { PATH: '/usr/local/bin' }))).toMatchObject({ path: '/usr/local/bin/initdb', via: 'PATH' })
    const brew = host('darwin', ['/opt/homebrew/opt/postgresql@16/bin/initdb'], {}, { '/opt/homebrew/opt': ['node', 'postgresql@14', 'postgresql@16'] })
    expect(findTool('postgres', brew)).toMatchObject({ path: '/opt/homebrew/opt/postgresql@16/bin/initdb' })
    const win = host('win32', ['C:\\Program Files\\PostgreSQL\\16\\bin\\initdb.exe'], { ProgramFiles: 'C:\\Program Files' }, { 'C:\\Program Files\\PostgreSQL': ['15', '16'] })
    expect(findTool('postgres', win)).toMatchObject({ path: 'C:\\Program Files\\PostgreSQL\\16\\bin\\initdb.exe' })
  })

  it('finds HAProxy where Debian, a source build or Homebrew put it, or on PATH', () => {
    expect(findTool('haproxy', host('linux', ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy']))).toEqual({ found: true, path: '/usr/sbin/haproxy', via: 'install place' })
    expect(findTool('haproxy', host('darwin', ['/opt/homebrew/bin/haproxy']))).toMatchObject({ path: '/opt/homebrew/bin/haproxy' })
    expect(findTool('haproxy', host('linux', ['/home/me/bin/haproxy'], { PATH: '/home/me/bin' }))).toMatchObject({ path: '/home/me/bin/haproxy', via: 'PATH' })
    expect(findTool('haproxy', host('linux', ['/x/haproxy'], { HAPROXY: '/x/haproxy' }))).toMatchObject({ via: 'HAPROXY' })
    expect(installPlaces('haproxy', host('win32', []))).toEqual([])
  })

  it('says what it looked for when nothing is there', () => {
    expect(findTool('libreoffice', host('linux', [], { PATH: '/usr/bin' }))).toEqual({
      found: false, reason: 'not found (SOFFICE is not set, and none is in the usual places or on PATH)',
    })
  })
})

describe('thisHost', () => {
  it('runs what can be run, and nothing that is a folder or missing', () => {
    const h = thisHost()
    expect(h.isExecutable(process.execPath)).toBe(true)
    expect(h.isExecutable(import.meta.dirname)).toBe(false)
    expect(h.isExecutable(`${import.meta.dirname}/no-such-program`)).toBe(false)
    expect(h.list(import.meta.dirname)).toContain('tools.test.ts')
    expect(h.list(`${import.meta.dirname}/no-such-dir`)).toEqual([])
  })
})
