/**
 * The project's layers as lint rules, in one place: eslint.config.ts applies them to the whole
 * repository and test/lint/layers.test.ts proves each one fails on a file that breaks it.
 *
 * - addin/ (the pane) and server/ meet only in shared/, the contract; shared/ depends on neither.
 * - server/domain/ (the ledger's rules) knows nothing of HTTP, storage, exports or imports.
 * - Office.js is used only in addin/excel/, and the pane enters that layer by its index.ts alone.
 * - The add-in never calls alert, confirm or prompt: Office replaces them with functions that
 *   throw ("Function window.confirm is not supported"); the pane asks with a Fluent dialog.
 * - scripts/ never reach into test/.
 */
import { fileURLToPath } from 'node:url'
import type { Linter } from 'eslint'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX from 'eslint-plugin-import-x'
import tseslint from 'typescript-eslint'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))

interface Zone {
  /** The folder whose files may not import... */
  target: string
  /** ...anything under this folder. */
  from: string
  /** Why, shown with the error. */
  message: string
  /** Files under `from` that may be imported after all, relative to it. */
  except?: string[]
}

const CONTRACT = 'The pane and the server share code only through shared/ (the contract) and the HTTP API.'
const DOMAIN = 'The domain holds the ledger\'s rules; HTTP, storage, exports and imports call it, never the reverse.'

export const ZONES: readonly Zone[] = [
  { target: './addin', from: './server', message: CONTRACT },
  { target: './shared', from: './server', message: `${CONTRACT} shared/ depends on neither side.` },
  { target: './shared', from: './addin', message: `${CONTRACT} shared/ depends on neither side.` },
  ...['http', 'store', 'exports', 'import'].map((layer) => ({
    target: './server/domain', from: `./server/${layer}`, message: DOMAIN,
  })),
  {
    target: './addin/src', from: './addin/excel', except: ['./index.ts'],
    message: 'The pane reaches Excel through addin/excel/index.ts, the layer\'s door, alone.',
  },
  { target: './scripts', from: './test', message: 'Scripts do not depend on test code; move what both need out of test/.' },
]

export const OFFICE_GLOBALS = ['Office', 'Excel', 'OfficeExtension', 'OfficeRuntime'] as const
export const OFFICE_MESSAGE = 'Office.js is used only in addin/excel/ (the pane imports addin/excel/index.ts).'

/** Files that may use Office.js: the layer itself, its tests, and the fake Excel those tests run on. */
export const OFFICE_ALLOWED = ['addin/excel/**', 'test/addin/excel/**', 'test/addin/fake-excel/**']

export const DIALOG_GLOBALS = ['alert', 'confirm', 'prompt'] as const
export const DIALOG_MESSAGE = 'Office replaces alert, confirm and prompt with functions that throw: ask with a Fluent dialog (addin/src/ui/dialog.ts).'

const officeGlobals = OFFICE_GLOBALS.map((name) => ({ name, message: OFFICE_MESSAGE }))
const dialogGlobals = DIALOG_GLOBALS.map((name) => ({ name, message: DIALOG_MESSAGE }))

const TS_FILES = ['**/*.ts']

/**
 * The layering rules, complete with the parser and the import resolver they need. The resolver
 * matters: no-restricted-paths ignores an import it cannot resolve, so import-x/no-unresolved
 * runs beside it and every relative import (written without its .ts extension) must resolve.
 */
export const layers: Linter.Config[] = [
  {
    name: 'lotledger/layers',
    files: TS_FILES,
    languageOptions: {
      parser: tseslint.parser,
      sourceType: 'module',
      // Declared so that `window.Excel` and `self.Office` are caught like `Excel` (globalThis is built in).
      globals: { window: 'readonly', self: 'readonly' },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: `${ROOT}tsconfig.json` })],
    },
    rules: {
      'import-x/no-unresolved': 'error',
      'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones: ZONES.map((z) => ({ ...z })) }],
      'no-restricted-globals': ['error', { globals: officeGlobals, checkGlobalObject: true }],
    },
  },
  {
    name: 'lotledger/layers/office',
    files: OFFICE_ALLOWED,
    rules: { 'no-restricted-globals': 'off' },
  },
  // The add-in runs inside Office: no browser dialogs, in the pane and in its Excel layer alike.
  {
    name: 'lotledger/layers/no-dialogs',
    files: ['addin/**/*.ts'],
    rules: {
      'no-alert': 'error',
      'no-restricted-globals': ['error', { globals: [...dialogGlobals, ...officeGlobals], checkGlobalObject: true }],
    },
  },
  {
    name: 'lotledger/layers/no-dialogs/office',
    files: ['addin/excel/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', { globals: dialogGlobals, checkGlobalObject: true }] },
  },
]
