/**
 * Whether this machine can install what the tests need by itself: only Debian and its
 * derivatives, with apt-get, as root or through a sudo that asks no password.
 */
import { isDebianLike, type OsRelease } from './os-release'

/** How missing tools can be installed here: apt-get (maybe through sudo), or not at all, and why. */
export type InstallRoute = { via: 'apt-get'; sudo: boolean } | { via: 'none'; why: string }

/** What decides the install route, gathered from the machine (tests give their own). */
export interface InstallContext {
  platform: NodeJS.Platform
  os: OsRelease | null
  /** The user id (null on Windows). */
  uid: number | null
  hasAptGet: boolean
  /** True when `sudo -n` runs a command without asking for a password. */
  sudoWorks: () => boolean
}

/** Chooses how missing tools get installed; only Debian-like Linux with apt-get installs itself. */
export function installRoute(ctx: InstallContext): InstallRoute {
  if (ctx.platform !== 'linux') return { via: 'none', why: `the tests install nothing on ${ctx.platform}` }
  if (!isDebianLike(ctx.os) || !ctx.hasAptGet) return { via: 'none', why: `${ctx.os?.prettyName ?? 'this Linux'} is not a Debian-like system with apt-get` }
  if (ctx.uid === 0) return { via: 'apt-get', sudo: false }
  if (ctx.sudoWorks()) return { via: 'apt-get', sudo: true }
  return { via: 'none', why: 'installing needs root, and sudo -n (without a password) is not allowed for this user' }
}
