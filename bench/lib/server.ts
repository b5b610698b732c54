/** The real server as a child process on a data directory: start, wait for "listening", memory, stop. */
import type { ChildProcess } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { totalmem } from 'node:os'
import { chooseHeap } from '../../server/memory/heap-size'
import { withMallocSettings } from '../../server/memory/malloc-env'
import { spawnTsx } from './proc'

export interface ServerMemory {
  /** Resident set size now. */
  rss: number
  /** Peak resident set size since start, or since the last resetPeak (VmHWM). */
  hwm: number
}

/** What GET /health says of the heap: used after the last full collection (the live data), and the limit. */
export interface ServerHeap {
  usedMb: number
  limitMb: number
}

export interface RunningServer {
  pid: number
  url: string
  /** From spawning the process until it printed "listening". */
  startMs: number
  /** What the server printed so far (stdout and stderr, the first 64 kB). */
  output(): string
  memory(): Promise<ServerMemory | null>
  heap(): Promise<ServerHeap>
  /** Starts the peak (VmHWM) over from the present RSS, so that it measures what comes next (Linux). */
  resetPeak(): Promise<void>
  /** CPU time (user + system) the process has used so far, in ms; null without /proc. */
  cpuMs(): Promise<number | null>
  stop(): Promise<void>
}

/** Reads VmRSS and VmHWM (Linux only; null elsewhere). */
async function procMemory(pid: number): Promise<ServerMemory | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8')
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') }
  } catch {
    return null
  }
}

/** utime + stime from /proc/<pid>/stat, in clock ticks of 10 ms (USER_HZ is 100 on Linux). */
async function procCpuMs(pid: number): Promise<number | null> {
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

/**
 * Node flags for the server under test: BENCH_SERVER_NODE_ARGS (say, --cpu-prof to profile it),
 * and what `npm start` gives it (server/launch.ts): its heap, unless those flags size it (its
 * allocator's settings are in its environment, `withMallocSettings`).
 */
function serverNodeArgs(env: NodeJS.ProcessEnv): string[] {
  const args = [...(env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])]
  if (args.some((a) => a.startsWith('--max-old-space-size'))) return args
  const heap = chooseHeap(env, totalmem(), process.constrainedMemory?.() ?? 0)
  return heap.mb === null ? args : [`--max-old-space-size=${heap.mb}`, ...args]
}

/** `extraEnv`: more variables for the server (say, a TMPDIR of its own to watch). */
export async function startServer(dataDir: string, timeoutMs = 300_000, extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const env = withMallocSettings({ ...process.env, ...extraEnv, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' })
  // Only read for a new data directory, but an invalid value would still stop the server.
  delete env.LOTLEDGER_ADMIN_TOKEN
  // The benchmark client speaks plain HTTP to 127.0.0.1.
  delete env.TLS_CERT
  delete env.TLS_KEY
  const t0 = performance.now()
  const child = spawnTsx('server/main.ts', [], { env, stderr: 'pipe', nodeArgs: serverNodeArgs(env) })
  let stderr = ''
  let output = ''
  const keep = (d: string) => (output = (output + d).slice(0, 64 * 1024))
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr = (stderr + d).slice(-4000)
    keep(d)
  })
  child.stdout!.setEncoding('utf8').on('data', keep)

  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`server did not listen within ${timeoutMs / 1000} s\n${stderr}`))
    }, timeoutMs)
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`server exited before listening (${signal ?? `exit ${code}`})\n${stderr}`))
    })
  })
  const startMs = performance.now() - t0
  const pid = child.pid!
  return {
    pid, url, startMs,
    output: () => output,
    memory: () => procMemory(pid),
    async heap() {
      const res = await fetch(`${url}/api/v1/health`)
      const { memory } = (await res.json()) as { memory: { heapUsedMb: number; heapLimitMb: number } }
      return { usedMb: memory.heapUsedMb, limitMb: memory.heapLimitMb }
    },
    resetPeak: () => writeFile(`/proc/${pid}/clear_refs`, '5').catch(() => {}),
    cpuMs: () => procCpuMs(pid),
    async stop() {
      child.kill('SIGTERM')
      // A stop writes a snapshot when the journal moved on since the last one: seconds at 1M.
      if (!(await waitExit(child, 120_000))) {
        child.kill('SIGKILL')
        await waitExit(child, 5_000)
      }
    },
  }
}
