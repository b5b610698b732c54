/**
 * A template opened and saved again by LibreOffice keeps its sheets, lists, names, formats and
 * dropdowns. Fails where LibreOffice is missing, saying how to get it (`npm test` installs it on
 * Debian); skipped only on explicit request (LOTLEDGER_TEST_SKIP=libreoffice, never in CI).
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KINDS } from '../../../shared/import/kinds'
import { LISTS_SHEET, templateModel } from '../../../shared/import/templates'
import { templateXlsx } from '../../../server/templates/xlsx'
import { requireTool, toolSkipped } from '../../helpers/tools'

describe.skipIf(toolSkipped('libreoffice'))('a template through LibreOffice', () => {
  let dir: string
  let wb: ExcelJS.Workbook

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lotledger-lo-'))
    const model = templateModel('receipts', { products: ['MILK', '00123', 'BOLT'], locations: ['WH/Stock', 'Vendors'] }, {
      workspace: 'default', timeZone: 'UTC', now: new Date('2026-06-15T10:00:00Z'), dateFormat: 'DMY',
    })
    await writeFile(join(dir, 'in.xlsx'), await templateXlsx(model))
    // A profile of its own: no clash with a LibreOffice the user runs.
    const run = spawnSync(requireTool('libreoffice'), [
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--convert-to', 'xlsx', '--outdir', join(dir, 'out'), join(dir, 'in.xlsx'),
    ], { timeout: 120_000, encoding: 'utf8' })
    if (run.status !== 0) throw new Error(`soffice failed: ${run.error?.message ?? run.stderr}`)
    wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await readFile(join(dir, 'out', 'in.xlsx'))) as unknown as ExcelJS.Buffer)
  }, 180_000)
  afterAll(async () => dir && rm(dir, { recursive: true, force: true }))

  it('keeps the sheets, the hidden lists and their defined names', () => {
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([['Receipts', 'visible'], ['Instructions', 'visible'], [LISTS_SHEET, 'hidden']])
    const lists = wb.getWorksheet(LISTS_SHEET)!
    expect([1, 2, 3, 4].map((r) => lists.getCell(r, 1).value)).toEqual(['Products (SKU)', '00123', 'BOLT', 'MILK'])
    const names = Object.fromEntries(wb.definedNames.model.map((n) => [n.name, n.ranges]))
    expect(names.lotledger_products).toEqual([`'${LISTS_SHEET}'!$A$2:$A$4`])
    expect(names.lotledger_locations).toEqual([`'${LISTS_SHEET}'!$B$2:$B$3`])
  })

  it('keeps the headers, the formats and the dropdowns', () => {
    const ws = wb.worksheets[0]
    expect(KINDS.receipts.columns.map((_, i) => ws.getCell(1, i + 1).value)).toEqual(KINDS.receipts.columns.map((c) => c.header))
    expect(ws.getCell('B1').font?.bold).toBe(true)
    expect(ws.getCell('C2').numFmt).toBe('yyyy-mm-dd')
    expect(ws.getCell('F2').numFmt).toBe('@')
    const model = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } }).dataValidations.model
    // LibreOffice writes formats and validations of empty rows only for the first 1,000 of them,
    // and adds an unused second formula to list rules.
    for (const row of [2, 1001]) {
      expect(model[`E${row}`]).toMatchObject({ type: 'list', errorStyle: 'warning' })
      expect(model[`E${row}`]!.formulae[0]).toBe('lotledger_products')
      expect(model[`H${row}`]!.formulae[0]).toBe('lotledger_locations')
    }
    expect(model.A2).toBeUndefined()
  })
})
