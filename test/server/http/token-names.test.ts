/**
 * Token names refuse control characters as every other name does, on every way a token is made:
 * POST /tokens, and the functions the admin socket and the first start use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorkspaceWithAdmin, issueToken } from '../../../server/admin/bootstrap'
import { LedgerError } from '../../../server/domain/errors'
import { startServer, type TestServer } from '../../helpers/server'

let server: TestServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => server?.close())

const HOSTILE: Array<[string, string]> = [
  ['NUL', 'a\u0000b'], ['BEL', 'ding\u0007'], ['ANSI colour', '\u001b[31mred\u001b[0m'], ['terminal title', '\u001b]0;owned\u0007'],
  ['newline', 'two\nlines'], ['TAB', 'a\tb'], ['DEL', 'a\u007fb'], ['8-bit CSI', '\u009b31mred'],
]

describe('POST /tokens', () => {
  it.each(HOSTILE)('refuses a name with %s, naming the field, and makes no token', async (_what, name) => {
    const before = (await server.admin.get('/tokens')).body.tokens.length
    const r = await server.admin.post('/tokens', { name, role: 'viewer' })
    expect(r.status).toBe(400)
    expect(r.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'name', message: 'token name has control characters' }] })
    expect((await server.admin.get('/tokens')).body.tokens.length).toBe(before)
  })

  it('takes any other text, trimmed: accents, other scripts, emoji', async () => {
    for (const name of ['Crème brûlée', 'מחסן', '倉庫 1', 'Tablet 📦']) {
      const r = await server.admin.post('/tokens', { name: `  ${name} `, role: 'viewer' })
      expect(r.status, JSON.stringify(r.body)).toBe(201)
      expect(r.body.token.name).toBe(name)
    }
  })
})

describe('the functions behind the admin socket and the first start', () => {
  it('refuse a token or workspace name with control characters and keep nothing', async () => {
    const records = server.store.journal.durableSeq
    for (const [, name] of HOSTILE) {
      const token = issueToken(server.store, 'default', name, 'admin')
      await expect(token).rejects.toBeInstanceOf(LedgerError)
      await expect(token).rejects.toMatchObject({ code: 'validation_failed', details: [{ path: 'name' }] })
      await expect(createWorkspaceWithAdmin(server.store, 'other', name)).rejects.toMatchObject({ code: 'validation_failed', details: [{ path: 'name' }] })
    }
    expect(server.store.ledger.state.workspaces.has('other')).toBe(false)
    expect(server.store.journal.durableSeq).toBe(records)
  })
})
