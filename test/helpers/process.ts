/**
 * The real server and admin command as child processes: `node --import tsx server/main.ts` and
 * `server/admin/cli.ts`, run from the repository root, talking only to 127.0.0.1.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'

export const REPO_ROOT = resolve(import.meta.dirname, '../..')

export interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
}

/** Our environment minus the server settings, so that nothing from the shell leaks into a child. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const key of ['DATA_DIR', 'PORT', 'HOST', 'LOTLEDGER_ADMIN_TOKEN', 'TLS_CERT', 'TLS_KEY', 'PUBLIC_URL', 'DATABASE_URL', 'PEER_URL']) delete env[key]
  return { ...env, ...extra }
}

/** Children still running; `killStarted` ends them (tests call it in afterEach). */
const started = new Set<ChildProcess>()

export class Spawned {
  readonly child: ChildProcess
  readonly exited: Promise<Exit>
  #stdout = ''
  #stderr = ''
  #exit: Exit | null = null
  #listeners = new Set<() => void>()

  constructor(args: string[], env: Record<string, string>) {
    this.child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
    started.add(this.child)
    this.child.stdout!.setEncoding('utf8').on('data', (s: string) => this.#changed(() => (this.#stdout += s)))
    this.child.stderr!.setEncoding('utf8').on('data', (s: string) => this.#changed(() => (this.#stderr += s)))
    // 'close' rather than 'exit': by then the process is reaped and its output fully read.
    this.exited = new Promise((done) => {
      this.child.once('close', (code, signal) => {
        started.delete(this.child)
        this.#exit = { code, signal }
        this.#changed(() => {})
        done(this.#exit)
      })
      this.child.once('error', () => {
        started.delete(this.child)
        this.#exit = { code: null, signal: null }
        this.#changed(() => {})
        done(this.#exit)
      })
    })
  }

  get pid(): number {
    return this.child.pid!
  }

  stdout(): string {
    return this.#stdout
  }

  stderr(): string {
    return this.#stderr
  }

  /** True once the process has exited (and was reaped). */
  get done(): boolean {
    return this.#exit !== null
  }

  #changed(update: () => void): void {
    update()
    for (const l of [...this.#listeners]) l()
  }

  /** Waits until stdout matches `pattern`; fails if the process exits first or time runs out. */
  waitForStdout(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    return new Promise((done, fail) => {
      const check = () => {
        const m = this.#stdout.match(pattern)
        if (m) return finish(() => done(m))
        if (this.#exit) {
          finish(() => fail(new Error(`process exited (${JSON.stringify(this.#exit)}) before printing ${pattern}\n${this.describe()}`)))
        }
      }
      const timer = setTimeout(() => finish(() => fail(new Error(`timed out waiting for ${pattern}\n${this.describe()}`))), timeoutMs)
      const finish = (then: () => void) => {
        clearTimeout(timer)
        this.#listeners.delete(check)
        then()
      }
      this.#listeners.add(check)
      check()
    })
  }

  /** Sends `signal` and waits for the exit; SIGKILL after `graceMs` if the process lingers. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<Exit> {
    if (!this.done) this.child.kill(signal)
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs)
    try {
      return await this.exited
    } finally {
      clearTimeout(timer)
    }
  }

  describe(): string {
    return `--- stdout ---\n${this.#stdout}--- stderr ---\n${this.#stderr}`
  }
}

/** Kills every child started through this module that still runs, and waits for them. */
export async function killStarted(): Promise<void> {
  const children = [...started]
  for (const c of children) c.kill('SIGKILL')
  const running = children.filter((c) => c.exitCode === null && c.signalCode === null)
  await Promise.all(running.map((c) => new Promise((d) => c.once('close', d))))
}

/** A started server: its URL and the admin token it printed, if it printed one. */
export interface RunningServer {
  proc: Spawned
  url: string
  port: number
  dataDir: string
  /** The token printed on first start; null when none was printed. */
  printedToken: string | null
}

export const LISTENING = /lotledger: listening on (http:\/\/127\.0\.0\.1:(\d+)) \(data in (.+)\)/
export const PRINTED_TOKEN = /admin token \(shown once, keep it\): (ll_\S+)/

/** Spawns the server on `dataDir` (a free port on 127.0.0.1) without waiting for it; `nodeArgs` go to Node (a heap size). */
export function spawnServer(dataDir: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Spawned {
  return new Spawned([...nodeArgs, '--import', 'tsx', 'server/main.ts'], { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', ...env })
}

/** Spawns the server and waits until it says where it listens. */
export async function startServerProcess(dataDir: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<RunningServer> {
  const proc = spawnServer(dataDir, env, nodeArgs)
  const m = await proc.waitForStdout(LISTENING, 30_000)
  return { proc, url: m[1], port: Number(m[2]), dataDir: m[3], printedToken: proc.stdout().match(PRINTED_TOKEN)?.[1] ?? null }
}

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs `server/admin/cli.ts` with `args` to completion. */
export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 30_000): Promise<CliResult> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath, ['--import', 'tsx', 'server/admin/cli.ts', ...args],
      { cwd: REPO_ROOT, env: childEnv(env), timeout: timeoutMs, killSignal: 'SIGKILL' },
      (err, stdout, stderr) => {
        started.delete(child)
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0
        done({ code, stdout: String(stdout), stderr: String(stderr) })
      },
    )
    started.add(child)
  })
}
