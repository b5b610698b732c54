/**
 * Whether a secret chosen outside the server (LOTLEDGER_ADMIN_TOKEN) is strong enough to be kept
 * as tokens are: as an unsalted SHA-256, looked up at once on every request. That is safe for a
 * random secret of 128 bits and more (no table or guessing reaches it), and for nothing a person
 * makes up; so a chosen secret must look like a generator's output. A slow, salted hash (scrypt)
 * for such secrets would cost every request that presents an unknown token a scrypt run: a door
 * for anyone to load the server with, for the sake of accepting weak secrets.
 */

/** What `Authorization: Bearer <token>` can carry as one word: printable ASCII, no spaces. */
const BEARER_WORD = /^[\x21-\x7e]+$/
/** Fewest characters. */
export const CHOSEN_SECRET_MIN_LENGTH = 32
/** Fewest different characters: refuses `aaaa…` and `abab…` (random hex has 14 or more in all but a few in a million). */
const MIN_DISTINCT = 8
/** A run this long seen twice is a repeated word or block (`changeme-changeme`), which a generator makes almost never. */
const REPEAT = 8
/** Least estimated strength, in bits. */
export const CHOSEN_SECRET_MIN_BITS = 128

/** The characters a secret draws on, by kind: the estimate assumes each was drawn from all of its kinds. */
const KINDS: Array<[RegExp, number]> = [[/[a-z]/, 26], [/[A-Z]/, 26], [/[0-9]/, 10], [/[^A-Za-z0-9]/, 32]]

/** Estimated strength of `secret` in bits: its length times the bits of one character drawn from the kinds it uses. */
export function estimatedBits(secret: string): number {
  const pool = KINDS.reduce((n, [kind, size]) => (kind.test(secret) ? n + size : n), 0)
  return pool === 0 ? 0 : secret.length * Math.log2(pool)
}

/** Why `secret` is not random enough to be an admin token's secret (a sentence to follow its name), or null. */
export function chosenSecretProblem(secret: string): string | null {
  const advice = 'use a random one, e.g. the output of `openssl rand -base64 32`'
  if (!BEARER_WORD.test(secret)) return `may hold only printable ASCII characters without spaces (it is sent as one word after Bearer): ${advice}`
  if (secret.length < CHOSEN_SECRET_MIN_LENGTH) return `must be at least ${CHOSEN_SECRET_MIN_LENGTH} characters (it has ${secret.length}): ${advice}`
  if (new Set(secret).size < MIN_DISTINCT) return `must use at least ${MIN_DISTINCT} different characters: ${advice}`
  const seen = new Set<string>()
  for (let i = 0; i + REPEAT <= secret.length; i++) {
    const run = secret.slice(i, i + REPEAT)
    // Never quoted back: the message may reach a log.
    if (seen.has(run)) return `repeats a run of ${REPEAT} characters: ${advice}`
    seen.add(run)
  }
  const bits = Math.floor(estimatedBits(secret))
  if (bits < CHOSEN_SECRET_MIN_BITS) return `is about ${bits} bits strong, and must be ${CHOSEN_SECRET_MIN_BITS}: longer, or with more kinds of characters; ${advice}`
  return null
}
