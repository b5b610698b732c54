import { describe, expect, it } from 'vitest'
import type { InstallContext } from '../../../scripts/lib/install-route'
import { ensureTools } from '../../../scripts/lib/install-tools'
import { parseOsRelease } from '../../../scripts/lib/os-release'
import type { Host } from '../../../scripts/lib/tools'

const host = (programs: string[], env: NodeJS.ProcessEnv = {}): Host => ({ platform: 'linux', env, isExecutable: (p) => programs.includes(p), list: () => [] })
/** A Debian machine where installing is not possible: nothing here may run apt-get. */
const noInstall: InstallContext = {
  platform: 'linux', os: parseOsRelease('ID=debian\n'), uid: 1000, hasAptGet: true, sudoWorks: () => false,
}

describe('ensureTools (nothing installed: found, or explained)', () => {
  it('returns what it found and where, installing nothing', () => {
    const logs: string[] = []
    const statuses = ensureTools(['chromium', 'libreoffice'], {
      log: (l) => logs.push(l), host: host(['/usr/bin/chromium', '/opt/lo/soffice'], { SOFFICE: '/opt/lo/soffice' }), context: noInstall,
    })
    expect(statuses).toEqual([
      { tool: 'chromium', ok: true, path: '/usr/bin/chromium', via: 'install place' },
      { tool: 'libreoffice', ok: true, path: '/opt/lo/soffice', via: 'SOFFICE' },
    ])
    expect(logs).toEqual([])
  })

  it('says why it could not install a missing tool, and what to do', () => {
    const logs: string[] = []
    const [status] = ensureTools(['libreoffice'], { log: (l) => logs.push(l), host: host([]), context: noInstall })
    expect(status).toEqual({
      tool: 'libreoffice', ok: false,
      problem: 'LibreOffice (soffice) is needed: not found (SOFFICE is not set, and none is in the usual places or on PATH); ' +
        'not installed automatically: installing needs root, and sudo -n (without a password) is not allowed for this user. ' +
        'Install it with `sudo apt-get install --no-install-recommends libreoffice-calc-nogui` (or libreoffice-calc), or point SOFFICE at a copy you have. ' +
        'Outside CI you may skip the tests that need it instead: LOTLEDGER_TEST_SKIP=libreoffice.',
    })
    expect(logs).toEqual(['not installed automatically: installing needs root, and sudo -n (without a password) is not allowed for this user'])
  })

  it('leaves a variable that points nowhere for the person to fix, rather than installing over it', () => {
    let askedToInstall = false
    const context = { ...noInstall, uid: 0, sudoWorks: () => (askedToInstall = true) }
    const [status] = ensureTools(['chromium'], { log: () => {}, host: host(['/usr/bin/chromium'], { CHROMIUM: '/nowhere/chrome' }), context })
    expect(status).toMatchObject({ ok: false, problem: expect.stringContaining('CHROMIUM=/nowhere/chrome is not a program this user can run. Install it with') })
    expect(askedToInstall).toBe(false)
  })
})
