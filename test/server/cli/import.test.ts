import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedCatalogue } from '../../helpers/fixtures'
import { startServer, type TestServer } from '../../helpers/server'
import { tempDirs } from '../../helpers/temp'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const temp = tempDirs()
let server: TestServer

beforeAll(async () => {
  server = await startServer()
  await seedCatalogue(server.admin)
})
afterAll(async () => {
  await server.close()
  await temp.cleanup()
})

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'server/cli/import.ts', ...args], {
      cwd: ROOT, env: { ...process.env, LOTLEDGER_URL: server.url, LOTLEDGER_TOKEN: server.admin.token, ...env }, timeout: 60_000,
    }, (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }))
  })
}

describe('npm run import', () => {
  it('imports a file, prints what it did, and writes the annotated copy beside it', async () => {
    const dir = await temp.make()
    const file = join(dir, 'receipts.csv')
    await writeFile(file, 'Reference,Product,Lot,Qty\nPO-1,MILK,M-1,10\nPO-1,BOLT,,3\n')
    const ok = await run(['--kind', 'receipts', file])
    expect(ok.code).toBe(0)
    expect(ok.stdout).toContain('Imported 2 rows of receipts: 1 new, 0 changed, 0 already imported.\nrows: 2 Imported\n')
    expect(ok.stdout).toContain(`annotated copy: ${join(dir, 'receipts (checked).xlsx')}`)
    // Its journal position, to read the import back through any server.
    const position = /\njournal position: (\d+) \(--min-seq (\d+) reads it back through any server\)\n$/.exec(ok.stdout)
    expect(position?.[1]).toBe(position?.[2])
    expect(Number(position?.[1])).toBeGreaterThan(0)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(join(dir, 'receipts (checked).xlsx'))
    expect(wb.getWorksheet('receipts')!.getCell('E2').value).toBe('Imported')
    const again = await run(['--kind', 'receipts', file, '--dry-run'])
    expect(again.stdout).toContain('Checked: all 2 rows of receipts can be imported (0 new, 0 changed, 1 already imported).\nrows: 2 Already imported\n')
    expect(again.stdout).not.toContain('journal position')
  })

  it('lists every problem and exits 1; bad usage exits 2', async () => {
    const dir = await temp.make()
    const file = join(dir, 'bad.csv')
    await writeFile(file, 'Reference,Product,Lot,Qty\nPO-9,NOPE,,1\nPO-9,MILK,,x\n')
    // Independent runs, started together: each is a Node start-up.
    const [bad, unknownKind, noFile, noToken] = await Promise.all([
      run(['--kind', 'receipts', file, '--out', join(dir, 'out.xlsx')]),
      run(['--kind', 'nope', file]),
      run(['--kind', 'receipts']),
      run(['--kind', 'receipts', file], { LOTLEDGER_TOKEN: '' }),
    ])
    expect(bad.code).toBe(1)
    expect(bad.stdout).toContain('Nothing imported: 3 problems to fix first.\nrows: 2 Error\n')
    expect(bad.stdout).toContain('bad!D3  invalid_value: Quantity: "x" is not a number')
    expect(bad.stdout).toContain('bad!B2  validation_failed: no product "NOPE" (not a SKU, GTIN or product name)')
    expect(bad.stdout).toContain(`annotated copy: ${join(dir, 'out.xlsx')}`)
    expect(unknownKind.code).toBe(2)
    expect(noFile.stderr).toContain('give one file to import')
    expect(noToken.code).toBe(2)
    expect(noToken.stderr).toContain('no token')
  })
})
