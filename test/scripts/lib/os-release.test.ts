import { describe, expect, it } from 'vitest'
import { isDebianLike, parseOsRelease } from '../../../scripts/lib/os-release'

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n'
const UBUNTU = 'PRETTY_NAME="Ubuntu 24.04 LTS"\nID=ubuntu\nID_LIKE=debian\n'
const FEDORA = "NAME='Fedora Linux'\nID=fedora\n# a comment\nPRETTY_NAME=\"Fedora Linux 40\"\n"

describe('parseOsRelease', () => {
  it('reads ID, ID_LIKE and PRETTY_NAME, quoted or not', () => {
    expect(parseOsRelease(DEBIAN)).toEqual({ id: 'debian', idLike: [], prettyName: 'Debian GNU/Linux 12 (bookworm)' })
    expect(parseOsRelease(UBUNTU)).toEqual({ id: 'ubuntu', idLike: ['debian'], prettyName: 'Ubuntu 24.04 LTS' })
    expect(parseOsRelease('ID=linuxmint\nID_LIKE="ubuntu debian"\n').idLike).toEqual(['ubuntu', 'debian'])
    expect(parseOsRelease(FEDORA)).toEqual({ id: 'fedora', idLike: [], prettyName: 'Fedora Linux 40' })
  })
})

describe('isDebianLike', () => {
  it('is true for Debian and what derives from it, false elsewhere', () => {
    expect(isDebianLike(parseOsRelease(DEBIAN))).toBe(true)
    expect(isDebianLike(parseOsRelease(UBUNTU))).toBe(true)
    expect(isDebianLike(parseOsRelease(FEDORA))).toBe(false)
    expect(isDebianLike(null)).toBe(false)
  })
})
