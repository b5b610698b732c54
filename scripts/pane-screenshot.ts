/**
 * Makes docs/taskpane.png, the README's picture of the pane. A test takes it
 * (test/addin/e2e/readme-screenshot.test.ts), so the scene it shows is checked on every test run;
 * this runs that one test and has it save the picture into docs/.
 * `node --import tsx scripts/pane-screenshot.ts`
 */
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = fileURLToPath(new URL('../docs/taskpane.png', import.meta.url))
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url))
const before = existsSync(out) ? statSync(out).mtimeMs : 0

const run = spawnSync(process.execPath, [vitest, 'run', 'test/addin/e2e/readme-screenshot.test.ts'], {
  cwd: root, stdio: 'inherit', env: { ...process.env, PANE_SCREENSHOT: out },
})
// A skipped test (no browser) passes without a picture: say so rather than claim one.
if (run.status !== 0 || !existsSync(out) || statSync(out).mtimeMs === before) {
  console.error(`pane-screenshot: ${out} was not written (see the test's output above)`)
  process.exit(1)
}
console.log(`wrote ${out}`)
