/**
 * A vite plugin for dependencies bundled by webpack 4 (office-js-helpers): webpack's
 * `buildin/global.js` finds the global object as `this` of a sloppy-mode function, else with
 * `Function("return this")()` and `eval`. Bundled into an ES module, which is strict, `this` is
 * undefined, so it always reaches for eval: under the pane's Content-Security-Policy (no eval)
 * that throws, is caught, and is reported as a violation on every load. The plugin writes
 * `globalThis` in its place, which is what it finds.
 */
import type { Plugin } from 'vite'

/** The expression webpack 4's global shim evaluates when `this` is not the global object. */
const EVAL_GLOBAL = 'Function("return this")() || (1,eval)("this")'

/** `code` with webpack's eval for the global object replaced by `globalThis`, or null when it has none. */
export function withoutEvalGlobal(code: string): string | null {
  return code.includes(EVAL_GLOBAL) ? code.replaceAll(EVAL_GLOBAL, 'globalThis') : null
}

/** The plugin: applied to dependencies only, before other transforms. */
export function webpackGlobalWithoutEval(): Plugin {
  return {
    name: 'webpack-global-without-eval',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('/node_modules/')) return null
      const replaced = withoutEvalGlobal(code)
      // Same lines as before: no mappings of its own are needed for a dependency.
      return replaced === null ? null : { code: replaced, map: { mappings: '' } }
    },
  }
}
