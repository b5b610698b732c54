/**
 * What to tell a person whose machine lacks a tool the tests need: what to install on their OS,
 * where the finder then looks, and how to point at a copy elsewhere.
 */
import { isDebianLike, type OsRelease } from './os-release'
import { TOOLS, type ToolName } from './tools'

/**
 * Debian packages for each tool, the one to install first: Debian's Chromium, the browser the
 * pane's tests are written against (its headless shell only where there is no such package), and
 * LibreOffice's Calc without its desktop parts, the lightest that opens and saves .xlsx.
 */
export const DEBIAN_PACKAGES: Record<ToolName, readonly string[]> = {
  chromium: ['chromium', 'chromium-headless-shell'],
  libreoffice: ['libreoffice-calc-nogui', 'libreoffice-calc'],
  // Debian's current PostgreSQL (15 on bookworm) and the `postgres` user the tests run it as.
  postgres: ['postgresql'],
  // The load balancer docs/scaling.md ships a configuration for; the tests run it in the foreground.
  haproxy: ['haproxy'],
}

/** The environment variable that skips the tests needing a tool (refused when CI is set). */
export const SKIP_VAR = 'LOTLEDGER_TEST_SKIP'

/** How to get `tool` on this OS, in a sentence or three, ending with the opt-out. */
export function howToGet(tool: ToolName, platform: NodeJS.Platform, os: OsRelease | null): string {
  const { envVar } = TOOLS[tool]
  const chromium = tool === 'chromium'
  let get: string
  if (tool === 'postgres') {
    get = postgresHint(platform, os, envVar)
  } else if (tool === 'haproxy') {
    get = haproxyHint(platform, os, envVar)
  } else if (platform === 'darwin') {
    get = chromium
      ? `Install Google Chrome (https://www.google.com/chrome/ or \`brew install --cask google-chrome\`); Chrome, Chromium and Microsoft Edge in /Applications are found. Elsewhere: ${envVar}=/path/to/App.app/Contents/MacOS/<program>.`
      : `Install LibreOffice (https://www.libreoffice.org/download/ or \`brew install --cask libreoffice\`); /Applications/LibreOffice.app is found. Elsewhere: ${envVar}=/path/to/LibreOffice.app/Contents/MacOS/soffice.`
  } else if (platform === 'win32') {
    get = chromium
      ? `Microsoft Edge (part of Windows) or Google Chrome installed in Program Files is found. Elsewhere: set ${envVar}=C:\\path\\to\\chrome.exe (or msedge.exe).`
      : `Install LibreOffice (https://www.libreoffice.org/download/ or \`winget install -e --id TheDocumentFoundation.LibreOffice\`); Program Files\\LibreOffice is found. Elsewhere: set ${envVar}=C:\\path\\to\\LibreOffice\\program\\soffice.exe.`
  } else if (isDebianLike(os)) {
    const packages = DEBIAN_PACKAGES[tool]
    get = `Install it with \`sudo apt-get install --no-install-recommends ${packages[0]}\` (or ${packages.slice(1).join(', ')})` +
      (chromium && os?.id !== 'debian' ? ', or Google Chrome\'s .deb where your distribution has no such package' : '') +
      `, or point ${envVar} at a copy you have.`
  } else {
    get = chromium
      ? `Install Chromium or Google Chrome with your package manager, or point ${envVar} at one.`
      : `Install LibreOffice (Calc) with your package manager, or point ${envVar} at its soffice.`
  }
  return `${get} Outside CI you may skip the tests that need it instead: ${SKIP_VAR}=${tool}.`
}

/** PostgreSQL's server programs: the tests start a throwaway server of their own, never a running one. */
function postgresHint(platform: NodeJS.Platform, os: OsRelease | null, envVar: string): string {
  if (platform === 'darwin') return `Install PostgreSQL (\`brew install postgresql@16\`, or Postgres.app); both are found. Elsewhere: ${envVar}=/path/to/bin/initdb.`
  if (platform === 'win32') return `Install PostgreSQL (https://www.postgresql.org/download/windows/ or \`winget install -e --id PostgreSQL.PostgreSQL.16\`); Program Files\\PostgreSQL is found. Elsewhere: set ${envVar}=C:\\path\\to\\bin\\initdb.exe.`
  if (isDebianLike(os)) return `Install it with \`sudo apt-get install --no-install-recommends postgresql\` (no server needs to run: the tests start their own), or point ${envVar} at an initdb you have.`
  return `Install PostgreSQL's server package (it has initdb) with your package manager, or point ${envVar} at its initdb.`
}

/** HAProxy: the tests run one of their own in the foreground on a free port, never a service. */
function haproxyHint(platform: NodeJS.Platform, os: OsRelease | null, envVar: string): string {
  if (platform === 'darwin') return `Install HAProxy (\`brew install haproxy\`); Homebrew's is found. Elsewhere: ${envVar}=/path/to/haproxy.`
  if (platform === 'win32') return `HAProxy has no Windows build: run the tests under WSL, or set ${envVar}=C:\\path\\to\\haproxy.exe (a Cygwin build).`
  if (isDebianLike(os)) return `Install it with \`sudo apt-get install --no-install-recommends haproxy\` (no service needs to run: the tests start their own), or point ${envVar} at a haproxy you have.`
  return `Install HAProxy with your package manager, or point ${envVar} at its haproxy.`
}
