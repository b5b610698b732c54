import { randomBytes, randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { chosenSecretProblem, estimatedBits } from '../../../server/auth/chosen-secret'
import { newSecret } from '../../../server/auth/secrets'

describe('a chosen admin token secret', () => {
  it('is taken from a generator: openssl rand -base64 32 or -hex 16, a UUID, base64url, a token the server made', () => {
    for (const secret of [
      'q3Vx1c0mJ9Yb5fTzH8kP2wLr7nDs4eGa6uBo0yRi+Zg=', // openssl rand -base64 32
      '6f1c9e2ab04d8e73c5a19f0b2d7e4c86', // openssl rand -hex 16
      '8e6f3a9c-1b2d-4c5e-9f07-a1b2c3d4e5f6', // a UUID
      'crash-test-admin-secret-0123456789',
    ]) expect(chosenSecretProblem(secret), secret).toBeNull()
    for (let i = 0; i < 2000; i++) {
      for (const secret of [randomBytes(32).toString('base64'), randomBytes(16).toString('hex'), randomBytes(32).toString('base64url'), newSecret()]) {
        expect(chosenSecretProblem(secret), secret).toBeNull()
      }
    }
    expect(chosenSecretProblem(randomUUID())).toBeNull()
  })

  it('is refused when a person could have made it up, saying why without quoting it', () => {
    const cases: Array<[string, RegExp]> = [
      ['short', /^must be at least 32 characters \(it has 5\)/],
      ['0123456789abcdef0123456789abcde', /^must be at least 32 characters \(it has 31\)/],
      ['correct horse battery staple extra words', /^may hold only printable ASCII characters without spaces/],
      ['mot-de-passe-très-secret-0123456789', /^may hold only printable ASCII/],
      ['abababababababababababababababababab', /^must use at least 8 different characters/],
      ['changeme-changeme-changeme-changeme', /^repeats a run of 8 characters/],
      ['Password123!Password123!Password123!', /^repeats a run of 8 characters/],
      ['3141592653589793238462643383279502884', /^is about 122 bits strong, and must be 128/],
    ]
    for (const [secret, why] of cases) {
      const problem = chosenSecretProblem(secret)
      expect(problem, secret).toMatch(why)
      expect(problem, secret).toContain('openssl rand -base64 32')
      expect(problem, secret).not.toContain(secret.slice(0, 8))
    }
  })

  it('is estimated at its length times the bits of a character of the kinds it uses', () => {
    expect(estimatedBits('0'.repeat(10))).toBeCloseTo(10 * Math.log2(10))
    expect(estimatedBits('a1'.repeat(16))).toBeCloseTo(32 * Math.log2(36))
    expect(estimatedBits('aA1-'.repeat(8))).toBeCloseTo(32 * Math.log2(94))
    expect(estimatedBits('')).toBe(0)
  })
})
