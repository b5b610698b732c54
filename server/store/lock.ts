/**
 * One server per data directory. On Linux the lock is an abstract Unix socket named after the
 * directory: the kernel frees it the moment its process dies, so a crash leaves no stale lock
 * and no reused pid can fake an owner. The `LOCK` file beside the journal only says who holds
 * it (and is the lock itself on systems without abstract sockets, with stale-pid takeover).
 */
import { createHash } from 'node:crypto'
import { open, readFile, realpath, rename, unlink, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { hostname } from 'node:os'
import { join } from 'node:path'

export class DataDirLockedError extends Error {
  constructor(dir: string, owner: LockOwner | null) {
    const who = owner ? `process ${owner.pid} (started ${owner.startedAt})` : 'another process'
    super(`data directory ${dir} is in use by ${who}; stop that server first, or give this one another DATA_DIR`)
    this.name = 'DataDirLockedError'
  }
}

export interface LockOwner {
  pid: number
  host: string
  startedAt: string
}

/** The held lock; `release` gives it up. */
export interface DirLock {
  path: string
  release(): Promise<void>
}

const ABSTRACT_SOCKETS = process.platform === 'linux'

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function readOwner(dir: string): Promise<LockOwner | null> {
  try {
    const o = JSON.parse(await readFile(join(dir, 'LOCK'), 'utf8')) as Partial<LockOwner> | null
    if (!o || !Number.isInteger(o.pid) || typeof o.host !== 'string' || typeof o.startedAt !== 'string') return null
    return o as LockOwner
  } catch {
    return null
  }
}

async function socketName(dir: string): Promise<string> {
  return `\0lotledger:${createHash('sha256').update(await realpath(dir)).digest('hex')}`
}

/** Binds the directory's abstract socket; null when another process has it. */
async function bindLockSocket(dir: string): Promise<Server | null> {
  const server = createServer()
  const name = await socketName(dir)
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => (err.code === 'EADDRINUSE' ? resolve(null) : reject(err)))
    server.listen(name, () => {
      server.unref()
      resolve(server)
    })
  })
}

/** Who holds the lock of `dir`, if a live process does. */
export async function lockOwner(dir: string): Promise<LockOwner | null> {
  if (ABSTRACT_SOCKETS) {
    const probe = await bindLockSocket(dir).catch(() => undefined)
    if (probe === undefined) return null
    if (probe) {
      await new Promise<void>((done) => probe.close(() => done()))
      return null
    }
    return (await readOwner(dir)) ?? { pid: 0, host: hostname(), startedAt: 'unknown' }
  }
  const owner = await readOwner(dir)
  return owner && owner.host === hostname() && !isRunning(owner.pid) ? null : owner
}

/** Takes the lock of `dir`, or throws `DataDirLockedError` naming the process that has it. */
export async function acquireLock(dir: string): Promise<DirLock> {
  const path = join(dir, 'LOCK')
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }
  const release = (socket: Server | null) => async () => {
    if ((await readOwner(dir))?.pid === me.pid) await unlink(path).catch(() => {})
    if (socket) await new Promise<void>((done) => socket.close(() => done()))
  }
  if (ABSTRACT_SOCKETS) {
    const socket = await bindLockSocket(dir)
    if (!socket) throw new DataDirLockedError(dir, await readOwner(dir))
    // Whatever LOCK says now is stale: we hold the socket.
    const tmp = `${path}.${process.pid}.tmp`
    await writeFile(tmp, JSON.stringify(me), { flush: true })
    await rename(tmp, path)
    return { path, release: release(socket) }
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(path, 'wx')
      await fh.writeFile(JSON.stringify(me))
      await fh.sync()
      await fh.close()
      return { path, release: release(null) }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const owner = await lockOwner(dir)
      if (owner) throw new DataDirLockedError(dir, owner)
      await unlink(path).catch(() => {})
    }
  }
  throw new Error(`could not take the lock ${path}`)
}
