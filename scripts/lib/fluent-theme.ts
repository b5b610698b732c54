/**
 * A vite plugin writing the Fluent theme as a stylesheet at build time, in place of Fluent's
 * setTheme() at run time. setTheme puts every token of a theme (459 in webLightTheme) on the page
 * from JavaScript, which ships the whole theme object in the bundle; the components registered and
 * our CSS read about a hundred of them. The plugin looks for the `--token` names the built
 * JavaScript and CSS use, writes those tokens as `:root { … }` into a hashed stylesheet, and links
 * it from the page, before the scripts run.
 */
import type { Plugin } from 'vite'

/** A Fluent theme: token name (no dashes) to CSS value. */
export type Theme = Readonly<Record<string, string | number>>

/** The names after `--` in `text` (`var(--colorNeutralForeground1)` → colorNeutralForeground1). */
export function customPropertyNames(text: string): Set<string> {
  return new Set([...text.matchAll(/--([A-Za-z_][A-Za-z0-9_-]*)/g)].map((m) => m[1]))
}

/** The stylesheet setting `used` tokens of `theme` on the document, in the theme's order. */
export function themeCss(theme: Theme, used: ReadonlySet<string>): string {
  const declarations = Object.entries(theme)
    .filter(([name]) => used.has(name))
    .map(([name, value]) => `--${name}:${String(value)}`)
  return `:root{${declarations.join(';')}}\n`
}

/** The plugin: `page` is the HTML file the stylesheet is linked from (`taskpane.html`). */
export function fluentTheme(options: { theme: Theme; page: string }): Plugin {
  return {
    name: 'fluent-theme',
    apply: 'build',
    // After vite's own plugins have put the page and the CSS into the bundle.
    enforce: 'post',
    generateBundle(_options, bundle) {
      let text = ''
      for (const out of Object.values(bundle)) {
        if (out.type === 'chunk') text += out.code
        else if (out.fileName.endsWith('.css')) text += String(out.source)
      }
      const ref = this.emitFile({ type: 'asset', name: 'theme.css', source: themeCss(options.theme, customPropertyNames(text)) })
      const page = bundle[options.page]
      if (!page || page.type !== 'asset') this.error(`fluent-theme: the build made no ${options.page}`)
      const html = String(page.source)
      const link = `<link rel="stylesheet" href="./${this.getFileName(ref)}">`
      // First in <head>'s stylesheets, so that the page's own CSS comes after it.
      const at = html.search(/<link\b[^>]*rel="stylesheet"|<\/head>/)
      if (at < 0) this.error(`fluent-theme: ${options.page} has no <head>`)
      const indent = /[ \t]*$/.exec(html.slice(0, at))![0]
      page.source = `${html.slice(0, at)}${link}\n${indent}${html.slice(at)}`
    },
  }
}
