/**
 * A PostgreSQL server of our own for tests and benchmarks: a new cluster in a temporary
 * directory, on a free port of 127.0.0.1 (and a socket in that directory), removed afterwards.
 * Never a server that was already running.
 *
 * initdb and postgres refuse to run as root: as root they run as the `postgres` user (which
 * Debian's package makes), owning the temporary directory.
 *
 * Connections over TCP authenticate with a password (scram-sha-256), as a real server's do, so
 * that wrong credentials can be tried; the socket in the directory trusts its local users.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { freePort } from './free-port'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import postgres from 'postgres'

export interface ThrowawayPostgresOptions {
  /** PostgreSQL's initdb; `postgres` is taken from the same folder. */
  initdb: string
  /** fsync off: faster tests that do not cut the power. Benchmarks keep it on, as production does. */
  fsync?: boolean
  /** Extra server settings (`name=value`). */
  settings?: string[]
}

/** The superuser's password on every throwaway server (they listen on 127.0.0.1 only, for minutes). */
export const THROWAWAY_PASSWORD = 'throwaway'

/** A running throwaway server. */
export interface ThrowawayPostgres {
  readonly port: number
  /** URL of database `db` (default `postgres`) as the superuser `postgres`, with its password. */
  url(db?: string): string
  /** Creates a new empty database and returns its URL. */
  createDatabase(name?: string): Promise<string>
  /** Stops the server: `fast` (clients disconnected, a clean shutdown) or `immediate` (as a crash). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>
  /** Starts it again on the same directory and port. */
  start(): Promise<void>
  /** Stops it and removes its directory. */
  dispose(): Promise<void>
}

/** The uid and gid of `user` from /etc/passwd, or null. */
function userIds(user: string): { uid: number; gid: number } | null {
  try {
    const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${user}:`))
    if (!line) return null
    const [, , uid, gid] = line.split(':')
    return { uid: Number(uid), gid: Number(gid) }
  } catch {
    return null
  }
}

let databases = 0

/** Makes a new cluster and starts it; resolves once it accepts connections. */
export async function startThrowawayPostgres(options: ThrowawayPostgresOptions): Promise<ThrowawayPostgres> {
  const bin = dirname(options.initdb)
  const asRoot = process.getuid?.() === 0
  const ids = asRoot ? userIds('postgres') : null
  if (asRoot && !ids) throw new Error('PostgreSQL refuses to run as root and there is no `postgres` user to run it as (Debian\'s postgresql package makes it)')
  const dir = mkdtempSync(join(tmpdir(), 'lotledger-pg-'))
  if (ids) chownSync(dir, ids.uid, ids.gid)
  const data = join(dir, 'data')
  const as = ids ? { uid: ids.uid, gid: ids.gid } : {}
  const pwfile = join(dir, 'password')
  writeFileSync(pwfile, `${THROWAWAY_PASSWORD}\n`)
  if (ids) chownSync(pwfile, ids.uid, ids.gid)
  execFileSync(options.initdb, [
    '-D', data, '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${pwfile}`, '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync',
  ], { ...as, stdio: 'pipe', cwd: dir })
  const port = await freePort()
  const settings = [
    'listen_addresses=127.0.0.1', `unix_socket_directories=${dir}`, 'max_connections=200',
    `fsync=${options.fsync ? 'on' : 'off'}`, 'log_min_messages=fatal', ...(options.settings ?? []),
  ]
  let child: ChildProcess | null = null
  let log = ''

  const start = async () => {
    log = ''
    const proc = spawn(join(bin, 'postgres'), ['-D', data, '-p', String(port), ...settings.flatMap((s) => ['-c', s])], { ...as, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
    child = proc
    proc.stderr!.setEncoding('utf8').on('data', (s: string) => (log += s))
    const exited = new Promise<never>((_, fail) => proc.once('exit', (code, signal) => fail(new Error(`postgres exited (${code ?? signal}) while starting:\n${log}`))))
    exited.catch(() => {})
    // Ready once a connection gets through: the log's wording differs between versions.
    const deadline = Date.now() + 60_000
    for (;;) {
      if (proc.exitCode !== null || proc.signalCode !== null) await exited
      if (await accepts(port)) return
      if (Date.now() > deadline) throw new Error(`postgres did not start in 60 s:\n${log}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    const proc = child
    child = null
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return
    const exited = new Promise((done) => proc.once('exit', done))
    // SIGINT is PostgreSQL's fast shutdown, SIGQUIT its immediate one (recovery at next start).
    proc.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT')
    const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000)
    await exited
    clearTimeout(timer)
  }

  await start()
  const url = (db = 'postgres') => `postgres://postgres:${THROWAWAY_PASSWORD}@127.0.0.1:${port}/${db}`
  return {
    port,
    url,
    async createDatabase(name = `test_${process.pid}_${++databases}`) {
      const sql = postgres(url(), { max: 1, onnotice: () => {} })
      try {
        await sql.unsafe(`create database "${name}"`)
      } finally {
        await sql.end()
      }
      return url(name)
    },
    stop,
    start,
    async dispose() {
      await stop('fast')
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** True when PostgreSQL on `port` answers a query. */
async function accepts(port: number): Promise<boolean> {
  const sql = postgres(`postgres://postgres:${THROWAWAY_PASSWORD}@127.0.0.1:${port}/postgres`, { max: 1, connect_timeout: 2, onnotice: () => {} })
  try {
    await sql`select 1`
    return true
  } catch {
    return false
  } finally {
    await sql.end({ timeout: 1 })
  }
}
