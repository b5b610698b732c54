import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
// With its extension: vite warns of imports that its coming native config loader could not follow.
import { recordBuildSources } from './scripts/lib/build-sources.js'
import { webpackGlobalWithoutEval } from './scripts/lib/webpack-global.js'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

/** Where the pane build lists the sources it read: beside dist/addin, never served. */
export const ADDIN_BUILD_SOURCES = here('./dist/addin-sources.json')

// The task pane: built into dist/addin, which the server serves beside the API.
export default defineConfig({
  root: here('./addin'),
  base: './',
  publicDir: here('./addin/public'),
  plugins: [webpackGlobalWithoutEval(), recordBuildSources({ root: here('.'), file: ADDIN_BUILD_SOURCES })],
  build: {
    outDir: here('./dist/addin'),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: true,
    chunkSizeWarningLimit: 2048,
    rollupOptions: {
      input: { taskpane: here('./addin/taskpane.html'), commands: here('./addin/commands.html') },
    },
  },
})
