/**
 * A throwaway PostgreSQL for a test file (scripts/lib/throwaway-postgres.ts): started in
 * beforeAll, removed in afterAll. Its initdb comes from the same finder as `npm test`, which
 * installs Debian's postgresql package when it is missing; run directly, a missing PostgreSQL
 * fails the test with how to get it.
 */
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../scripts/lib/throwaway-postgres'
import { requireTool, toolSkipped } from './tools'

export type { ThrowawayPostgres }

/** True when the person running the tests opted out of PostgreSQL (LOTLEDGER_TEST_SKIP=postgres). */
export const postgresSkipped = (): boolean => toolSkipped('postgres')

/** Starts a new PostgreSQL cluster of the test's own (fsync off: no test cuts the power). */
export function startPostgres(settings: string[] = []): Promise<ThrowawayPostgres> {
  return startThrowawayPostgres({ initdb: requireTool('postgres'), settings })
}
