/** Temporary directories that a test file creates and removes again. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TempDirs {
  /** A new empty directory under the system temp dir. */
  make(prefix?: string): Promise<string>
  /** Removes every directory made so far. */
  cleanup(): Promise<void>
}

export function tempDirs(): TempDirs {
  const made: string[] = []
  return {
    async make(prefix = 'lotledger-test-') {
      const dir = await mkdtemp(join(tmpdir(), prefix))
      made.push(dir)
      return dir
    },
    async cleanup() {
      for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true })
    },
  }
}
