/**
 * Makes sure the tools the tests need are there: found (tools.ts), or on Debian and its
 * derivatives installed with apt-get (as root, or through `sudo -n` when that works without a
 * password), or else explained: what to install on this OS and how to point at it.
 */
import { spawnSync } from 'node:child_process'
import { installRoute, type InstallContext } from './install-route'
import { readOsRelease } from './os-release'
import { DEBIAN_PACKAGES, howToGet } from './tool-hints'
import { findTool, thisHost, TOOLS, type Host, type ToolName } from './tools'

const succeeds = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore', timeout: 30_000 }).status === 0

/** This machine's install context. */
export function thisInstallContext(): InstallContext {
  return {
    platform: process.platform,
    os: process.platform === 'linux' ? readOsRelease() : null,
    uid: process.getuid?.() ?? null,
    hasAptGet: process.platform === 'linux' && succeeds('apt-get', ['--version']),
    sudoWorks: () => succeeds('sudo', ['-n', 'true']),
  }
}

/** The version apt would install of `pkg`, or null when it has none (unknown or purely virtual). */
export function aptCandidate(pkg: string): string | null {
  const r = spawnSync('apt-cache', ['policy', pkg], { encoding: 'utf8', timeout: 60_000 })
  const version = /^\s*Candidate:\s*(\S+)/m.exec(r.stdout ?? '')?.[1]
  return version && version !== '(none)' ? version : null
}

/** A tool that is there, or why not and what to do. */
export type ToolStatus = { tool: ToolName; ok: true; path: string; via: string } | { tool: ToolName; ok: false; problem: string }

export interface EnsureOptions {
  log: (line: string) => void
  host?: Host
  context?: InstallContext
}

/**
 * Finds each of `tools`; on a Debian-like system installs the missing ones with apt-get (one
 * `apt-get update`, one install of the lightest packages that exist), then finds them again.
 * Never throws for a missing tool: its status says what is wrong and how to get it.
 */
export function ensureTools(tools: readonly ToolName[], options: EnsureOptions): ToolStatus[] {
  const host = options.host ?? thisHost()
  const first = tools.map((tool) => ({ tool, found: findTool(tool, host) }))
  // A tool whose variable points nowhere is the person's choice to fix, not ours to install over.
  const installable = first.filter((t) => !t.found.found && !host.env[TOOLS[t.tool].envVar]).map((t) => t.tool)
  let installNote = ''
  if (installable.length) {
    const ctx = options.context ?? thisInstallContext()
    const route = installRoute(ctx)
    if (route.via === 'apt-get') installNote = aptInstall(installable, route.sudo, options.log)
    else installNote = `not installed automatically: ${route.why}`
    options.log(installNote)
  }
  const os = host.platform === 'linux' ? (options.context?.os ?? readOsRelease()) : null
  return tools.map((tool) => {
    const found = findTool(tool, host)
    if (found.found) return { tool, ok: true, path: found.path, via: installable.includes(tool) ? `installed now (${installNote})` : found.via }
    const tried = installable.includes(tool) ? `; ${installNote}` : ''
    return { tool, ok: false, problem: `${TOOLS[tool].label} is needed: ${found.reason}${tried}. ${howToGet(tool, host.platform, os)}` }
  })
}

/** Installs the packages of `tools` with apt-get; returns a line saying what happened. */
function aptInstall(tools: ToolName[], sudo: boolean, log: (line: string) => void): string {
  const prefix = sudo ? ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'] : []
  const run = (args: string[]) => {
    const [cmd, ...rest] = [...prefix, ...args]
    log(`$ ${[cmd, ...rest].join(' ')}`)
    return spawnSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 30 * 60_000 })
  }
  const started = Date.now()
  // Package lists may be missing (fresh images ship none) or stale: always refresh them first.
  const update = run(['apt-get', 'update', '-q'])
  if (update.status !== 0) return `apt-get update failed (exit ${update.status ?? update.signal})`
  const packages: string[] = []
  const without: ToolName[] = []
  for (const tool of tools) {
    const pkg = DEBIAN_PACKAGES[tool].find((p) => aptCandidate(p) !== null)
    if (pkg) packages.push(pkg)
    else without.push(tool)
  }
  const none = without.length ? `; apt has no package for ${without.join(', ')} here (${without.map((t) => DEBIAN_PACKAGES[t].join(' or ')).join('; ')})` : ''
  if (!packages.length) return `nothing installed${none}`
  const install = run(['apt-get', 'install', '-y', '-q', '--no-install-recommends', ...packages])
  const seconds = ((Date.now() - started) / 1000).toFixed(0)
  return install.status === 0
    ? `apt-get installed ${packages.join(', ')} in ${seconds} s${none}`
    : `apt-get install ${packages.join(' ')} failed (exit ${install.status ?? install.signal})${none}`
}
