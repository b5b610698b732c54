/**
 * Makes the import test fixtures written by another program than exceljs: workbooks built here,
 * then opened and saved again by LibreOffice (headless), as users' files are. Run it again only
 * to change the fixtures: `node --import tsx scripts/make-import-fixtures.ts` (needs LibreOffice,
 * found as `npm test` finds it: SOFFICE, or the usual places; Debian package libreoffice-calc-nogui).
 */
import { execFileSync } from 'node:child_process'
import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { findTool } from './lib/tools'

const OUT = fileURLToPath(new URL('../test/fixtures/imports/', import.meta.url))
const d = (iso: string) => new Date(`${iso}T00:00:00Z`)

/** A receipts workbook as a person might keep it: instructions first, a hidden lists sheet, a title above the table. */
async function receiptsSource(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook()
  const info = wb.addWorksheet('Read me')
  info.addRow(['Goods received in November; one row per line.'])
  const lists = wb.addWorksheet('Lists', { state: 'hidden' })
  lists.addRow(['PO Number', 'Item code', 'Batch number', 'Qty'])
  lists.addRow(['HIDDEN-1', 'MILK', 'X', 1])
  const ws = wb.addWorksheet('Receipts')
  ws.addRow(['Goods received — November'])
  ws.addRow([])
  ws.addRow(['PO Number', 'Receipt date', 'Item code', 'Batch number', 'Qty', 'Expiry date', 'Comment'])
  ws.addRow(['PO-7001', d('2026-11-02'), 'MILK ', 'L-1102', 120, d('2026-11-20'), 'cold chain ok'])
  ws.addRow(['PO-7001', d('2026-11-02'), 'FLOUR', 'F-88', '1,250', null, ''])
  ws.addRow(['PO-7002', '2026-11-03', 'BOLT', null, { formula: '2*3', result: 6 }, null, null])
  ws.addRow(['PO-7002', '2026-11-03', 'PHONE', 'SN-0099A', 1, null, 'serial'])
  ws.addRow([])
  ws.addRow([])
  for (const col of [2, 6]) ws.getColumn(col).numFmt = 'dd/mm/yyyy'
  await wb.xlsx.writeFile(path)
}

/** A lots list, to be saved by LibreOffice as a semicolon CSV. */
async function lotsSource(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Lots')
  ws.addRow(['Product', 'Lot', 'Expiration date', 'Note'])
  ws.addRow(['MILK', 'L-2001', '31/12/2026', 'from the dairy; "organic"'])
  ws.addRow(['MILK', 'L-2002', '2027-01-15', 'two\nlines'])
  ws.addRow(['FLOUR', 'F-99', '', ''])
  await wb.xlsx.writeFile(path)
}

const found = findTool('libreoffice')
if (!found.found) throw new Error(`${found.reason}: set SOFFICE to LibreOffice's soffice`)
const SOFFICE = found.path

function soffice(args: string[], cwd: string): void {
  execFileSync(SOFFICE, ['--headless', '--norestore', ...args], { cwd, stdio: 'ignore', timeout: 120_000 })
}

const work = await mkdtemp(join(tmpdir(), 'lotledger-fixtures-'))
try {
  await receiptsSource(join(work, 'receipts-source.xlsx'))
  soffice(['--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', join(work, 'lo'), 'receipts-source.xlsx'], work)
  await copyFile(join(work, 'lo', 'receipts-source.xlsx'), join(OUT, 'receipts-libreoffice.xlsx'))
  await lotsSource(join(work, 'lots-source.xlsx'))
  // 59 = ';' separator, 34 = '"' quotes, 76 = UTF-8.
  soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):59,34,76', '--outdir', join(work, 'lo'), 'lots-source.xlsx'], work)
  await copyFile(join(work, 'lo', 'lots-source.csv'), join(OUT, 'lots-libreoffice.csv'))
  console.log(`wrote ${OUT}receipts-libreoffice.xlsx and lots-libreoffice.csv`)
} finally {
  await rm(work, { recursive: true, force: true })
}
