import { fileURLToPath } from 'node:url'
import { webLightTheme } from '@fluentui/tokens'
import { defineConfig } from 'vite'
// With its extension: vite warns of imports that its coming native config loader could not follow.
import { recordBuildSources } from './scripts/lib/build-sources.js'
import { fluentTheme } from './scripts/lib/fluent-theme.js'
import { paneWorker } from './scripts/lib/pane-worker.js'
import { precompress } from './scripts/lib/precompress.js'
import { webpackGlobalWithoutEval } from './scripts/lib/webpack-global.js'
import { zodWithoutJsonSchema } from './scripts/lib/zod-json-schema.js'
import { zodThrough } from './scripts/lib/zod-jitless.js'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

/** Where the pane build lists the sources it read: beside dist/addin, never served. */
export const ADDIN_BUILD_SOURCES = here('./dist/addin-sources.json')

/** The pane's service worker: an input of its own, written as `sw.js` beside the pages. */
const WORKER = 'worker'

/** Source maps only on request (`LOTLEDGER_SOURCE_MAPS=1 npm run build`): the server serves what the build wrote. */
const SOURCE_MAPS = process.env.LOTLEDGER_SOURCE_MAPS === '1'

// The task pane: built into dist/addin, which the server serves beside the API.
export default defineConfig({
  root: here('./addin'),
  base: './',
  publicDir: here('./addin/public'),
  plugins: [
    webpackGlobalWithoutEval(),
    zodWithoutJsonSchema(),
    zodThrough(here('./addin/src/platform/zod.ts')),
    fluentTheme({ theme: webLightTheme, page: 'taskpane.html' }),
    paneWorker({ entry: WORKER, page: 'taskpane.html', leaveOut: ['commands'] }),
    precompress(),
    recordBuildSources({ root: here('.'), file: ADDIN_BUILD_SOURCES }),
  ],
  build: {
    outDir: here('./dist/addin'),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: SOURCE_MAPS,
    // No polyfill for <link rel=modulepreload>: a browser without it loads each module when it is imported, as it would anyway.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2048,
    rollupOptions: {
      input: {
        taskpane: here('./addin/taskpane.html'),
        commands: here('./addin/commands.html'),
        [WORKER]: here('./addin/src/offline/service-worker.ts'),
      },
      output: { entryFileNames: (chunk) => (chunk.name === WORKER ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
})
