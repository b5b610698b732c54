/**
 * Renders the add-in icons from their source, addin/public/assets/icon.svg, into PNGs beside it
 * (16, 32, 64, 80 and 128 px: ribbon, add-in list and store sizes), in headless Chromium.
 *
 *     node --import tsx scripts/icons.ts      # CHROMIUM=/path/to/chromium to pick the browser
 *
 * The browser is found as `npm test` finds it (scripts/lib/tools.ts); run `npm test` once to
 * have it installed on Debian.
 *
 * The PNGs are committed; run this again only after editing the SVG.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { findTool } from './lib/tools'

const ASSETS = fileURLToPath(new URL('../addin/public/assets/', import.meta.url))
const SIZES = [16, 32, 64, 80, 128]

const svg = await readFile(`${ASSETS}icon.svg`, 'utf8')
const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
const found = findTool('chromium')
if (!found.found) throw new Error(`${found.reason}: set CHROMIUM to a Chromium, Chrome or Edge`)
const browser = await chromium.launch({ executablePath: found.path })
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 })
    await page.setContent(
      `<html><body style="margin:0"><img id="icon" src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
    )
    await page.waitForFunction(() => (document.getElementById('icon') as HTMLImageElement).complete)
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
    await writeFile(`${ASSETS}icon-${size}.png`, png)
    console.log(`icon-${size}.png (${png.length} bytes)`)
    await page.close()
  }
} finally {
  await browser.close()
}
