/** Where the command-line tools find the server: flags, else LOTLEDGER_URL / LOTLEDGER_TOKEN. */
import { ErrorBody } from '../../shared/schemas/error'
import { printable } from './printable'
import { UsageError } from './run'

export interface ServerArgs {
  server: string
  token: string
}

/** The server and token from `--server`/`--token` or the environment; a usage error without a token. */
export function serverArgs(values: { server?: string; token?: string }, env: NodeJS.ProcessEnv = process.env): ServerArgs {
  const server = (values.server ?? env.LOTLEDGER_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '')
  const token = values.token ?? env.LOTLEDGER_TOKEN
  if (!token) throw new UsageError('no token: pass --token or set LOTLEDGER_TOKEN')
  return { server, token }
}

/** The message of an API error body, or the status; safe to print (see printable). */
export function errorMessage(body: unknown, status: number): string {
  const parsed = ErrorBody.safeParse(body)
  return parsed.success ? printable(parsed.data.error.message) : `the server answered ${status}`
}
