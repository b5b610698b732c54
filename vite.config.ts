import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

// The task pane: built into dist/addin, which the server serves beside the API.
export default defineConfig({
  root: here('./addin'),
  base: './',
  publicDir: here('./addin/public'),
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
