/**
 * The one way to leave tests out: a person without a tool says so explicitly
 * (`LOTLEDGER_TEST_SKIP=libreoffice`, or `chromium,libreoffice`). Never in CI, where every test
 * must run; the test runner prints what was skipped in its summary.
 */
import { SKIP_VAR } from './tool-hints'
import { TOOL_NAMES, type ToolName } from './tools'

/** True when CI is set (to anything but `false` or `0`, which some people write to mean "no"). */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  return !!env.CI && !/^(false|0)$/i.test(env.CI)
}

/** The tools whose tests are skipped; throws on an unknown name, or on any skip when CI is set. */
export function testSkips(env: NodeJS.ProcessEnv): Set<ToolName> {
  const names = (env[SKIP_VAR] ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  for (const name of names) {
    if (!(TOOL_NAMES as readonly string[]).includes(name)) {
      throw new Error(`${SKIP_VAR}=${env[SKIP_VAR]}: "${name}" is not a tool the tests use (${TOOL_NAMES.join(', ')})`)
    }
  }
  if (names.length && isCi(env)) throw new Error(`${SKIP_VAR}=${env[SKIP_VAR]} is refused in CI (CI=${env.CI}): every test must run there`)
  return new Set(names as ToolName[])
}
