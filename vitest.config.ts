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
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: tiers.unit } },
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
