/**
 * Child processes of the benchmark (servers, the generator, the stock-lowdb measurement): all
 * run TypeScript through tsx from the repository root, and all are killed if the runner exits.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { REPO_DIR } from './meta'

const children = new Set<ChildProcess>()

function killAll(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
}

process.once('exit', killAll)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\nbench: ${signal}, stopping child processes`)
    killAll()
    process.exit(130)
  })
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv
  /** Extra node flags, before `--import tsx`. */
  nodeArgs?: string[]
  /** Where the child's stderr goes: shown to the user, or piped for the caller to read. */
  stderr?: 'inherit' | 'pipe'
}

/** `node --import tsx <script> ...args` in the repository root, tracked for cleanup. */
export function spawnTsx(script: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', script, ...args], {
    cwd: REPO_DIR,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', options.stderr ?? 'inherit'],
  })
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

/** Runs a script that prints its result as JSON on its last stdout line. */
export function runJson<T>(script: string, args: string[], timeoutMs: number, options: SpawnOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = spawnTsx(script, args, options)
    let out = ''
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${script} took longer than ${Math.round(timeoutMs / 1000)} s; killed`))
    }, timeoutMs)
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      if (code !== 0) return reject(new Error(`${script} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`))
      const last = out.trim().split('\n').pop() ?? ''
      try {
        resolve(JSON.parse(last) as T)
      } catch {
        reject(new Error(`${script} printed no JSON result: ${last.slice(0, 200)}`))
      }
    })
  })
}
