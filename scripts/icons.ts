/**
 * Renders the add-in icons from their source, addin/public/assets/icon.svg, into PNGs beside it
 * (16, 32, 64, 80 and 128 px: ribbon, add-in list and store sizes), in headless Chromium.
 *
 *     node --import tsx scripts/icons.ts      # CHROMIUM=/path/to/chromium to pick the browser
 *
 * The PNGs are committed; run this again only after editing the SVG.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const ASSETS = fileURLToPath(new URL('../addin/public/assets/', import.meta.url))
const SIZES = [16, 32, 64, 80, 128]

const svg = await readFile(`${ASSETS}icon.svg`, 'utf8')
const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' })
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
