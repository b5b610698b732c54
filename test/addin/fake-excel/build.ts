/**
 * Builds the fake into one IIFE script for browsers (Playwright `addInitScript({ path })`),
 * with vite's library mode. Node only.
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const FILE = 'fake-excel.iife.js'
let built: Promise<string> | undefined

/**
 * Path of the built script (a fresh temporary directory, built once per process). Loading it
 * sets `window.Excel` and `window.__fakeExcel`.
 */
export function buildFakeExcelIife(): Promise<string> {
  built ??= (async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'lotledger-fake-excel-'))
    await build({
      configFile: false,
      logLevel: 'warn',
      root: fileURLToPath(new URL('.', import.meta.url)),
      publicDir: false,
      build: {
        outDir,
        emptyOutDir: false,
        minify: false,
        target: 'es2020',
        lib: { entry: fileURLToPath(new URL('./browser.ts', import.meta.url)), formats: ['iife'], name: 'lotledgerFakeExcel', fileName: () => FILE },
      },
    })
    return join(outDir, FILE)
  })()
  return built
}
