/**
 * HAProxy in front of server processes, with the configuration docs/scaling.md ships
 * (docs/scaling/haproxy.cfg), unchanged: its addresses come from the environment. Run in the
 * foreground as this user, on a free port of 127.0.0.1; the finder is the same as `npm test`'s.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { freePort } from '../../scripts/lib/free-port'
import { resolve } from 'node:path'
import { REPO_ROOT } from './process'
import { requireTool } from './tools'

export const HAPROXY_CONFIG = resolve(REPO_ROOT, 'docs/scaling/haproxy.cfg')

export interface RunningBalancer {
  url: string
  /** What HAProxy printed (its warnings: a server going down or up). */
  log(): string
  stop(): Promise<void>
}

/** Starts HAProxy with the shipped configuration in front of the servers at `urls` (three). */
export async function startHaproxy(urls: string[]): Promise<RunningBalancer> {
  if (urls.length !== 3) throw new Error('docs/scaling/haproxy.cfg names three servers')
  const port = await freePort()
  const env: NodeJS.ProcessEnv = { ...process.env, LOTLEDGER_LISTEN: `127.0.0.1:${port}` }
  urls.forEach((u, i) => (env[`LOTLEDGER_APP${i + 1}`] = new URL(u).host))
  let log = ''
  const child: ChildProcess = spawn(requireTool('haproxy'), ['-db', '-f', HAPROXY_CONFIG], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (log += s))
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (log += s))
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 15_000
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`haproxy exited (${child.exitCode ?? child.signalCode}):\n${log}`)
    const up = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false)
    if (up) break
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`haproxy did not answer on ${url} in 15 s:\n${log}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    log: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    },
  }
}
