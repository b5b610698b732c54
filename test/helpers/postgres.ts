/**
 * A throwaway PostgreSQL for a test file (scripts/lib/throwaway-postgres.ts): started in
 * beforeAll, removed in afterAll. Its initdb comes from the same finder as `npm test`, which
 * installs Debian's postgresql package when it is missing; run directly, a missing PostgreSQL
 * fails the test with how to get it.
 */
import { afterAll, afterEach, beforeAll } from 'vitest'
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../scripts/lib/throwaway-postgres'
import { killStarted } from './process'
import { requireTool, toolSkipped } from './tools'

export type { ThrowawayPostgres }

/** True when the person running the tests opted out of PostgreSQL (LOTLEDGER_TEST_SKIP=postgres). */
export const postgresSkipped = (): boolean => toolSkipped('postgres')

/** Starts a new PostgreSQL cluster of the test's own (fsync off: no test cuts the power). */
export function startPostgres(settings: string[] = []): Promise<ThrowawayPostgres> {
  return startThrowawayPostgres({ initdb: requireTool('postgres'), settings })
}

/**
 * The hooks of a suite that starts server processes on one throwaway PostgreSQL: the database
 * for the whole suite (given to `started`), and after each test its processes killed and its
 * temporary folders removed.
 */
export function postgresForProcesses(temp: { cleanup(): Promise<void> }, started: (pg: ThrowawayPostgres) => void): void {
  let pg: ThrowawayPostgres | undefined
  beforeAll(async () => {
    pg = await startPostgres()
    started(pg)
  })
  afterEach(async () => {
    await killStarted()
    await temp.cleanup()
  })
  afterAll(async () => {
    await pg?.dispose()
  })
}
