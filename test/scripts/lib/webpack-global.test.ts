import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { webpackGlobalWithoutEval, withoutEvalGlobal } from '../../../scripts/lib/webpack-global'

const helpersFile = createRequire(import.meta.url).resolve('@microsoft/office-js-helpers')

describe('webpack 4\'s global shim without eval', () => {
  it('replaces the eval in office-js-helpers\' bundle by globalThis, and only that', () => {
    const code = readFileSync(helpersFile, 'utf8')
    expect(code).toContain('Function("return this")() || (1,eval)("this")')
    const replaced = withoutEvalGlobal(code)!
    expect(replaced).not.toContain('(1,eval)')
    expect(replaced).toContain('g = g || globalThis;')
    // Lines stay where they were: the bundle's source map still holds.
    expect(replaced.split('\n').length).toBe(code.split('\n').length)
    expect(replaced.length).toBeLessThan(code.length)
  })

  it('leaves code without the shim, and files outside node_modules, alone', () => {
    expect(withoutEvalGlobal('export const x = Function("return 1")')).toBeNull()
    const transform = webpackGlobalWithoutEval().transform as (code: string, id: string) => unknown
    const shim = 'g = g || Function("return this")() || (1,eval)("this");'
    expect(transform(shim, '/repo/addin/src/main.ts')).toBeNull()
    expect(transform(shim, '/repo/node_modules/x/index.js')).toEqual({ code: 'g = g || globalThis;', map: { mappings: '' } })
  })
})
