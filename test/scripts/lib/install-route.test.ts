import { describe, expect, it } from 'vitest'
import { installRoute, type InstallContext } from '../../../scripts/lib/install-route'
import { parseOsRelease } from '../../../scripts/lib/os-release'

const debian = parseOsRelease('ID=debian\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n')
const fedora = parseOsRelease('ID=fedora\nPRETTY_NAME="Fedora Linux 40"\n')

function ctx(over: Partial<InstallContext>): InstallContext {
  return { platform: 'linux', os: debian, uid: 1000, hasAptGet: true, sudoWorks: () => false, ...over }
}

describe('installRoute', () => {
  it('installs with apt-get directly as root, without asking sudo', () => {
    let asked = false
    expect(installRoute(ctx({ uid: 0, sudoWorks: () => (asked = true) }))).toEqual({ via: 'apt-get', sudo: false })
    expect(asked).toBe(false)
  })

  it('goes through sudo -n for another user when sudo asks no password', () => {
    expect(installRoute(ctx({ sudoWorks: () => true }))).toEqual({ via: 'apt-get', sudo: true })
  })

  it('installs nothing, saying why, when sudo would ask for a password', () => {
    expect(installRoute(ctx({}))).toEqual({ via: 'none', why: 'installing needs root, and sudo -n (without a password) is not allowed for this user' })
  })

  it('installs nothing outside Debian-like Linux with apt-get', () => {
    expect(installRoute(ctx({ os: fedora, uid: 0 }))).toEqual({ via: 'none', why: 'Fedora Linux 40 is not a Debian-like system with apt-get' })
    expect(installRoute(ctx({ hasAptGet: false, uid: 0 }))).toMatchObject({ via: 'none' })
    expect(installRoute(ctx({ platform: 'darwin', os: null, uid: 0 }))).toEqual({ via: 'none', why: 'the tests install nothing on darwin' })
    expect(installRoute(ctx({ platform: 'win32', os: null, uid: null }))).toEqual({ via: 'none', why: 'the tests install nothing on win32' })
  })
})
