/**
 * Where the outside programs the tests drive live: a Chromium-family browser (the task pane end
 * to end, through playwright-core) and LibreOffice (templates opened and saved by another
 * program). Found through an environment variable first, then the places installers put them,
 * then PATH. Finding never installs anything: see install-tools.ts.
 */
import { accessSync, constants, readdirSync, statSync } from 'node:fs'
import { posix, win32 } from 'node:path'

/** The programs the test suite needs besides Node. */
export type ToolName = 'chromium' | 'libreoffice'
export const TOOL_NAMES: readonly ToolName[] = ['chromium', 'libreoffice']

/** What a tool is called for people, and the variable that points at it. */
export const TOOLS: Record<ToolName, { label: string; envVar: string }> = {
  chromium: { label: 'Chromium (or Google Chrome, or Microsoft Edge)', envVar: 'CHROMIUM' },
  libreoffice: { label: 'LibreOffice (soffice)', envVar: 'SOFFICE' },
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

/** Program names to look for on PATH when no install place has one. */
function pathNames(tool: ToolName, host: Host): string[] {
  const names = tool === 'chromium'
    ? ['chromium', 'chromium-headless-shell', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'chrome', 'msedge']
    : ['soffice', 'libreoffice']
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
