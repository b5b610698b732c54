/** Server settings from the environment. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createSecureContext } from 'node:tls'

/** A setting that cannot work: `npm start` prints the message and exits, without a stack. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** The certificate and key the server speaks HTTPS with (TLS_CERT, TLS_KEY), read at start. */
export interface TlsFiles {
  certFile: string
  keyFile: string
  cert: Buffer
  key: Buffer
}

/** What `npm start` runs with: see the README's variable table. */
export interface ServerConfig {
  dataDir: string
  host: string
  port: number
  /** Used only when the data directory is new: the first admin token's secret (see chosenSecretProblem). */
  adminToken: string | undefined
  /** Set when TLS_CERT and TLS_KEY are: the server then speaks HTTPS only. */
  tls: TlsFiles | undefined
  /**
   * PUBLIC_URL as an origin (`https://lotledger.example.com`): where Office reaches the add-in.
   * Undefined: derived from where the server listens, see {@link defaultPublicUrl}.
   */
  publicUrl: string | undefined
  /** DATABASE_URL: the ledger on PostgreSQL (shared with other servers) instead of DATA_DIR. */
  databaseUrl: string | undefined
  /** PEER_URL: where the other servers on the database reach this one (the writes they pass on). */
  peerUrl: string | undefined
}

/** The settings in `env`; throws a {@link ConfigError} naming the variable when one cannot work. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, not ${env.PORT}`)
  // Judged where it is used, when the data directory is new (server/main.ts).
  const adminToken = env.LOTLEDGER_ADMIN_TOKEN || undefined
  return {
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    host: env.HOST ?? '127.0.0.1',
    port,
    adminToken,
    tls: readTls(env.TLS_CERT || undefined, env.TLS_KEY || undefined),
    publicUrl: env.PUBLIC_URL ? parsePublicUrl(env.PUBLIC_URL) : undefined,
    databaseUrl: env.DATABASE_URL ? parseDatabaseUrl(env.DATABASE_URL) : undefined,
    peerUrl: env.PEER_URL ? parseOrigin('PEER_URL', env.PEER_URL, 'http://10.0.0.5:3000') : undefined,
  }
}

function parseDatabaseUrl(value: string): string {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (!url || !['postgres:', 'postgresql:'].includes(url.protocol)) {
    throw new ConfigError('DATABASE_URL must be a PostgreSQL URL such as postgres://lotledger:secret@db.example.com:5432/lotledger')
  }
  return value
}

/**
 * The public origin when PUBLIC_URL is not set: `https://localhost:<port>` over TLS (the name the
 * development certificate is for), otherwise `http://<host>:<port>`.
 */
export function defaultPublicUrl(tls: boolean, host: string, port: number): string {
  if (tls) return `https://localhost:${port}`
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`
}

function readTls(certFile: string | undefined, keyFile: string | undefined): TlsFiles | undefined {
  if (!certFile && !keyFile) return undefined
  if (!certFile || !keyFile) {
    throw new ConfigError(`TLS_CERT and TLS_KEY go together: ${certFile ? 'TLS_KEY' : 'TLS_CERT'} is not set (npm run certs makes a development pair)`)
  }
  const read = (name: string, file: string): Buffer => {
    const path = resolve(file)
    try {
      return readFileSync(path)
    } catch (err) {
      throw new ConfigError(`${name}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { cause: err })
    }
  }
  const tls = { certFile: resolve(certFile), keyFile: resolve(keyFile), cert: read('TLS_CERT', certFile), key: read('TLS_KEY', keyFile) }
  try {
    createSecureContext({ cert: tls.cert, key: tls.key })
  } catch (err) {
    throw new ConfigError(`TLS_CERT ${tls.certFile} and TLS_KEY ${tls.keyFile} are not a matching PEM certificate and key: ${(err as Error).message}`, { cause: err })
  }
  return tls
}

function parsePublicUrl(value: string): string {
  return parseOrigin('PUBLIC_URL', value, 'https://lotledger.example.com')
}

function parseOrigin(name: string, value: string, example: string): string {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(`${name} must be an origin such as ${example} (scheme, host and port only), not ${value}`)
  }
  return url.origin
}
