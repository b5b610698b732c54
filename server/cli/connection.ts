/** Where the command-line tools find the server: flags, else LOTLEDGER_URL / LOTLEDGER_TOKEN. */
import { ErrorBody } from '../../shared/schemas/error'
import { printable } from './printable'
import { UsageError } from './run'

export interface ServerArgs {
  server: string
  token: string
  /** The journal position the answer must reflect at least (a write made before), or null. */
  minSeq: number | null
}

/** The option every command takes besides --server and --token. */
export const MIN_SEQ_OPTION = { 'min-seq': { type: 'string' } } as const

/**
 * The server and token from `--server`/`--token` or the environment, and the position from
 * `--min-seq` or LOTLEDGER_MIN_SEQ; a usage error without a token or with a position that is no
 * whole number.
 */
export function serverArgs(values: { server?: string; token?: string; 'min-seq'?: string }, env: NodeJS.ProcessEnv = process.env): ServerArgs {
  const server = (values.server ?? env.LOTLEDGER_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '')
  const token = values.token ?? env.LOTLEDGER_TOKEN
  if (!token) throw new UsageError('no token: pass --token or set LOTLEDGER_TOKEN')
  const min = (values['min-seq'] ?? env.LOTLEDGER_MIN_SEQ ?? '').trim()
  if (min && !/^\d{1,15}$/.test(min)) throw new UsageError(`--min-seq (or LOTLEDGER_MIN_SEQ) is a journal position, a whole number, not ${printable(min.slice(0, 40))}`)
  return { server, token, minSeq: min ? Number(min) : null }
}

/** How often a read is asked again of a server behind the position asked for. */
const SEQ_RETRIES = 3

/**
 * fetch with the token and, when given, Lotledger-Min-Seq. Behind a load balancer, a server may
 * not have applied the write the position comes from yet: a read it answers 503
 * `seq_not_reached` is asked again after its Retry-After (at most 3 s), three times at most.
 */
export async function send(args: ServerArgs, url: string, init: { method?: string; body?: FormData } = {}): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${args.token}` }
  if (args.minSeq !== null) headers['lotledger-min-seq'] = String(args.minSeq)
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url, { ...init, headers })
    const retry = init.method === undefined && attempt < SEQ_RETRIES && res.status === 503
      && ErrorBody.safeParse(await res.clone().json().catch(() => null)).data?.error.code === 'seq_not_reached'
    if (!retry) return res
    const seconds = Number(res.headers.get('retry-after'))
    await new Promise((resolve) => setTimeout(resolve, Number.isFinite(seconds) ? Math.min(3_000, Math.max(100, seconds * 1000)) : 500))
  }
}

/** What to print after a write: its journal position, to read it back through any server. */
export function positionNote(res: Response): string | null {
  const seq = res.headers.get('lotledger-seq')
  return seq && /^\d+$/.test(seq) ? `journal position: ${seq} (--min-seq ${seq} reads it back through any server)` : null
}

/** The message of an API error body, or the status; safe to print (see printable). */
export function errorMessage(body: unknown, status: number): string {
  const parsed = ErrorBody.safeParse(body)
  return parsed.success ? printable(parsed.data.error.message) : `the server answered ${status}`
}
