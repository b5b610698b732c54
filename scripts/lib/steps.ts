/**
 * Runs commands one after the other, each announced and timed, all of them even after one fails
 * (a type error should not hide what the tests say), and reports how each went.
 */
import { spawn } from 'node:child_process'
import { delimiter } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface Step {
  /** A short name for the summary. */
  name: string
  /** The program (from node_modules/.bin, or npm) and its arguments. */
  command: string[]
}

export interface StepResult {
  name: string
  ok: boolean
  ms: number
  /** The command as shown to people. */
  shown: string
}

export interface StepOptions {
  cwd: URL
  env: NodeJS.ProcessEnv
  log: (line: string) => void
}

/** Runs `steps` in order with the terminal as their output. */
export async function runSteps(steps: readonly Step[], options: StepOptions): Promise<StepResult[]> {
  const cwd = fileURLToPath(options.cwd)
  // What npm gives its scripts: the project's own programs first on PATH.
  const bin = fileURLToPath(new URL('node_modules/.bin', options.cwd))
  const pathKey = Object.keys(options.env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH'
  const env = { ...options.env, [pathKey]: [bin, options.env[pathKey]].filter(Boolean).join(delimiter) }
  const results: StepResult[] = []
  for (const [i, step] of steps.entries()) {
    const shown = step.command.join(' ')
    options.log(`[${i + 1}/${steps.length}] ${step.name}: ${shown}`)
    const started = Date.now()
    const code = await run(step.command, cwd, env)
    const ms = Date.now() - started
    results.push({ name: step.name, ok: code === 0, ms, shown })
    options.log(`[${i + 1}/${steps.length}] ${step.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${(ms / 1000).toFixed(1)} s`)
  }
  return results
}

function run(command: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  let [program, ...args] = command
  // Under npm, run the very npm that runs us rather than whichever is on PATH.
  if (program === 'npm' && env.npm_execpath) [program, args] = [process.execPath, [env.npm_execpath, ...args]]
  return new Promise((done) => {
    // Windows runs node_modules/.bin's .cmd shims only through a shell.
    const child = spawn(program, args, { cwd, env, stdio: 'inherit', shell: process.platform === 'win32' })
    child.once('error', (err) => {
      console.error(`${program}: ${err.message}`)
      done(127)
    })
    child.once('close', (code, signal) => done(code ?? (signal ? 128 : 1)))
  })
}
