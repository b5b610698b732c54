/** Where the command-line tools find the server: flags, else LOTLEDGER_URL / LOTLEDGER_TOKEN. */
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

/** The message of an API error body, or the status. */
export function errorMessage(body: unknown, status: number): string {
  const e = (body as { error?: { message?: string } } | null)?.error
  return e?.message ?? `the server answered ${status}`
}
