/** `npm start` (server/launch.ts): the server in a child process with a heap sized for the ledger, stopped by the signals a person sends. */
import { readdir, readFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { killStarted, LISTENING, Spawned, startServerProcess } from '../helpers/process'
import { tempDirs } from '../helpers/temp'

const temp = tempDirs()

afterEach(async () => {
  await killStarted()
  await temp.cleanup()
})

const launch = (dataDir: string, env: Record<string, string> = {}) =>
  new Spawned(['--import', 'tsx', 'server/launch.ts'], { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ...env })

describe('npm start', () => {
  it('gives the server the heap LOTLEDGER_HEAP_MB asks for, and passes SIGTERM on: the server stops cleanly', { timeout: 60_000 }, async () => {
    const dir = await temp.make()
    const proc = launch(dir, { LOTLEDGER_HEAP_MB: '300' })
    const url = (await proc.waitForStdout(LISTENING, 30_000))[1]
    expect(proc.stdout()).toMatch(/lotledger: heap up to 300 MiB \(LOTLEDGER_HEAP_MB\)/)
    const health = await (await fetch(`${url}/api/v1/health`)).json()
    expect(health.memory).toMatchObject({ level: 'ok', heapLimitMb: 300 })
    expect(await proc.stop('SIGTERM')).toEqual({ code: 0, signal: null })
    expect(proc.stdout()).toMatch(/lotledger: SIGTERM, stopping/)
    // The server itself has gone: its data directory is free for the next one.
    const next = await startServerProcess(dir)
    expect((await fetch(`${next.url}/api/v1/health`)).status).toBe(200)
  })

  it('sizes the heap from the machine without LOTLEDGER_HEAP_MB, and refuses a size it cannot use', { timeout: 60_000 }, async () => {
    const sized = launch(await temp.make())
    const url = (await sized.waitForStdout(LISTENING, 30_000))[1]
    const mb = Number(sized.stdout().match(/heap up to (\d+) MiB \(from the machine's memory\)/)?.[1])
    expect(mb).toBeGreaterThanOrEqual(256)
    expect((await (await fetch(`${url}/api/v1/health`)).json()).memory.heapLimitMb).toBe(mb)
    await sized.stop('SIGTERM')

    const refused = launch(await temp.make(), { LOTLEDGER_HEAP_MB: '64' })
    expect((await refused.exited).code).toBe(1)
    expect(refused.stderr()).toMatch(/lotledger: LOTLEDGER_HEAP_MB must be a whole number of MiB, at least 256 \(got "64"\)/)
  })

  it('starts the server with an allocator that gives freed buffers back, unless the operator chose otherwise', { timeout: 60_000 }, async () => {
    for (const [env, threshold] of [[{}, '131072'], [{ MALLOC_MMAP_THRESHOLD_: '262144' }, '262144']] as const) {
      const proc = launch(await temp.make(), { LOTLEDGER_HEAP_MB: '300', ...env })
      await proc.waitForStdout(LISTENING, 30_000)
      const server = await childOf(proc.child.pid!)
      const environ = (await readFile(`/proc/${server}/environ`, 'utf8')).split('\0')
      expect(environ).toContain(`MALLOC_MMAP_THRESHOLD_=${threshold}`)
      expect(await proc.stop('SIGTERM')).toEqual({ code: 0, signal: null })
    }
  })
})

/** The process whose parent is `pid` (the server `npm start` runs). */
async function childOf(pid: number): Promise<number> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
    // Fields after the command's closing parenthesis: state, then the parent's pid.
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    if (parent === pid) return Number(entry)
  }
  throw new Error(`no child of process ${pid}`)
}
