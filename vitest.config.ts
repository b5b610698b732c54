import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
// With its extension: vite warns of imports that its coming native config loader could not follow.
import { testTiers } from './test/tiers.js'

const tiers = testTiers(fileURLToPath(new URL('.', import.meta.url)))

// Two projects, both run by `vitest run` (`npm test`): `unit` alone is the quick inner loop
// (`npm run test:unit`); `system` holds what starts processes, drives a browser or LibreOffice, or
// serves the built pane (test/tiers.ts decides from each file's imports).
export default defineConfig({
  test: {
    // Every core: with isolation off (unit) vitest would otherwise keep to one worker.
    maxWorkers: '100%',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Everything but the system tier, so that watch mode also picks up a file added later.
          include: ['test/**/*.test.ts'],
          exclude: tiers.system,
          // Files share a worker's loaded modules instead of importing exceljs, zod and the server
          // again each (a third of the time): unit tests keep no state between files, and pass
          // in any file order.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'system',
          include: tiers.system,
          // Builds the task pane (dist/addin) once when it is missing or stale: tests serve it.
          globalSetup: ['test/global-setup.ts'],
        },
      },
    ],
  },
})
