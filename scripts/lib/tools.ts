/**
 * Where the outside programs the tests drive live: a Chromium-family browser (the task pane end
 * to end, through playwright-core), LibreOffice (templates opened and saved by another
 * program) and PostgreSQL's server programs (throwaway databases for the PostgreSQL store). Found through an environment variable first, then the places installers put them,
 * then PATH. Finding never installs anything: see install-tools.ts.
 */
import { accessSync, constants, readdirSync, statSync } from 'node:fs'
import { posix, win32 } from 'node:path'

/** The programs the test suite needs besides Node. */
export type ToolName = 'chromium' | 'libreoffice' | 'postgres' | 'haproxy'
export const TOOL_NAMES: readonly ToolName[] = ['chromium', 'libreoffice', 'postgres', 'haproxy']

/** What a tool is called for people, and the variable that points at it. */
export const TOOLS: Record<ToolName, { label: string; envVar: string }> = {
  chromium: { label: 'Chromium (or Google Chrome, or Microsoft Edge)', envVar: 'CHROMIUM' },
  libreoffice: { label: 'LibreOffice (soffice)', envVar: 'SOFFICE' },
  // Found by its initdb: the server program (postgres) and pg_ctl sit beside it.
  postgres: { label: 'PostgreSQL server programs (initdb, postgres)', envVar: 'PG_INITDB' },
  haproxy: { label: 'HAProxy (haproxy)', envVar: 'HAPROXY' },
}

/** The machine as the finder sees it; tests give a made-up one. */
export interface Host {
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  /** True when `path` is a file this process may run. */
  isExecutable(path: string): boolean
  /** Names in directory `dir` (none when it does not exist). */
  list(dir: string): string[]
}

/** This machine. */
export function thisHost(): Host {
  return {
    platform: process.platform,
    env: process.env,
    isExecutable(path) {
      try {
        if (!statSync(path).isFile()) return false
        // Windows has no execute bit: existing is enough.
        if (process.platform !== 'win32') accessSync(path, constants.X_OK)
        return true
      } catch {
        return false
      }
    },
    list(dir) {
      try {
        return readdirSync(dir)
      } catch {
        return []
      }
    },
  }
}

export type FoundTool = { found: true; path: string; via: string } | { found: false; reason: string }

const pathApi = (host: Host) => (host.platform === 'win32' ? win32 : posix)

/** The usual install places of `tool` on `host`'s OS, most likely first. */
export function installPlaces(tool: ToolName, host: Host): string[] {
  const { join } = pathApi(host)
  const env = host.env
  if (tool === 'postgres') return postgresPlaces(host)
  // HAProxy has no Windows build: there it is found on PATH only (WSL, Cygwin).
  if (tool === 'haproxy') return host.platform === 'win32' ? [] : ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy', '/opt/homebrew/bin/haproxy', '/usr/local/bin/haproxy']
  if (host.platform === 'win32') {
    const roots = [env.ProgramFiles, env['ProgramFiles(x86)'], env.LOCALAPPDATA].filter((r): r is string => !!r)
    const inEach = (...rel: string[]) => roots.map((r) => join(r, ...rel))
    return tool === 'chromium'
      ? [...inEach('Google', 'Chrome', 'Application', 'chrome.exe'), ...inEach('Chromium', 'Application', 'chrome.exe'), ...inEach('Microsoft', 'Edge', 'Application', 'msedge.exe')]
      : inEach('LibreOffice', 'program', 'soffice.exe')
  }
  if (host.platform === 'darwin') {
    const apps = ['/Applications', ...(env.HOME ? [join(env.HOME, 'Applications')] : [])]
    const inEach = (rel: string) => apps.map((a) => join(a, rel))
    return tool === 'chromium'
      ? [
          ...inEach('Google Chrome.app/Contents/MacOS/Google Chrome'),
          ...inEach('Chromium.app/Contents/MacOS/Chromium'),
          ...inEach('Microsoft Edge.app/Contents/MacOS/Microsoft Edge'),
        ]
      : inEach('LibreOffice.app/Contents/MacOS/soffice')
  }
  if (tool === 'chromium') {
    return [
      '/usr/bin/chromium',
      // Debian's headless-only build; the binary itself, not the /usr/bin wrapper script.
      '/usr/lib/chromium/chromium-headless-shell',
      '/usr/bin/chromium-browser',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
      '/usr/bin/microsoft-edge',
      '/snap/bin/chromium',
    ]
  }
  // LibreOffice's own packages install into /opt/libreoffice<version>: newest first.
  const opt = host.list('/opt').filter((n) => /^libreoffice/i.test(n)).sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))
  return ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', ...opt.map((n) => join('/opt', n, 'program', 'soffice'))]
}

/** Newest version first among folder names such as `15`, `9.6`, `postgresql@16`. */
const newestFirst = (names: string[]) => names.sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))

/**
 * PostgreSQL's initdb where packages put it, newest version first: Debian's and Ubuntu's
 * `/usr/lib/postgresql/<version>/bin`, the PGDG RPMs' `/usr/pgsql-<version>/bin`, a source build's
 * `/usr/local/pgsql/bin`, Homebrew's `postgresql@<version>`, Postgres.app, and the EDB installer
 * on Windows.
 */
function postgresPlaces(host: Host): string[] {
  const { join } = pathApi(host)
  if (host.platform === 'win32') {
    const root = host.env.ProgramFiles
    return root ? newestFirst(host.list(join(root, 'PostgreSQL'))).map((v) => join(root, 'PostgreSQL', v, 'bin', 'initdb.exe')) : []
  }
  if (host.platform === 'darwin') {
    const brew = ['/opt/homebrew/opt', '/usr/local/opt'].flatMap((opt) =>
      newestFirst(host.list(opt).filter((n) => /^postgresql(@\d+)?$/.test(n))).map((n) => join(opt, n, 'bin', 'initdb')))
    return [...brew, '/Applications/Postgres.app/Contents/Versions/latest/bin/initdb']
  }
  const debian = newestFirst(host.list('/usr/lib/postgresql')).map((v) => join('/usr/lib/postgresql', v, 'bin', 'initdb'))
  const pgdg = newestFirst(host.list('/usr').filter((n) => /^pgsql-\d/.test(n))).map((n) => join('/usr', n, 'bin', 'initdb'))
  return [...debian, ...pgdg, '/usr/local/pgsql/bin/initdb']
}

/** Program names to look for on PATH when no install place has one. */
function pathNames(tool: ToolName, host: Host): string[] {
  const names = tool === 'chromium'
    ? ['chromium', 'chromium-headless-shell', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'chrome', 'msedge']
    : tool === 'postgres' ? ['initdb'] : tool === 'haproxy' ? ['haproxy'] : ['soffice', 'libreoffice']
  return host.platform === 'win32' ? names.map((n) => `${n}.exe`) : names
}

/**
 * Finds `tool`: the path in its environment variable (CHROMIUM, SOFFICE), which must then be
 * there (a wrong path is reported, not silently replaced), else the first usual install place
 * that has it, else the first match on PATH.
 */
export function findTool(tool: ToolName, host: Host = thisHost()): FoundTool {
  const { envVar } = TOOLS[tool]
  const given = host.env[envVar]
  if (given) {
    return host.isExecutable(given)
      ? { found: true, path: given, via: envVar }
      : { found: false, reason: `${envVar}=${given} is not a program this user can run` }
  }
  for (const place of installPlaces(tool, host)) if (host.isExecutable(place)) return { found: true, path: place, via: 'install place' }
  const { join } = pathApi(host)
  const dirs = (host.env.PATH ?? host.env.Path ?? '').split(host.platform === 'win32' ? ';' : ':').filter(Boolean)
  for (const dir of dirs) {
    for (const name of pathNames(tool, host)) {
      const path = join(dir, name)
      if (host.isExecutable(path)) return { found: true, path, via: 'PATH' }
    }
  }
  return { found: false, reason: `not found (${envVar} is not set, and none is in the usual places or on PATH)` }
}
