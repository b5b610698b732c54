/**
 * A vite plugin making every `zod` import of the pane's build go through one module of the pane's
 * own (`wrapper`), which configures zod before passing it on. ES modules run a module's imports
 * before the module, so the configuration precedes every schema of every chunk, also when the
 * schemas are loaded only when first needed: no import order has to be kept by hand.
 */
import type { Plugin } from 'vite'

/** The plugin (the pane's build only): `wrapper` is an absolute path; its own `zod` import is zod's. */
export function zodThrough(wrapper: string): Plugin {
  return {
    name: 'zod-through-wrapper',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== 'zod' || !importer || importer.split('?')[0] === wrapper) return null
      return wrapper
    },
  }
}
