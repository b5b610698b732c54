/**
 * The outside programs a test drives, through the same finder as `npm test` (which installs
 * what is missing and passes the paths on as CHROMIUM and SOFFICE). Run directly (`npx vitest`),
 * nothing is installed: a missing tool fails the test with what to install on this OS.
 */
import { readOsRelease } from '../../scripts/lib/os-release'
import { testSkips } from '../../scripts/lib/test-skips'
import { howToGet } from '../../scripts/lib/tool-hints'
import { findTool, TOOLS, type ToolName } from '../../scripts/lib/tools'

/**
 * True when the person running the tests opted out of `tool` (LOTLEDGER_TEST_SKIP); for
 * `describe.skipIf`. Throws (failing the file) when that opt-out is refused, as in CI.
 */
export function toolSkipped(tool: ToolName): boolean {
  return testSkips(process.env).has(tool)
}

/** The path of `tool`; throws, failing the calling test, with how to get it when it is missing. */
export function requireTool(tool: ToolName): string {
  const found = findTool(tool)
  if (found.found) return found.path
  const os = process.platform === 'linux' ? readOsRelease() : null
  throw new Error(`${TOOLS[tool].label} is needed by this test: ${found.reason}. ${howToGet(tool, process.platform, os)} (\`npm test\` installs it on Debian.)`)
}
