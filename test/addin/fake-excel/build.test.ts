import { readFile } from 'node:fs/promises'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { buildFakeExcelIife } from './build'

describe('fake Excel IIFE', () => {
  it('builds to one script that installs window.Excel and window.__fakeExcel', async () => {
    const path = await buildFakeExcelIife()
    expect(path).toMatch(/fake-excel\.iife\.js$/)
    const code = await readFile(path, 'utf8')
    expect(code).not.toMatch(/^\s*(import|export)\s/m)

    const sandbox: Record<string, unknown> = {}
    sandbox.window = sandbox
    sandbox.__fakeExcelOptions = { sheets: ['Lots'] }
    runInNewContext(code, sandbox)
    const Excel = sandbox.Excel as { run(batch: (ctx: any) => Promise<unknown>): Promise<unknown> }
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Lots').getRange('A1:B1').values = [['L-001', 5]]
      await ctx.sync()
    })
    const fake = sandbox.__fakeExcel as { sheet(n: string): { values(a: string): unknown }; stats: { syncs: number } }
    expect(fake.sheet('Lots').values('A1:B1')).toEqual([['L-001', 5]])
    expect(fake.stats.syncs).toBe(1)
    expect(await buildFakeExcelIife()).toBe(path)
  })
})
