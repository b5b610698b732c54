import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFile, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { acquireLock, DataDirLockedError, lockOwner, type DirLock } from '../../../server/store/lock'
import { tempDirs } from '../../helpers/temp'

const temp = tempDirs()
const held: DirLock[] = []

afterEach(async () => {
  for (const lock of held.splice(0)) await lock.release()
  await temp.cleanup()
})

async function take(dir: string): Promise<DirLock> {
  const lock = await acquireLock(dir)
  held.push(lock)
  return lock
}

/** The pid of a process that has run and exited (and been reaped), so that nobody owns it now. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
  const [code] = await once(child, 'exit')
  expect(code).toBe(0)
  return child.pid!
}

async function lockFile(dir: string): Promise<{ pid: number; host: string; startedAt: string }> {
  return JSON.parse(await readFile(join(dir, 'LOCK'), 'utf8'))
}

describe('data directory lock', () => {
  it('writes LOCK with our pid and host', async () => {
    const dir = await temp.make()
    const lock = await take(dir)
    expect(lock.path).toBe(join(dir, 'LOCK'))
    const owner = await lockFile(dir)
    expect(owner.pid).toBe(process.pid)
    expect(owner.host).toBe(hostname())
    expect(Number.isNaN(Date.parse(owner.startedAt))).toBe(false)
    expect(await lockOwner(dir)).toEqual(owner)
  })

  it('refuses a second acquire with DataDirLockedError naming the pid', async () => {
    const dir = await temp.make()
    await take(dir)
    const err = await acquireLock(dir).then(() => null, (e: unknown) => e)
    expect(err).toBeInstanceOf(DataDirLockedError)
    expect((err as Error).message).toContain(`process ${process.pid}`)
    expect((err as Error).message).toContain(dir)
    // The refused attempt left the holder's lock alone.
    expect((await lockFile(dir)).pid).toBe(process.pid)
  })

  it('can be taken again after release, and release removes LOCK', async () => {
    const dir = await temp.make()
    const first = await acquireLock(dir)
    await first.release()
    await expect(readFile(join(dir, 'LOCK'))).rejects.toMatchObject({ code: 'ENOENT' })
    expect(await lockOwner(dir)).toBeNull()
    const second = await take(dir)
    expect((await lockFile(dir)).pid).toBe(process.pid)
    expect(second.path).toBe(first.path)
  })

  it('takes over a LOCK left by a process that no longer runs', async () => {
    const dir = await temp.make()
    const pid = await deadPid()
    await writeFile(join(dir, 'LOCK'), JSON.stringify({ pid, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }))
    expect(await lockOwner(dir)).toBeNull()
    await take(dir)
    const owner = await lockFile(dir)
    expect(owner.pid).toBe(process.pid)
    expect(owner.startedAt).not.toBe('2026-01-01T00:00:00.000Z')
  })

  it.each([
    ['garbage', 'this is not JSON {'],
    ['empty (a crash between create and write)', ''],
    ['half-written JSON', '{"pid":12'],
    ['JSON null', 'null'],
    ['JSON that is not a lock record', '{"hello":"world"}'],
  ])('takes over a %s LOCK file', async (_what, content) => {
    const dir = await temp.make()
    await writeFile(join(dir, 'LOCK'), content)
    await take(dir)
    expect((await lockFile(dir)).pid).toBe(process.pid)
  })

  it('is refused while another process holds it, and free the moment that process dies', async () => {
    const dir = await temp.make()
    const holder = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e',
        `const { acquireLock } = await import('./server/store/lock.ts'); await acquireLock(${JSON.stringify(dir)}); console.log('held'); setInterval(() => {}, 1000)`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    try {
      await once(holder.stdout!, 'data')
      const err = await acquireLock(dir).then(() => null, (e: unknown) => e)
      expect(err).toBeInstanceOf(DataDirLockedError)
      expect((err as Error).message).toContain(`process ${holder.pid}`)
      expect((await lockOwner(dir))?.pid).toBe(holder.pid)
    } finally {
      holder.kill('SIGKILL')
      await once(holder, 'exit')
    }
    // Killed without a chance to clean up: its LOCK file names a dead process, and is taken over.
    expect((await lockFile(dir)).pid).toBe(holder.pid)
    await take(dir)
    expect((await lockFile(dir)).pid).toBe(process.pid)
  })

  it('takes over a LOCK naming a live process that does not hold the lock (a reused pid)', async () => {
    const dir = await temp.make()
    const pid = process.ppid
    await writeFile(join(dir, 'LOCK'), JSON.stringify({ pid, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }))
    expect(await lockOwner(dir)).toBeNull()
    await take(dir)
    expect((await lockFile(dir)).pid).toBe(process.pid)
  })

  it('release leaves a LOCK that another owner holds alone', async () => {
    const dir = await temp.make()
    const lock = await acquireLock(dir)
    // Someone else took the directory over (e.g. after deciding we were dead).
    const other = { pid: process.ppid, host: hostname(), startedAt: new Date().toISOString() }
    await writeFile(join(dir, 'LOCK'), JSON.stringify(other))
    await lock.release()
    expect(await lockFile(dir)).toEqual(other)
  })
})
