/**
 * Once per test run: builds the task pane when `dist/addin` is missing or stale, then gives the
 * tests a private copy of the build, so that a rebuild during the run (`npm start` builds too)
 * cannot pull files from under them. A failed build does not stop the run: the tests that serve
 * the pane fail with its message (requireBuiltAddin).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { DEFAULT_ADDIN_DIR } from '../server/http/static'
import { addinBuildStale, buildAddin } from './helpers/addin-build'

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let error: string | null = null
  let copy: string | null = null
  const stale = addinBuildStale()
  if (stale) {
    try {
      buildAddin()
    } catch (err) {
      error = `${stale}, and ${(err as Error).message}`
    }
  }
  if (!error) {
    copy = await mkdtemp(join(tmpdir(), 'lotledger-addin-build-'))
    await cp(DEFAULT_ADDIN_DIR, copy, { recursive: true })
  }
  project.provide('addinBuildError', error)
  project.provide('addinDir', copy)
  return async () => {
    if (copy) await rm(copy, { recursive: true, force: true })
  }
}
