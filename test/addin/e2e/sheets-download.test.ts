/**
 * The Sheets tab without Excel (office.js loaded, no host), at 320 px and 480 px: every button
 * downloads the server's own export with the same filters, under the name the server gives it,
 * with what the server's reports have (dates on Stock, landscape pages, print titles).
 */
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { addDays } from '../../../shared/dates'
import { waitStatus, WIDTHS, type Pane } from '../../helpers/pane'
import { sheetsPaneSuite } from '../../helpers/pane-ledger'
import { toolSkipped } from '../../helpers/tools'

const today = new Date().toISOString().slice(0, 10)

/** Clicks `sheet`'s button and reads the file it downloads. */
async function download(s: Pane, sheet: string): Promise<{ name: string; book: ExcelJS.Workbook }> {
  const [file] = await Promise.all([s.page.waitForEvent('download'), s.page.locator(`[data-sheet=${sheet}]`).click()])
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile((await file.path())!)
  await waitStatus(s, `Downloaded ${file.suggestedFilename()}.`)
  return { name: file.suggestedFilename(), book }
}

describe.skipIf(toolSkipped('chromium')).each(WIDTHS)('Sheets without Excel, at %i px', (width) => {
  let s: Pane
  sheetsPaneSuite({ excel: false, width }, (opened) => (s = opened))

  it('says Excel is not here, and has no Excel-only button', async () => {
    expect(await s.page.locator('main').innerText()).toContain('Excel is not here: each report downloads as the server\'s .xlsx file.')
    expect(await s.page.locator('[data-sheet=trace-selection], [data-sheet=refresh]').count()).toBe(0)
    await s.shot('sheets-download-01')
  })

  it('downloads the traceability and the recall of a lot, named after it', async () => {
    await s.page.getByLabel('Product', { exact: true }).first().fill('MILK')
    await s.page.getByLabel('Lot or serial').first().fill('M-1')
    const trace = await download(s, 'trace')
    expect(trace.name).toBe(`Traceability MILK M-1 ${today}.xlsx`)
    expect(trace.book.worksheets[0].getCell('A1').value).toBe('Traceability of MILK (Milk 1L) lot M-1')
    const recall = await download(s, 'recall')
    expect(recall.name).toBe(`Recall MILK M-1 ${today}.xlsx`)
    expect(s.requests.list()).toEqual(['GET /exports/trace.xlsx?product=MILK&lot=M-1&direction=both', 'GET /exports/recall.xlsx?product=MILK&lot=M-1'])
  })

  it('downloads Stock with its dates and print setup, as the server writes it', async () => {
    const { name, book } = await download(s, 'stock')
    expect(name).toBe(`Stock ${today}.xlsx`)
    const ws = book.worksheets[0]
    const header = ws.getRow(4).values as unknown[]
    expect(header.slice(1)).toEqual(['Location', 'Product', 'Lot/Serial', 'Package', 'Quantity', 'Unit', 'Expiration', 'Alert'])
    const milk = [5, 6, 7, 8].map((r) => ws.getRow(r)).find((r) => r.getCell(3).value === 'M-2')!
    expect((milk.getCell(7).value as Date).toISOString().slice(0, 10)).toBe(addDays(today, 2))
    // Eight short columns fit a portrait page; one page wide, the header on every page.
    expect(ws.pageSetup).toMatchObject({ orientation: 'portrait', fitToWidth: 1, printTitlesRow: '4:4' })
    expect(ws.headerFooter.oddFooter).toContain('Page &P of &N')
    expect(s.requests.list()).toEqual(['GET /exports/stock.xlsx'])
  })

  it('downloads Lots, Expiring and Moves with the filters shown', async () => {
    await s.page.getByLabel('Product', { exact: true }).nth(1).fill('MILK')
    await s.page.getByLabel('From date').fill(addDays(today, -5))
    expect((await download(s, 'lots')).name).toBe(`Lots MILK ${today}.xlsx`)
    expect((await download(s, 'expiring')).name).toBe(`Expiring ${today}.xlsx`)
    expect((await download(s, 'moves')).name).toBe(`Moves MILK from ${addDays(today, -5)} ${today}.xlsx`)
    expect(s.requests.list()).toEqual(['GET /exports/lots.xlsx?product=MILK', 'GET /exports/expiring.xlsx', `GET /exports/moves.xlsx?product=MILK&after=${addDays(today, -5)}`])
  })

  it('downloads a delivery slip and the audit', async () => {
    await s.page.getByLabel('Delivery reference').fill('SO-1')
    const slip = await download(s, 'delivery-slip')
    expect(slip.name).toBe(`Delivery slip SO-1 ${today}.xlsx`)
    expect((await download(s, 'audit')).name).toBe(`Audit ${today}.xlsx`)
    expect(s.requests.list()).toEqual(['GET /exports/delivery-slip.xlsx?reference=SO-1', 'GET /exports/audit.xlsx'])
    await s.shot('sheets-download-02')
  })
})
