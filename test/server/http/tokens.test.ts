/**
 * Tokens over HTTP: stored only hashed, their secret shown once, revoked at once and for good,
 * and what /me says of each. Who may call which route is the auth matrix's (auth-matrix.test.ts).
 * Every test makes the tokens it uses, so the tests pass in any order.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, startServer, type Client, type Reply, type TestServer } from '../../helpers/server'

let server: TestServer
let admin: Client

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

function expectError(r: Reply, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status)
  expect(r.body.error.code).toBe(code)
}

async function whoAmI(c: Client): Promise<{ token: string; name: string }> {
  const r = await c.get('/me')
  expect(r.status).toBe(200)
  return { token: r.body.token.id, name: r.body.token.name }
}

beforeAll(async () => {
  server = await startServer()
  admin = server.admin
})

afterAll(async () => {
  await server.close()
})

describe('tokens', () => {
  it('revokes a token at once: its next request is refused and writes nothing; revoking again answers the same', async () => {
    expect((await admin.put('/products/REVOKE', { name: 'Revoke check', tracking: 'lot' })).status).toBe(201)
    const made = await admin.post('/tokens', { name: 'short-lived', role: 'operator' })
    expect(made.status).toBe(201)
    const c = client(server.url, made.body.secret)
    expect((await c.get('/me')).status).toBe(200)
    const revoked = await admin.del(`/tokens/${made.body.token.id}`)
    expect(revoked.status).toBe(200)
    expect(revoked.body.revokedAt).toEqual(expect.any(String))
    expectError(await c.get('/me'), 401, 'unauthorized')
    expectError(await c.post('/lots', { product: 'REVOKE', name: 'AFTER' }), 401, 'unauthorized')
    expect((await admin.get('/lots/REVOKE/AFTER')).status).toBe(404)
    const again = await admin.del(`/tokens/${made.body.token.id}`)
    expect(again.status).toBe(200)
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt)
  })

  it('stores tokens hashed: the journal holds the sha256 of a secret, never the secret', async () => {
    const made = await admin.post('/tokens', { name: 'journal check', role: 'viewer' })
    expect(made.status).toBe(201)
    const journal = await readFile(join(server.dir, 'journal.ndjson'), 'utf8')
    for (const secret of [admin.token, made.body.secret]) {
      expect(journal.includes(secret)).toBe(false)
      expect(journal.includes(sha256(secret))).toBe(true)
    }
  })

  it('POST /tokens answers the secret once; GET /tokens never shows secrets or hashes', async () => {
    const me = await whoAmI(admin)
    const made = await admin.post('/tokens', { name: 'robot', role: 'operator' })
    expect(made.status).toBe(201)
    expect(Object.keys(made.body).sort()).toEqual(['secret', 'token'])
    expect(made.body.secret).toMatch(/^ll_[A-Za-z0-9_-]{43}$/)
    expect(made.body.token).toEqual({
      id: expect.stringMatching(/^tok_[0-9a-f]{16}$/), name: 'robot', role: 'operator',
      createdAt: expect.any(String), createdBy: me, revokedAt: null,
    })
    const c = client(server.url, made.body.secret)
    expect((await c.get('/me')).body).toMatchObject({ role: 'operator', token: { id: made.body.token.id, name: 'robot' } })

    const list = await admin.get('/tokens')
    expect(list.status).toBe(200)
    const text = JSON.stringify(list.body)
    expect(text.includes(made.body.secret)).toBe(false)
    expect(text.includes(sha256(made.body.secret))).toBe(false)
    expect(text.includes(admin.token)).toBe(false)
    for (const t of list.body.tokens) expect(Object.keys(t).sort()).toEqual(['createdAt', 'createdBy', 'id', 'name', 'revokedAt', 'role'])
    expect(list.body.tokens.find((t: { id: string }) => t.id === made.body.token.id)).toEqual(made.body.token)
  })

  it('validates new tokens', async () => {
    for (const body of [{ name: 'x', role: 'owner' }, { name: '', role: 'viewer' }, { role: 'viewer' }, { name: 'x', role: 'viewer', secret: 'mine' }]) {
      expectError(await admin.post('/tokens', body), 400, 'validation_failed')
    }
  })

  it('answers 404 for revoking an unknown token', async () => {
    expectError(await admin.del('/tokens/tok_ffffffffffffffff'), 404, 'not_found')
  })

  it('/me tells the workspace and role of each token', async () => {
    for (const role of ['viewer', 'operator', 'admin'] as const) {
      const c = await server.clientFor(role)
      expect((await c.get('/me')).body).toMatchObject({ workspace: { id: 'default' }, role })
    }
  })
})
