/**
 * Every report printed, as a person prints it: the dairy's month (scenario.ts) exported, each
 * file turned into a PDF by LibreOffice, and the PDF checked for what paper shows: pages of the
 * right size and orientation, the table one page wide, the title and header on the pages, the
 * page numbers, product names and words instead of codes. Fails where LibreOffice is missing,
 * saying how to get it; skipped only on explicit request (LOTLEDGER_TEST_SKIP=libreoffice).
 *
 * The text is read with poppler's `pdftotext` when it is installed, else from the PDF's own
 * streams (pdf-pages.ts), which also give the page sizes. LOTLEDGER_KEEP_PDF=<dir> keeps the
 * PDFs there, to look at them (`pdftoppm -png` makes pictures of them).
 */
import { spawnSync } from 'node:child_process'
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClock } from '../../helpers/clock'
import { startServer, type TestServer } from '../../helpers/server'
import { tempDirs } from '../../helpers/temp'
import { requireTool, toolSkipped } from '../../helpers/tools'
import { download, record } from './helpers'
import { pdfPages, type PdfPage } from './pdf-pages'
import { SCENARIO_DELIVERY, SCENARIO_NOW, SCENARIO_PRODUCTS, SCENARIO_SENDER, seedDairy } from './scenario'

/** Each report of the month, as its file is named here. */
const REPORTS = {
  trace: 'trace.xlsx?product=MILK-1L&lot=L2026-0602-A',
  recall: 'recall.xlsx?product=MILK-1L&lot=L2026-0602-A',
  stock: 'stock.xlsx',
  lots: 'lots.xlsx',
  expiring: 'expiring.xlsx',
  moves: 'moves.xlsx',
  slip: `delivery-slip.xlsx?reference=${encodeURIComponent(SCENARIO_DELIVERY)}`,
  audit: 'audit.xlsx',
} as const
type Name = keyof typeof REPORTS
/** Lines of the long receipt whose moves take several pages. */
const LONG_LINES = 150

interface Printed {
  /** The pages in order: sizes in points, and the text as the PDF's streams give it. */
  pages: PdfPage[]
  /** The text of each page: pdftotext's when installed, else the streams'. */
  text: string[]
  /** Whether pdftotext read it. */
  poppler: boolean
}

/** A4 in points, either way round. */
const A4 = { short: 595.3, long: 841.9 }

const dirs = tempDirs()
let server: TestServer
const printed = {} as Record<Name | 'long', Printed>

/** The text of each page, or null without pdftotext. */
function pageTexts(file: string): string[] | null {
  const run = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
  if (run.error || run.status !== 0) return null
  return run.stdout.split('\f').slice(0, -1)
}

beforeAll(async () => {
  server = await startServer({ clock: new TestClock(SCENARIO_NOW) })
  await seedDairy(server.admin)
  const viewer = await server.clientFor('viewer')
  // Another workspace's long month: a receipt of 150 lots, whose moves take pages.
  const bulk = await server.workspace('bulk')
  expect((await bulk.put('/products/TOMATO-CAN', { name: 'Peeled tomatoes 400 g can', tracking: 'lot' })).status).toBe(201)
  const lines = Array.from({ length: LONG_LINES }, (_, i) => ({ product: 'TOMATO-CAN', qty: 24, lot: `T26-${String(i + 1).padStart(4, '0')}` }))
  await record(bulk, { type: 'receipt', reference: 'WH/IN/00100', partner: 'Conserverie du Sud', date: '2026-06-15', lines })
  const dir = await dirs.make('lotledger-pdf-')
  const files: string[] = []
  for (const [name, path, client] of [...Object.entries(REPORTS).map(([n, p]) => [n, p, viewer] as const), ['long', 'moves.xlsx', bulk] as const]) {
    const res = await download(server.url, client, path)
    expect(res.status, `${name}: ${res.bytes.toString('utf8', 0, 300)}`).toBe(200)
    await writeFile(join(dir, `${name}.xlsx`), res.bytes)
    files.push(join(dir, `${name}.xlsx`))
  }
  // A profile of its own: no clash with a LibreOffice the user runs.
  const run = spawnSync(requireTool('libreoffice'), [
    `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--convert-to', 'pdf', '--outdir', join(dir, 'pdf'), ...files,
  ], { timeout: 240_000, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`soffice failed: ${run.error?.message ?? run.stderr}`)
  const keep = process.env.LOTLEDGER_KEEP_PDF
  if (keep) await mkdir(keep, { recursive: true })
  for (const name of [...Object.keys(REPORTS), 'long'] as Array<Name | 'long'>) {
    const file = join(dir, 'pdf', `${name}.pdf`)
    const pages = pdfPages(await readFile(file))
    const poppler = pageTexts(file)
    printed[name] = { pages, text: poppler ?? pages.map((p) => p.text), poppler: poppler !== null }
    if (keep) await copyFile(file, join(keep, `${name}.pdf`))
  }
}, 300_000)
afterAll(async () => {
  await server?.close()
  await dirs.cleanup()
})

const textOf = (name: Name | 'long'): string[] => printed[name].text
const whole = (name: Name) => textOf(name).join('\n')

describe.skipIf(toolSkipped('libreoffice'))('the reports printed to PDF by LibreOffice', () => {
  it('wide reports print landscape, narrow ones and the delivery slip portrait, on A4', () => {
    const orientation = (name: Name) => {
      const { pages } = printed[name]
      expect(pages.length, name).toBeGreaterThan(0)
      for (const p of pages) expect([Math.min(p.width, p.height), Math.max(p.width, p.height)], name).toEqual([expect.closeTo(A4.short, 0), expect.closeTo(A4.long, 0)])
      return pages[0].width > pages[0].height ? 'landscape' : 'portrait'
    }
    const seen = Object.fromEntries((Object.keys(REPORTS) as Name[]).map((n) => [n, orientation(n)]))
    expect(seen).toEqual({
      trace: 'landscape', recall: 'landscape', stock: 'portrait', lots: 'landscape', expiring: 'portrait', moves: 'landscape', slip: 'portrait', audit: 'landscape',
    })
  })

  it('one page wide: the last column is on the first page, and a month fits on one page each', () => {
    for (const name of Object.keys(REPORTS) as Name[]) expect(printed[name].pages.length, name).toBe(1)
    // The last header of each table sits on page 1 beside the first.
    expect(whole('trace')).toMatch(/Reference.*Operation/)
    expect(whole('moves')).toMatch(/Date.*Move/)
    expect(whole('lots')).toMatch(/Product.*Registered/)
    expect(whole('audit')).toMatch(/Time.*Record/)
  })

  it('every page has the report\'s title and its page number in the footer', () => {
    const titles: Record<Name, string> = {
      trace: 'Traceability of MILK-1L (Whole milk 1 L bottle) lot L2026-0602-A', recall: 'Recall of MILK-1L (Whole milk 1 L bottle) lot L2026-0602-A',
      stock: 'Stock on hand by location and lot', lots: 'Lots and serial numbers', expiring: 'Expiration alerts', moves: 'Move history',
      slip: `Delivery slip ${SCENARIO_DELIVERY}`, audit: 'Audit',
    }
    for (const name of Object.keys(REPORTS) as Name[]) {
      for (const page of textOf(name)) {
        expect(page, name).toContain(titles[name])
        expect(page, name).toMatch(/Page\s+1\s+of\s+1\s*$/)
      }
      // The PDF's own streams say the same, where pdftotext read the text.
      if (printed[name].poppler) for (const page of printed[name].pages) expect(page.text, name).toContain(titles[name])
    }
  })

  it('a report of several pages repeats its header row on each, and numbers the pages', () => {
    const pages = textOf('long')
    expect(printed.long.pages.length).toBeGreaterThan(2)
    expect(pages).toHaveLength(printed.long.pages.length)
    pages.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toMatch(/Date\s+Reference\s+Operation\s+Product/)
      expect(page, `page ${i + 1}`).toMatch(new RegExp(`Move history\\s+Page\\s+${i + 1}\\s+of\\s+${pages.length}\\s*$`))
    })
    // Every move is printed once, the first and the last on the first and last pages.
    const lots = pages.join('\n').match(/T26-\d{4}/g) ?? []
    expect(lots).toHaveLength(LONG_LINES)
    expect(pages[0]).toContain('T26-0001')
    expect(pages[pages.length - 1]).toContain(`T26-0${LONG_LINES}`)
  })

  it('trace and recall name the products in words, directions and operation types too', () => {
    for (const name of ['trace', 'recall'] as const) {
      const text = whole(name)
      for (const product of ['Whole milk 1 L bottle', 'Strawberry yoghurt']) expect(text, name).toContain(product)
      // Table rows (the subtitle may say "(upstream)" to explain the word).
      const rows = text.split('\n').filter((line) => /\d{4}-\d\d-\d\d/.test(line) && !line.includes('made '))
      expect(rows.join('\n'), name).not.toMatch(/\b(downstream|upstream|receipt|delivery|production|internal)\b/)
    }
    const trace = whole('trace')
    for (const word of ['Downstream', 'Receipt', 'Production', 'Delivery', 'Aged Gouda wheel']) expect(trace).toContain(word)
    // A right-aligned date never runs into the next column: each row's date and lot are apart.
    expect(trace).toMatch(/2026-06-08\s{2,}L2026-0602-A/)
  })

  it('the delivery slip reads as a customer document', () => {
    const slip = whole('slip')
    for (const line of SCENARIO_SENDER.split('\n')) expect(slip).toContain(line)
    for (const text of ['Ship to', 'Delhaize Bruxelles-Louise', 'Delivery date', '2026-06-08', 'Deliver to the goods entrance', 'Received by', 'Signature', 'X2-000481', SCENARIO_PRODUCTS['GOUDA-48']]) {
      expect(slip).toContain(text)
    }
    expect(slip).not.toContain('00:00')
    expect(slip).not.toContain('Workspace')
    expect(slip).toContain('report any damage')
  })

  it('the Lots report dates each lot by its receipt', () => {
    const lots = whole('lots')
    // L2026-0624-A came in on the 24th; yoghurt made on the 4th.
    expect(lots).toMatch(/L2026-0624-A\s+WH\/IN\/00005\s+2026-06-24|L2026-0624-A\s+2026-06-24/)
    expect(lots).toMatch(/Y2026-0604\s+2026-06-04/)
  })
})
