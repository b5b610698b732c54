/**
 * The pane's JavaScript against its budget, from the build the server serves: the scripts of ours
 * its page loads at once (office.js is Microsoft's), as sent gzipped; the ones loaded later
 * (panels, the GS1 table, the service worker) are read too, and must be there to be loaded.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { initialScripts, PANE_JS_BUDGET_GZIP, paneSizes } from '../../../scripts/lib/pane-size'
import { requireBuiltAddin } from '../../helpers/built-addin'

/** Checks that `marker` is in the build's scripts loaded later, and in none of those the page loads at once. */
function expectOnlyLater(marker: string): void {
  const dist = requireBuiltAddin()
  const files = paneSizes(dist).files
  const holds = (f: { file: string }) => readFileSync(join(dist, f.file), 'utf8').includes(marker)
  expect(files.filter((f) => !f.initial).some(holds)).toBe(true)
  expect(files.filter((f) => f.initial && holds(f)).map((f) => f.file)).toEqual([])
}

describe('the pane\'s weight', () => {
  it(`loads at most ${PANE_JS_BUDGET_GZIP / 1000} kB of JavaScript gzipped at once`, () => {
    const dist = requireBuiltAddin()
    const sizes = paneSizes(dist)
    const list = sizes.files.map((f) => `${f.file} ${f.gzip}${f.initial ? ' (at once)' : ''}`).join(', ')
    expect(sizes.files.some((f) => f.initial), list).toBe(true)
    expect(sizes.files.map((f) => f.file), list).toContain('sw.js')
    // What is counted is what is sent: the gzip copies are the files' own.
    for (const f of sizes.files) expect(f.gzip, f.file).toBeLessThanOrEqual(Math.max(gzipSync(readFileSync(join(dist, f.file))).length, f.raw))
    expect(sizes.initial.gzip, list).toBeLessThanOrEqual(PANE_JS_BUDGET_GZIP)
  })

  it('leaves zod\'s JSON Schema generation out (the server alone makes JSON Schema)', () => {
    const dist = requireBuiltAddin()
    const scripts = paneSizes(dist).files.map((f) => f.file)
    const code = scripts.map((f) => readFileSync(join(dist, f), 'utf8')).join('\n')
    expect(code).toContain('zod JSON Schema is left out of the task pane')
    expect(code).not.toContain('draft-2020-12')
  })

  it('loads zod and the shared schemas only with what needs them, not with the first screen', () => {
    // zod is in the build (a panel that checks a form loads it), and in none of the scripts loaded at once.
    expectOnlyLater('$ZodObject')
  })

  it('loads office-js-helpers only when its error banner is shown, not with the first screen', () => {
    expectOnlyLater('office-js-helpers-notification')
  })

  it('reads the scripts a page loads at once', () => {
    const html = `<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>
      <script type="module" crossorigin src="./assets/taskpane-Ab12Cd34.js"></script>
      <link rel="modulepreload" crossorigin href="./assets/shared-Xy12Zz99.js"><link rel="stylesheet" href="./assets/t.css">`
    expect(initialScripts(html)).toEqual(['assets/taskpane-Ab12Cd34.js', 'assets/shared-Xy12Zz99.js'])
  })
})
