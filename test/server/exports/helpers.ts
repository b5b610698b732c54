/** Downloading reports from a real server and reading them back with exceljs. */
import ExcelJS from 'exceljs'
import { expect } from 'vitest'
import { XLSX_MIME } from '../../../shared/xlsx'
import { opId } from '../../helpers/fixtures'
import type { Client } from '../../helpers/server'

export interface Downloaded {
  status: number
  headers: Headers
  bytes: Buffer
}

/** GET /api/v1/exports/<path> with the client's token, body read to the end. */
export async function download(url: string, c: Client, path: string): Promise<Downloaded> {
  const res = await fetch(`${url}/api/v1/exports/${path}`, { headers: { authorization: `Bearer ${c.token}` } })
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) }
}

/** The report's only worksheet, after checking that the answer is an .xlsx download. */
export async function exportSheet(url: string, c: Client, path: string): Promise<{ ws: ExcelJS.Worksheet; res: Downloaded }> {
  const res = await download(url, c, path)
  expect(res.status, res.bytes.toString('utf8').slice(0, 300)).toBe(200)
  expect(res.headers.get('content-type')).toBe(XLSX_MIME)
  return { ws: await readSheet(res.bytes), res }
}

/** An .xlsx file's workbook, as exceljs reads it. */
export async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer)
  return wb
}

export async function readSheet(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = await readWorkbook(bytes)
  expect(wb.worksheets).toHaveLength(1)
  return wb.worksheets[0]
}

/** A row's values from column A on (exceljs puts nothing at index 0); empty cells as null. */
export function rowValues(ws: ExcelJS.Worksheet, row: number, width: number): unknown[] {
  return Array.from({ length: width }, (_, i) => ws.getRow(row).getCell(i + 1).value ?? null)
}

/** A wall-clock time or a date as exceljs reads a date cell back: that time, as if UTC. */
export const at = (wallClock: string) => new Date(`${wallClock.length === 10 ? `${wallClock}T00:00` : wallClock}:00.000Z`)

interface CfRule {
  type: string
  priority: number
  formulae: string[]
  style: { fill?: { bgColor?: { argb?: string } }; font?: { color?: { argb?: string } } }
}

export function conditionalFormats(ws: ExcelJS.Worksheet): Array<{ ref: string; rules: CfRule[] }> {
  return (ws as unknown as { conditionalFormattings: Array<{ ref: string; rules: CfRule[] }> }).conditionalFormattings
}

/**
 * The layout every report shares: title (bold, 14) and grey subtitle above, the header on
 * `headerRow` in white bold on blue, frozen below it, filters over header and rows, the column
 * widths, and banded rows.
 */
export function expectReportLayout(
  ws: ExcelJS.Worksheet,
  o: { title: string; subtitle: RegExp | string; headers: string[]; widths: number[]; headerRow?: number; rows: number },
): void {
  const headerRow = o.headerRow ?? 4
  expect(ws.getCell('A1').value).toBe(o.title)
  expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 14 })
  if (typeof o.subtitle === 'string') expect(ws.getCell('A2').value).toBe(o.subtitle)
  else expect(ws.getCell('A2').value).toMatch(o.subtitle)
  expect(ws.getCell('A2').font?.color?.argb).toBe('FF605E5C')
  expect(rowValues(ws, headerRow, o.headers.length + 1)).toEqual([...o.headers, null])
  for (let i = 1; i <= o.headers.length; i++) {
    const cell = ws.getRow(headerRow).getCell(i)
    expect(cell.font).toMatchObject({ bold: true, color: { argb: 'FFFFFFFF' } })
    expect(cell.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF4F81BD' } })
  }
  expect(o.widths.map((_, i) => ws.getColumn(i + 1).width)).toEqual(o.widths)
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow, topLeftCell: `A${headerRow + 1}` })
  const last = String.fromCharCode(64 + o.headers.length)
  expect(ws.autoFilter).toBe(`A${headerRow}:${last}${headerRow + Math.max(o.rows, 0)}`)
  expect(ws.rowCount).toBe(headerRow + o.rows)
  if (o.rows > 0) {
    const cf = conditionalFormats(ws)
    expect(cf).toHaveLength(1)
    expect(cf[0].ref).toBe(`A${headerRow + 1}:${last}${headerRow + o.rows}`)
    const band = cf[0].rules[cf[0].rules.length - 1]
    expect(band).toMatchObject({ type: 'expression', formulae: [`MOD(ROW()-${headerRow + 1},2)=0`] })
    expect(band.style.fill?.bgColor?.argb).toBe('FFDCE6F1')
  }
}

/**
 * How a report prints: A4 in `orientation`, one page wide and as many tall as it takes, the
 * header row repeated on each page, the title and "Page n of m" in the footer.
 */
export function expectPrintSetup(ws: ExcelJS.Worksheet, orientation: 'portrait' | 'landscape', headerRow: number, title: string): void {
  expect(ws.pageSetup).toMatchObject({ orientation, paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow}:${headerRow}` })
  expect(ws.pageSetup.margins).toMatchObject({ left: 0.5, right: 0.5 })
  expect(ws.headerFooter.oddFooter).toBe(`&L&9${title.replaceAll('&', '&&')}&R&9Page &P of &N`)
}

/** The expired (red) and alert (amber) rules on the date columns `expired` and `alert` (letters). */
export function expectFlagRules(ws: ExcelJS.Worksheet, first: number, expired: string, alert: string): void {
  const [expiredRule, alertRule] = conditionalFormats(ws)[0].rules
  expect(expiredRule).toMatchObject({ type: 'expression', priority: 1, formulae: [`AND($${expired}${first}<>"",$${expired}${first}<=TODAY())`] })
  expect(expiredRule.style.fill?.bgColor?.argb).toBe('FFFDE7E9')
  expect(expiredRule.style.font?.color?.argb).toBe('FFA4262C')
  expect(alertRule).toMatchObject({ type: 'expression', priority: 2, formulae: [`AND($${alert}${first}<>"",$${alert}${first}<=TODAY())`] })
  expect(alertRule.style.fill?.bgColor?.argb).toBe('FFFFF4CE')
  expect(alertRule.style.font?.color?.argb).toBe('FF8A5300')
}

/** Records an operation and fails the test when the server refuses it. */
export async function record(c: Client, op: Record<string, unknown>): Promise<void> {
  const r = await c.post('/operations', { id: opId(), ...op })
  expect(r.status, JSON.stringify(r.body)).toBe(201)
}

/**
 * The data most report tests read (workspace zone Europe/Brussels, summer time: UTC+2; today
 * 2026-06-15): MILK L1 expired on 06-11, MILK L2 in alert since 06-14, CHEESE C1 fine; CHEESE C2
 * made from L2; a delivery at 22:30 UTC on 06-03, which is 00:30 on 06-04 in Brussels.
 */
export async function seedReports(admin: Client): Promise<void> {
  expect((await admin.patch('/settings', { timeZone: 'Europe/Brussels' })).status).toBe(200)
  await record(admin, {
    id: 'po-1', type: 'receipt', reference: 'PO-1', partner: 'Dairy Co', date: '2026-06-01',
    lines: [{ product: 'MILK', qty: 10, lot: 'L1' }, { product: 'MILK', qty: 5, lot: 'L2', expirationDate: '2026-06-17' }, { product: 'CHEESE', qty: 3, lot: 'C1' }],
  })
  await record(admin, {
    id: 'mo-1', type: 'production', reference: 'MO-1', date: '2026-06-02T08:00:00Z',
    consume: [{ product: 'MILK', qty: 2, lot: 'L2' }],
    produce: [{ product: 'CHEESE', qty: 1, lot: 'C2', inputs: [{ product: 'MILK', lot: 'L2' }] }],
  })
  await record(admin, {
    id: 'out-1', type: 'delivery', reference: 'WH/OUT/1', partner: 'Shop', date: '2026-06-03T22:30:00Z',
    lines: [{ product: 'MILK', qty: 4, lot: 'L1' }, { product: 'CHEESE', qty: 1, lot: 'C2' }],
  })
}
