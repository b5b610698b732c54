/** Token secrets: made at random, shown once, stored only as a SHA-256 hash. */
import { createHash, randomBytes } from 'node:crypto'

/** A new bearer secret, `ll_` and 32 random bytes. */
export function newSecret(): string {
  return `ll_${randomBytes(32).toString('base64url')}`
}

/** A new token id (not secret: it names the token in lists and audit records). */
export function newTokenId(): string {
  return `tok_${randomBytes(8).toString('hex')}`
}

/** The stored form of a secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}
