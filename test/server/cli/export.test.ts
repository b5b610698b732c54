import { execFile } from 'node:child_process'
import { mkdir, readdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClock } from '../../helpers/clock'
import { seedCatalogue } from '../../helpers/fixtures'
import { startServer, type Client, type TestServer } from '../../helpers/server'
import { tempDirs } from '../../helpers/temp'
import { readSheet, seedReports } from '../exports/helpers'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const CLI = join(ROOT, 'server/cli/export.ts')
/** tsx by URL: the CLI runs with its working directory elsewhere, where a bare `tsx` would not resolve. */
const TSX = pathToFileURL(createRequire(join(ROOT, 'package.json')).resolve('tsx')).href
const temp = tempDirs()
let server: TestServer
let viewer: Client

beforeAll(async () => {
  server = await startServer({ clock: new TestClock('2026-06-14T22:30:00Z') })
  await seedCatalogue(server.admin)
  await seedReports(server.admin)
  viewer = await server.clientFor('viewer')
})
afterAll(async () => {
  await server.close()
  await temp.cleanup()
})

function run(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', TSX, CLI, ...args], {
      cwd, env: { ...process.env, LOTLEDGER_URL: server.url, LOTLEDGER_TOKEN: viewer.token, ...env }, timeout: 60_000,
    }, (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }))
  })
}

describe('npm run export', () => {
  it('is the package script', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    expect(pkg.scripts.export).toBe('node --import tsx server/cli/export.ts')
  })

  it('downloads a report under the server\'s file name and says where it wrote it', async () => {
    const dir = await temp.make()
    const r = await run(['trace', '--product', 'MILK', '--lot', 'L2', '--direction', 'downstream'], dir)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const path = join(dir, 'Traceability MILK L2 downstream 2026-06-15.xlsx')
    expect(r.stdout).toMatch(new RegExp(`^wrote ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\([\\d,]+ bytes\\)\\n$`))
    const ws = await readSheet(await readFile(path))
    expect(ws.getCell('A1').value).toBe('Traceability of MILK (Milk 1L) lot L2')
    expect(ws.rowCount).toBe(8)
    expect(await readdir(dir)).toEqual(['Traceability MILK L2 downstream 2026-06-15.xlsx'])
  })

  it('writes to --out, a file or a directory; takes the server and token as flags', async () => {
    const dir = await temp.make()
    const file = join(dir, 'moves.xlsx')
    const r = await run(['moves', '--after', '2026-06-02', '--before', '2026-06-04', '--out', file, '--server', server.url, '--token', viewer.token], dir, {
      LOTLEDGER_URL: 'http://127.0.0.1:9', LOTLEDGER_TOKEN: '',
    })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`wrote ${file}`)
    expect((await readSheet(await readFile(file))).rowCount).toBe(6)
    const sub = join(dir, 'slips')
    await mkdir(sub)
    const slip = await run(['delivery-slip', '--reference', 'WH/OUT/1', '--out', sub], dir)
    expect(slip.code).toBe(0)
    expect(await readdir(sub)).toEqual(['Delivery slip WH-OUT-1 2026-06-15.xlsx'])
  })

  it('says what the server refused and exits 1, leaving no file', async () => {
    const dir = await temp.make()
    const lot = await run(['recall', '--product', 'MILK', '--lot', 'NOPE'], dir)
    expect(lot).toMatchObject({ code: 1, stdout: '' })
    expect(lot.stderr).toBe('error: lot NOPE of product MILK not found\n')
    const range = await run(['audit', '--after', '2026-06-05', '--before', '2026-06-01'], dir)
    expect(range.code).toBe(1)
    expect(range.stderr).toContain('after (2026-06-05) must be earlier than before (2026-06-01)')
    const token = await run(['stock'], dir, { LOTLEDGER_TOKEN: 'll_wrong' })
    expect(token.code).toBe(1)
    expect(token.stderr).toContain('the token is not valid')
    const down = await run(['stock'], dir, { LOTLEDGER_URL: 'http://127.0.0.1:9' })
    expect(down.code).toBe(1)
    expect(down.stderr).toContain('error: cannot reach http://127.0.0.1:9')
    expect(await readdir(dir)).toEqual([])
  })

  it('waits for --min-seq (or LOTLEDGER_MIN_SEQ) to be reached, and says so when it is not', async () => {
    const dir = await temp.make()
    const seq: number = (await viewer.get('/health')).body.seq
    expect(seq).toBeGreaterThan(0)
    const [reached, ahead, fromEnv] = await Promise.all([
      run(['stock', '--min-seq', String(seq), '--out', join(dir, 'a.xlsx')], dir),
      run(['stock', '--min-seq', String(seq + 1000), '--out', join(dir, 'b.xlsx')], dir),
      run(['stock', '--out', join(dir, 'c.xlsx')], dir, { LOTLEDGER_MIN_SEQ: String(seq + 1000) }),
    ])
    expect(reached.code).toBe(0)
    for (const r of [ahead, fromEnv]) {
      expect(r.code).toBe(1)
      expect(r.stderr).toBe(`error: this server has applied the journal up to ${seq}, not yet ${seq + 1000}: try again shortly\n`)
    }
    expect(await readdir(dir)).toEqual(['a.xlsx'])
  })

  it('exits 2 on wrong usage, with the usage', async () => {
    const dir = await temp.make()
    const cases: Array<[string[], string, Record<string, string>?]> = [
      [[], 'name a report'],
      [['invoices'], 'unknown report invoices: one of trace, recall, stock, lots, expiring, moves, delivery-slip, audit, recall-case'],
      [['trace', '--product', 'MILK'], 'trace needs --lot'],
      [['lots', '--lot', 'L1'], 'lots takes --product, not --lot'],
      [['expiring', '--product', 'MILK'], 'expiring takes no filters, not --product'],
      [['stock', '--colour', 'red'], "Unknown option '--colour'"],
      [['stock', 'lots'], 'one report at a time'],
      [['stock'], 'no token: pass --token or set LOTLEDGER_TOKEN', { LOTLEDGER_TOKEN: '' }],
      [['stock', '--min-seq', 'last'], '--min-seq (or LOTLEDGER_MIN_SEQ) is a journal position, a whole number, not last'],
    ]
    // Independent runs, started together: each is a Node start-up.
    const [help, ...results] = await Promise.all([run(['--help'], dir), ...cases.map(([args, , env]) => run(args, dir, env))])
    cases.forEach(([args, message], i) => {
      const r = results[i]
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr, args.join(' ')).toContain(message)
      expect(r.stderr).toContain('usage: npm run export -- <report>')
    })
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('delivery-slip  --reference*')
  })
})
