/**
 * One server per data directory: a lock file holding the owner's process id. A lock left by a
 * process that no longer runs (a crash, a kill -9) is taken over.
 */
import { hostname } from 'node:os'
import { join } from 'node:path'
import { open, readFile, unlink } from 'node:fs/promises'

export class DataDirLockedError extends Error {
  constructor(dir: string, owner: LockOwner) {
    super(
      `data directory ${dir} is in use by process ${owner.pid} (started ${owner.startedAt}); ` +
        'stop that server first, or give this one another DATA_DIR',
    )
    this.name = 'DataDirLockedError'
  }
}

interface LockOwner {
  pid: number
  host: string
  startedAt: string
}

/** The held lock; `release` removes it. */
export interface DirLock {
  path: string
  release(): Promise<void>
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Who holds the lock of `dir`, if a live process does. */
export async function lockOwner(dir: string): Promise<LockOwner | null> {
  try {
    const owner = JSON.parse(await readFile(join(dir, 'LOCK'), 'utf8')) as LockOwner
    return owner.host === hostname() && !isRunning(owner.pid) ? null : owner
  } catch {
    return null
  }
}

/** Takes the lock of `dir`, or throws `DataDirLockedError` naming the process that has it. */
export async function acquireLock(dir: string): Promise<DirLock> {
  const path = join(dir, 'LOCK')
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(path, 'wx')
      await fh.writeFile(JSON.stringify(me))
      await fh.sync()
      await fh.close()
      return {
        path,
        async release() {
          const owner = await readFile(path, 'utf8').then((t) => JSON.parse(t) as LockOwner, () => null)
          if (owner?.pid === me.pid) await unlink(path).catch(() => {})
        },
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const owner = await lockOwner(dir)
      if (owner) throw new DataDirLockedError(dir, owner)
      await unlink(path).catch(() => {})
    }
  }
  throw new Error(`could not take the lock ${path}`)
}
