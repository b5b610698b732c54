/**
 * A fresh server for each test of a file, on a fixed clock (2026-11-27 10:00 UTC) with the
 * catalogue of seedCatalogue: what the import and operation suites start every test from.
 */
import { afterEach, beforeEach } from 'vitest'
import { TestClock } from './clock'
import { seedCatalogue } from './fixtures'
import { startServer, type TestServer } from './server'

/** Registers the hooks: `started` gets each test's server once it is seeded. */
export function seededServerPerTest(started: (server: TestServer) => void): void {
  let server: TestServer | undefined
  beforeEach(async () => {
    server = await startServer({ clock: new TestClock('2026-11-27T10:00:00Z') })
    await seedCatalogue(server.admin)
    started(server)
  })
  afterEach(async () => server?.close())
}

/** An import answer's problems, one line each as `row column code: message`. */
export function problemLines(body: { report: { problems: Array<{ row: number | null; column: string | null; code: string; message: string }> } }): string[] {
  return body.report.problems.map((p) => `${p.row} ${p.column ?? '-'} ${p.code}: ${p.message}`)
}
