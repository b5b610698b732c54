/** Which Linux distribution this is, from /etc/os-release: enough to know whether apt-get fits. */
import { readFileSync } from 'node:fs'

export interface OsRelease {
  /** `debian`, `ubuntu`, `fedora`… */
  id: string
  /** The distributions it derives from (Ubuntu: `debian`). */
  idLike: string[]
  /** For people: `Debian GNU/Linux 12 (bookworm)`. */
  prettyName: string
}

/** Parses the text of an os-release file (shell-style `KEY=value` lines, values maybe quoted). */
export function parseOsRelease(text: string): OsRelease {
  const values: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)=(?:"(.*)"|'(.*)'|(.*))$/.exec(line.trim())
    if (m) values[m[1]] = m[2] ?? m[3] ?? m[4] ?? ''
  }
  return { id: values.ID ?? '', idLike: (values.ID_LIKE ?? '').split(/\s+/).filter(Boolean), prettyName: values.PRETTY_NAME ?? values.ID ?? 'Linux' }
}

/** This machine's os-release, or null where there is none (macOS, Windows, minimal systems). */
export function readOsRelease(): OsRelease | null {
  for (const file of ['/etc/os-release', '/usr/lib/os-release']) {
    try {
      return parseOsRelease(readFileSync(file, 'utf8'))
    } catch {
      // try the next place
    }
  }
  return null
}

/** Debian or a distribution built on it (Ubuntu, Mint…): apt-get and Debian package names. */
export function isDebianLike(os: OsRelease | null): boolean {
  return !!os && (os.id === 'debian' || os.idLike.includes('debian'))
}
