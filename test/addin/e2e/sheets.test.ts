/**
 * The Sheets tab in Excel (office.js and the fake Excel), at 320 px and 480 px: each sheet
 * pulled with the request it needs, a sheet per lot for traces, Trace selection on a lot cell
 * and elsewhere, Stock's dates and flags, filters shown and cleared, a reversed range refused,
 * a delivery slip as a sheet, the audit as the server's file, Refresh all.
 */
import { describe, expect, it } from 'vitest'
import { addDays, excelSerial } from '../../../shared/dates'
import { fitsWidth, fluentButton, waitStatus, WIDTHS, type Pane } from '../../helpers/pane'
import { sheetsPaneSuite } from '../../helpers/pane-ledger'
import { toolSkipped } from '../../helpers/tools'

const today = new Date().toISOString().slice(0, 10)

const workbook = (s: Pane) => s.page.evaluate(() => {
  const fake = (window as any).__fakeExcel
  return { names: fake.sheetNames() as string[] }
})

describe.skipIf(toolSkipped('chromium')).each(WIDTHS)('Sheets in Excel, at %i px', (width) => {
  let s: Pane
  sheetsPaneSuite({ excel: true, width }, (opened) => (s = opened))

  it('pulls a trace into a sheet of its own lot: a second lot gets a second sheet, the first again is refreshed', async () => {
    await s.page.getByLabel('Product', { exact: true }).first().fill('milk 1l')
    await s.page.getByLabel('Product', { exact: true }).first().press('Tab')
    expect(await s.page.getByLabel('Product', { exact: true }).first().inputValue()).toBe('MILK')
    await s.page.getByLabel('Lot or serial').first().fill('M-1')
    await s.page.locator('[data-sheet=trace]').click()
    expect(await waitStatus(s, 'Trace MILK M-1: 2 rows')).toContain('on a new sheet')
    expect(s.requests.list()).toEqual(['GET /trace?product=MILK&lot=M-1&direction=both'])
    const sheet = await s.page.evaluate(() => {
      const ws = (window as any).__fakeExcel.sheet('Trace MILK M-1')
      return { title: ws.cell('A1').value, header: ws.values('A4:H4'), rows: ws.values('A5:H6'), date: ws.cell('D5'), frozen: ws.frozenRows }
    })
    expect(sheet.title).toBe('Traceability of MILK (Milk 1L) lot M-1')
    expect(sheet.header).toEqual([['Reference', 'Product', 'Product name', 'Date', 'Lot/Serial', 'From', 'To', 'Quantity']])
    expect(sheet.rows.map((r: unknown[]) => [r[0], r[2], r[4], r[5], r[6], r[7]])).toEqual([['PO-1', 'Milk 1L', 'M-1', 'Vendors', 'WH/Stock', 10], ['SO-1', 'Milk 1L', 'M-1', 'WH/Stock', 'Customers', 2]])
    expect(sheet.date.numberFormat).toBe('yyyy-mm-dd hh:mm')
    expect(sheet.frozen).toBe(4)
    await s.page.getByLabel('Lot or serial').first().fill('M-2')
    await s.page.locator('[data-sheet=trace]').click()
    await waitStatus(s, 'Trace MILK M-2: 1 row')
    await s.page.getByLabel('Lot or serial').first().fill('M-1')
    await s.page.locator('[data-sheet=trace]').click()
    expect(await waitStatus(s, 'Trace MILK M-1: 2 rows')).toContain('refreshed in place')
    expect((await workbook(s)).names.filter((n) => n.startsWith('Trace'))).toEqual(['Trace MILK M-1', 'Trace MILK M-2'])
    await s.shot('sheets-01-traces')
  })

  it('traces the selected lot cell, and asks for a lot cell when a quantity is selected', async () => {
    await s.page.evaluate(() => {
      const fake = (window as any).__fakeExcel
      if (!fake.hasSheet('Inventory')) fake.addSheet('Inventory').set('A1', [['SKU', 'Batch', 'Count'], ['Milk 1L', 'M-2', 12]])
      fake.setSelection('Inventory', 'C2')
    })
    await s.page.locator('[data-sheet=trace-selection]').click()
    await waitStatus(s, 'Inventory!C2 is in the Count column: select the cell of a lot or serial number, in a row with a product.')
    expect(s.requests.list()).toEqual([])
    await s.page.evaluate(() => (window as any).__fakeExcel.setSelection('Inventory', 'B2'))
    await s.page.locator('[data-sheet=trace-selection]').click()
    await waitStatus(s, 'Trace MILK M-2: 1 row')
    expect(s.requests.list()).toEqual(['GET /trace?product=MILK&lot=M-2&direction=both'])
    expect(await s.page.getByLabel('Lot or serial').first().inputValue()).toBe('M-2')
  })

  it('pulls the recall of a lot into a sheet of its own', async () => {
    await s.page.getByLabel('Lot or serial').first().fill('M-1')
    await s.page.locator('[data-sheet=recall]').click()
    await waitStatus(s, 'Recall MILK M-1: 2 rows')
    expect(s.requests.list()).toEqual(['GET /recall?product=MILK&lot=M-1'])
  })

  it('pulls Stock with each lot\'s expiration and alert dates, expired rows red and those in alert amber', async () => {
    await s.page.locator('[data-sheet=stock]').click()
    await waitStatus(s, 'Stock: 4 rows (no filter)')
    expect(s.requests.list()).toEqual(['GET /stock'])
    const stock = await s.page.evaluate(() => {
      const ws = (window as any).__fakeExcel.sheet('Stock')
      return { rows: ws.values('B5:H8'), flags: ws.conditionalFormats.map((c: { fill: string }) => c.fill) }
    })
    expect(stock.rows).toEqual([
      ['BOLT', '', '', 3, 'Units', '', ''],
      ['MILK', 'M-1', '', 8, 'Units', excelSerial(addDays(today, 6)), excelSerial(addDays(today, 3))],
      ['MILK', 'M-2', '', 5, 'Units', excelSerial(addDays(today, 2)), excelSerial(addDays(today, -1))],
      ['MILK', 'M-OLD', '', 1, 'Units', excelSerial(addDays(today, -1)), excelSerial(addDays(today, -4))],
    ])
    expect(stock.flags).toEqual(['#FDE7E9', '#FFF4CE'])
    await s.shot('sheets-02-stock')
  })

  it('shows the filters with the buttons they narrow, and clears them in one click', async () => {
    const product = s.page.getByLabel('Product', { exact: true }).nth(1)
    await product.fill('MILK')
    await s.page.getByLabel('Location (and inside it)').fill('WH/Stock')
    expect(await s.page.locator('[data-filters]').innerText()).toBe('Filters: product MILK · location WH/Stock')
    await s.page.locator('[data-sheet=lots]').click()
    await waitStatus(s, 'Lots: 3 rows (product MILK)')
    await s.page.locator('[data-sheet=stock]').click()
    await waitStatus(s, 'Stock: 3 rows (product MILK, location WH/Stock)')
    expect(s.requests.list()).toEqual(['GET /lots?product=MILK&limit=1000', 'GET /stock?product=MILK&location=WH/Stock'])
    expect(await fitsWidth(s.page)).toBe(true)
    await s.shot('sheets-03-filters')
    await fluentButton(s.page, 'Clear filters').click()
    expect(await s.page.locator('[data-filters]').innerText()).toBe('No filters: every product, lot and location.')
    await s.page.locator('[data-sheet=stock]').click()
    await waitStatus(s, 'Stock: 4 rows (no filter)')
  })

  it('refuses a reversed date range with a word on the field, and pulls the moves in range', async () => {
    await s.page.getByLabel('From date').fill(addDays(today, 1))
    await s.page.getByLabel('Before date').fill(today)
    await s.page.locator('[data-sheet=moves]').click()
    await s.page.locator('.field:has([name=before]) .field-error', { hasText: `must be after the "from" date (${addDays(today, 1)})` }).waitFor()
    expect(s.requests.list()).toEqual([])
    await s.page.getByLabel('From date').fill(addDays(today, -5))
    await s.page.getByLabel('Before date').fill(addDays(today, 1))
    await s.page.locator('[data-sheet=moves]').click()
    await waitStatus(s, 'Moves: 5 rows')
    expect(s.requests.list()).toEqual([`GET /moves?after=${addDays(today, -5)}&before=${addDays(today, 1)}&limit=1000`])
    await fluentButton(s.page, 'Clear filters').click()
  })

  it('pulls the lots in alert', async () => {
    await s.page.locator('[data-sheet=expiring]').click()
    await waitStatus(s, 'Expiring: 2 rows')
    expect(s.requests.list()).toEqual(['GET /lots?alert=true&inStock=true&limit=1000'])
  })

  it('pulls a delivery slip as a sheet, its customer in the title', async () => {
    await s.page.getByLabel('Delivery reference').fill('SO-1')
    await s.page.locator('[data-sheet=delivery-slip]').click()
    await waitStatus(s, 'Slip SO-1: 1 row')
    expect(s.requests.list()).toEqual(['GET /operations?reference=SO-1&type=delivery&limit=100', 'GET /operations/out-1'])
    const slip = await s.page.evaluate(() => {
      const ws = (window as any).__fakeExcel.sheet('Slip SO-1')
      return { title: ws.cell('A1').value, header: ws.values('A4:E4'), row: ws.values('A5:E5') }
    })
    expect(slip).toEqual({ title: 'Delivery slip SO-1 · Corner Shop', header: [['Product', 'Description', 'Lot/Serial', 'Quantity', 'Unit']], row: [['MILK', 'Milk 1L', 'M-1', 2, 'Units']] })
    await s.page.getByLabel('Delivery reference').fill('PO-1')
    await s.page.locator('[data-sheet=delivery-slip]').click()
    await waitStatus(s, 'no delivery has the reference PO-1')
  })

  it('downloads the audit trail, the server\'s own file', async () => {
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.locator('[data-sheet=audit]').click()])
    expect(download.suggestedFilename()).toBe(`Audit ${today}.xlsx`)
    await waitStatus(s, `Downloaded Audit ${today}.xlsx.`)
    expect(s.requests.list()).toEqual(['GET /exports/audit.xlsx'])
  })

  it('refreshes every lotledger sheet of the workbook in place', async () => {
    await s.page.locator('[data-sheet=refresh]').click()
    await waitStatus(s, 'Refreshed 8 sheets: Trace MILK M-1, Trace MILK M-2, Recall MILK M-1, Stock, Lots, Moves, Expiring, Slip SO-1.')
    expect(s.requests.list()).toEqual([
      'GET /trace?product=MILK&lot=M-1&direction=both', 'GET /trace?product=MILK&lot=M-2&direction=both', 'GET /recall?product=MILK&lot=M-1',
      'GET /stock', 'GET /lots?product=MILK&limit=1000', `GET /moves?after=${addDays(today, -5)}&before=${addDays(today, 1)}&limit=1000`,
      'GET /lots?alert=true&inStock=true&limit=1000', 'GET /operations?reference=SO-1&type=delivery&limit=100', 'GET /operations/out-1',
    ])
    expect((await workbook(s)).names).toEqual(['Sheet1', 'Trace MILK M-1', 'Trace MILK M-2', 'Inventory', 'Recall MILK M-1', 'Stock', 'Lots', 'Moves', 'Expiring', 'Slip SO-1'])
    await s.shot('sheets-04-refreshed')
  })
})
