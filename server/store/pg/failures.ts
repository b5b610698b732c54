/**
 * What a PostgreSQL failure means for the ledger: the database cannot be reached (wait and try
 * again), this server lost the writer lease (another one writes now), or something else. And the
 * sentence a person reads when the server cannot start on the database.
 */

/** Where a failure leaves this server. */
export type PgFailureKind = 'unavailable' | 'fenced' | 'other'

/** SQLSTATE of lotledger.check_epoch's refusal (schema.ts). */
export const FENCED_SQLSTATE = 'LL001'

/** postgres.js's own codes for a connection that went or never came. */
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT',
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
])

/** The SQLSTATE or system code of `err`, if it has one. */
function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : ''
}

/** Classifies a failure of a query or transaction. */
export function failureKind(err: unknown): PgFailureKind {
  const code = codeOf(err)
  if (code === FENCED_SQLSTATE) return 'fenced'
  // Class 08: connection exceptions; 57P0x: the server shuts down or restarts; 53300: too many connections.
  if (CONNECTION_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code) || code === '53300') return 'unavailable'
  return 'other'
}

/** `url` without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return '(DATABASE_URL is not a URL)'
  }
}

/** A sentence saying why the server could not open the database at `url`, and what to do. */
export function startFailureMessage(err: unknown, url: string): string {
  const code = codeOf(err)
  const where = redactUrl(url)
  let user = ''
  let db = ''
  try {
    const u = new URL(url)
    user = decodeURIComponent(u.username) || '(default user)'
    db = decodeURIComponent(u.pathname.slice(1)) || user
  } catch {
    return `DATABASE_URL must be a URL such as postgres://user:password@host:5432/database, not ${JSON.stringify(url.slice(0, 40))}`
  }
  const detail = (err as Error)?.message ?? String(err)
  if (code === '28P01' || code === '28000') {
    return `the database at ${where} refused user ${user}: wrong password, or no pg_hba.conf entry lets this user in (${detail})`
  }
  if (code === '3D000') return `database "${db}" does not exist at ${where}: create it first (createdb ${db}) (${detail})`
  if (code === '42501') return `user ${user} may not create lotledger's tables in database "${db}": grant it CREATE on the database, or make it the owner (${detail})`
  if (failureKind(err) === 'unavailable') {
    return `cannot reach the database at ${where}: is PostgreSQL running there and accepting TCP connections? (${code || detail})`
  }
  return `cannot use the database at ${where}: ${detail}`
}
