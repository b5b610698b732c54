/**
 * `npm test`: makes sure the tools the tests drive are there (a Chromium-family browser,
 * LibreOffice, PostgreSQL's server programs, HAProxy: found, or installed with apt-get on Debian,
 * or explained), then runs every step in order and ends with a summary of what passed, what
 * failed and what was skipped on request.
 *
 *     npm test                          # everything
 *     npm test -- test/server/http      # the same steps, vitest on these files only
 *
 * Found tools reach vitest as CHROMIUM, SOFFICE, PG_INITDB and HAPROXY, so the tests use exactly
 * what was found here.
 */
import { readFileSync } from 'node:fs'
import { ensureTools, type ToolStatus } from './lib/install-tools'
import { runSteps, type Step } from './lib/steps'
import { testSkips } from './lib/test-skips'
import { SKIP_VAR } from './lib/tool-hints'
import { TOOL_NAMES, TOOLS } from './lib/tools'

const ROOT = new URL('../', import.meta.url)
const log = (line: string) => console.log(`npm test: ${line}`)

let skips: ReturnType<typeof testSkips>
try {
  skips = testSkips(process.env)
} catch (err) {
  console.error(`npm test: ${(err as Error).message}`)
  process.exit(2)
}

const statuses: ToolStatus[] = ensureTools(TOOL_NAMES.filter((t) => !skips.has(t)), { log })
const env: NodeJS.ProcessEnv = { ...process.env }
for (const s of statuses) {
  if (s.ok) {
    env[TOOLS[s.tool].envVar] = s.path
    log(`${s.tool}: ${s.path} (${s.via})`)
  } else {
    log(`${s.tool}: MISSING. ${s.problem}`)
  }
}

const scripts = (JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {}
const steps: Step[] = [
  { name: 'type-check', command: ['tsc', '--noEmit'] },
  // The linter's script is the project's own: run it whenever package.json has one.
  ...(scripts.lint ? [{ name: 'lint', command: ['npm', 'run', 'lint', '--silent'] }] : []),
  { name: 'tests', command: ['vitest', 'run', ...process.argv.slice(2)] },
]
const results = await runSteps(steps, { cwd: ROOT, env, log })

console.log('\nnpm test: summary')
for (const r of results) console.log(`  ${r.ok ? 'ok     ' : 'FAILED '} ${r.name.padEnd(11)} ${(r.ms / 1000).toFixed(1).padStart(6)} s   ${r.shown}`)
for (const s of statuses) console.log(`  ${s.ok ? 'ok     ' : 'FAILED '} ${s.tool.padEnd(11)} ${s.ok ? s.path : `missing: the tests that need it failed. ${s.problem}`}`)
for (const tool of skips) {
  console.log(`  SKIPPED ${tool.padEnd(11)} ${SKIP_VAR}=${process.env[SKIP_VAR]} left out every test that needs ${TOOLS[tool].label}.`)
  console.log(`          !!! Those tests did NOT run on this machine; CI runs them, and refuses ${SKIP_VAR}. !!!`)
}
const failed = results.some((r) => !r.ok) || statuses.some((s) => !s.ok)
console.log(failed ? 'npm test: FAILED' : `npm test: passed${skips.size ? `, except what ${SKIP_VAR} skipped (above)` : ''}`)
process.exit(failed ? 1 : 0)
