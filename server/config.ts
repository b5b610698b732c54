/** Server settings from the environment. */
import { resolve } from 'node:path'

export interface ServerConfig {
  dataDir: string
  host: string
  port: number
  /** Used only when the data directory is new: the first admin token's secret. */
  adminToken: string | undefined
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${env.PORT}`)
  const adminToken = env.LOTLEDGER_ADMIN_TOKEN || undefined
  if (adminToken !== undefined && adminToken.length < 16) throw new Error('LOTLEDGER_ADMIN_TOKEN must be at least 16 characters')
  return { dataDir: resolve(env.DATA_DIR ?? 'data'), host: env.HOST ?? '127.0.0.1', port, adminToken }
}
