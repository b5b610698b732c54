/**
 * One request passed on to another server and its answer, over node's own HTTP client with kept
 * connections. A follower passes every write it takes on to the writer (server/http/replica.ts):
 * fetch's streams cost it about 2.7 ms of CPU a write, most of a follower's work under load; a
 * write's body is small (an import's at most 64 MB) and is read whole, then sent as one buffer.
 */
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

/** Connections kept open to the writer: enough for the clients a load balancer sends one server. */
const MAX_SOCKETS = 64
const agents = {
  'http:': new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
  'https:': new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
}

/** An answer passed back: its status, headers and whole body. */
export interface PassedAnswer {
  status: number
  headers: Headers
  body: Buffer
}

function headersOf(res: IncomingMessage): Headers {
  const out = new Headers()
  for (let i = 0; i < res.rawHeaders.length; i += 2) out.append(res.rawHeaders[i], res.rawHeaders[i + 1])
  return out
}

/** An answer on its way, and how to give up on it. */
export interface PassingOn {
  answer: Promise<PassedAnswer>
  /** Breaks the request off: `answer` rejects with `reason`. */
  giveUp(reason: Error): void
}

/**
 * Sends `method` `url` with `headers` and `body`; `answer` resolves with the whole answer, or
 * rejects when the other server cannot be reached or breaks off. (Giving up destroys the request
 * rather than going through an AbortSignal, whose making costs more than the rest of the request.)
 */
export function passOn(url: URL, method: string, headers: Headers, body: Buffer | null): PassingOn {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  const agent = agents[url.protocol === 'https:' ? 'https:' : 'http:']
  const outgoing: Record<string, string> = {}
  headers.forEach((value, name) => (outgoing[name] = value))
  if (body) outgoing['content-length'] = String(body.length)
  let req: ClientRequest | undefined
  const answer = new Promise<PassedAnswer>((resolve, reject) => {
    req = send(url, { method, headers: outgoing, agent }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: headersOf(res), body: Buffer.concat(chunks) }))
      res.on('error', reject)
      res.on('aborted', () => reject(new Error('the answer was cut off')))
    })
    req.on('error', reject)
    req.end(body ?? undefined)
  })
  return { answer, giveUp: (reason) => req?.destroy(reason) }
}
