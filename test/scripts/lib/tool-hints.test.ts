import { describe, expect, it } from 'vitest'
import { parseOsRelease } from '../../../scripts/lib/os-release'
import { howToGet } from '../../../scripts/lib/tool-hints'

const debian = parseOsRelease('ID=debian\n')
const ubuntu = parseOsRelease('ID=ubuntu\nID_LIKE=debian\n')
const arch = parseOsRelease('ID=arch\n')

describe('howToGet', () => {
  it('names the Debian packages, lightest first', () => {
    expect(howToGet('chromium', 'linux', debian)).toBe(
      'Install it with `sudo apt-get install --no-install-recommends chromium` (or chromium-headless-shell), or point CHROMIUM at a copy you have. ' +
        'Outside CI you may skip the tests that need it instead: LOTLEDGER_TEST_SKIP=chromium.',
    )
    expect(howToGet('libreoffice', 'linux', debian)).toMatch(/^Install it with `sudo apt-get install --no-install-recommends libreoffice-calc-nogui` \(or libreoffice-calc\), or point SOFFICE at/)
  })

  it('mentions Google Chrome where a Debian derivative may lack the Chromium packages', () => {
    expect(howToGet('chromium', 'linux', ubuntu)).toContain("or Google Chrome's .deb")
    expect(howToGet('chromium', 'linux', debian)).not.toContain('Google Chrome')
  })

  it('tells macOS and Windows users what to install, where it is found, and the variable', () => {
    expect(howToGet('chromium', 'darwin', null)).toMatch(/Google Chrome.*\/Applications.*CHROMIUM=/)
    expect(howToGet('libreoffice', 'darwin', null)).toMatch(/brew install --cask libreoffice.*SOFFICE=\/path\/to\/LibreOffice\.app\/Contents\/MacOS\/soffice/)
    expect(howToGet('chromium', 'win32', null)).toMatch(/Microsoft Edge.*Program Files.*CHROMIUM=C:\\path\\to\\chrome\.exe/)
    expect(howToGet('libreoffice', 'win32', null)).toMatch(/libreoffice\.org.*SOFFICE=C:\\path\\to\\LibreOffice\\program\\soffice\.exe/)
  })

  it('says how to get PostgreSQL\'s server programs, which the tests start themselves', () => {
    expect(howToGet('postgres', 'linux', debian)).toBe(
      'Install it with `sudo apt-get install --no-install-recommends postgresql` (no server needs to run: the tests start their own), or point PG_INITDB at an initdb you have. ' +
        'Outside CI you may skip the tests that need it instead: LOTLEDGER_TEST_SKIP=postgres.',
    )
    expect(howToGet('postgres', 'darwin', null)).toMatch(/brew install postgresql@16.*PG_INITDB=\/path\/to\/bin\/initdb/)
    expect(howToGet('postgres', 'win32', null)).toMatch(/winget install -e --id PostgreSQL\.PostgreSQL\.16.*PG_INITDB=C:\\path\\to\\bin\\initdb\.exe/)
    expect(howToGet('postgres', 'linux', arch)).toMatch(/^Install PostgreSQL's server package \(it has initdb\) with your package manager, or point PG_INITDB at its initdb\./)
  })

  it('says how to get HAProxy, which the tests run in the foreground', () => {
    expect(howToGet('haproxy', 'linux', debian)).toBe(
      'Install it with `sudo apt-get install --no-install-recommends haproxy` (no service needs to run: the tests start their own), or point HAPROXY at a haproxy you have. ' +
        'Outside CI you may skip the tests that need it instead: LOTLEDGER_TEST_SKIP=haproxy.',
    )
    expect(howToGet('haproxy', 'darwin', null)).toMatch(/brew install haproxy.*HAPROXY=\/path\/to\/haproxy/)
    expect(howToGet('haproxy', 'win32', null)).toMatch(/no Windows build.*WSL/)
    expect(howToGet('haproxy', 'linux', arch)).toMatch(/^Install HAProxy with your package manager, or point HAPROXY at its haproxy\./)
  })

  it('falls back to the package manager elsewhere, and always ends with the opt-out', () => {
    expect(howToGet('libreoffice', 'linux', arch)).toBe(
      'Install LibreOffice (Calc) with your package manager, or point SOFFICE at its soffice. Outside CI you may skip the tests that need it instead: LOTLEDGER_TEST_SKIP=libreoffice.',
    )
  })
})
