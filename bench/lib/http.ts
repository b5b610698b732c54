/**
 * A small keep-alive HTTP client for 127.0.0.1 (node:http, so that the client's own overhead
 * stays small next to the server's), timing each request until its body has arrived.
 */
import { Agent, request } from 'node:http'

export interface Timed {
  status: number
  body: string
  /** From sending the request until the whole answer arrived. */
  ms: number
  /** Lotledger-Seq of the answer: the journal position it reflects (null: none). */
  seq: number | null
}

export class BenchClient {
  readonly #agent: Agent
  readonly #host: string
  readonly #port: number
  readonly #auth: string

  constructor(baseUrl: string, token: string, sockets = 16) {
    const url = new URL(baseUrl)
    if (url.hostname !== '127.0.0.1') throw new Error(`benchmarks talk to 127.0.0.1 only, not ${url.hostname}`)
    this.#host = url.hostname
    this.#port = Number(url.port)
    this.#auth = `Bearer ${token}`
    this.#agent = new Agent({ keepAlive: true, maxSockets: sockets })
  }

  send(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Timed> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body))
    const headers: Record<string, string | number> = { ...extra, authorization: this.#auth }
    if (payload) Object.assign(headers, { 'content-type': 'application/json', 'content-length': payload.length })
    return new Promise<Timed>((resolve, reject) => {
      const t0 = performance.now()
      const req = request({ host: this.#host, port: this.#port, method, path: `/api/v1${path}`, headers, agent: this.#agent }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const seq = res.headers['lotledger-seq']
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0, seq: typeof seq === 'string' ? Number(seq) : null })
        })
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end(payload)
    })
  }

  /** Like `send`, but an unexpected status is an error that shows the answer. */
  async expect(status: number, method: string, path: string, body?: unknown, extra?: Record<string, string>): Promise<Timed> {
    const r = await this.send(method, path, body, extra)
    if (r.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${r.status}: ${r.body.slice(0, 300)}`)
    return r
  }

  close(): void {
    this.#agent.destroy()
  }
}

/** Runs `step(i)` for i = 0, 1, ... until `count` steps or `maxMs` have passed; returns how many ran. */
export async function repeat(count: number, maxMs: number, step: (i: number) => Promise<void>): Promise<number> {
  const deadline = performance.now() + maxMs
  let i = 0
  while (i < count && performance.now() < deadline) await step(i++)
  return i
}
