/**
 * `npm run lint` (part of `npm test`): the layers (lint/layers.ts) plus the type-aware rules that
 * catch what tsc lets through: promises nobody awaits, switches that miss a case, unused code.
 */
import { defineConfig } from 'eslint/config'
import tseslint from 'typescript-eslint'
import { layers, ROOT } from './lint/layers'

export default defineConfig(
  { ignores: ['dist/**', 'bench/out/**', 'test-artifacts/**', 'node_modules/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  ...layers,
  {
    name: 'lotledger/typed',
    files: ['**/*.ts'],
    plugins: { '@typescript-eslint': tseslint.plugin },
    // One TypeScript program for the whole repository (tsconfig.json), as tsc builds it.
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: ROOT } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
)
