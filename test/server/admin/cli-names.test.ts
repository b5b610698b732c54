/**
 * The admin command prints names safely: control characters and bidirectional overrides in token
 * and workspace names (a ledger may hold them from before names refused them) and in what was
 * typed come out as escapes, never raw, and its JSON still reads back as the names stored.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { hashSecret, newSecret } from '../../../server/auth/secrets'
import { LedgerStore } from '../../../server/store/ledger-store'
import { killStarted, runCli, startServerProcess } from '../../helpers/process'
import { tempDirs } from '../../helpers/temp'

const temp = tempDirs()
afterEach(async () => {
  await killStarted()
  await temp.cleanup()
})

/** Characters a terminal acts on, or that make it show text in another order. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/
const OLD_TOKEN = '\u001b]0;pwned\u0007\u001b[2J\u009b31mred\u007f'
const OLD_WORKSPACE = 'Acme \u202eevil\u202c'

/** A data directory whose ledger holds names with control characters, as one written before they were refused. */
async function ledgerWithOldNames(): Promise<string> {
  const dir = await temp.make()
  const store = await LedgerStore.openDirectory(dir, { log: () => {} })
  store.ledger.commit({ type: 'workspace.created', ws: 'acme', by: null, data: { name: OLD_WORKSPACE } })
  store.ledger.commit({ type: 'token.created', ws: 'acme', by: null, data: { id: 'tok_0123456789abcdef', name: OLD_TOKEN, role: 'viewer', hash: hashSecret(newSecret()) } })
  await store.persist()
  await store.close()
  return dir
}

describe('npm run admin prints names safely', () => {
  it('lists old names with control characters as JSON escapes that read back as the names', { timeout: 60_000 }, async () => {
    const dir = await ledgerWithOldNames()
    const tokens = await runCli(['token', 'list', '--workspace', 'acme', '--data-dir', dir])
    expect(tokens.code, tokens.stderr).toBe(0)
    expect(tokens.stdout).not.toMatch(UNSAFE)
    expect(tokens.stdout).toContain('\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31mred\\u007f')
    expect(JSON.parse(tokens.stdout).tokens[0].name).toBe(OLD_TOKEN)

    const workspaces = await runCli(['workspace', 'list', '--data-dir', dir])
    expect(workspaces.code, workspaces.stderr).toBe(0)
    expect(workspaces.stdout).not.toMatch(UNSAFE)
    expect(JSON.parse(workspaces.stdout).workspaces[0].name).toBe(OLD_WORKSPACE)
  })

  it('refuses to create a token or workspace named with control characters, without a server and through one', { timeout: 120_000 }, async () => {
    const dir = await temp.make()
    expect((await runCli(['workspace', 'create', 'acme', '--data-dir', dir])).code).toBe(0)
    const check = async () => {
      const token = await runCli(['token', 'create', '--workspace', 'acme', '--role', 'admin', '--name', 'a\u0007\u001b[31mb', '--data-dir', dir])
      expect(token.code, token.stdout).toBe(1)
      expect(token.stderr).toMatch(/^error: .*name: token name has control characters$/m)
      const ws = await runCli(['workspace', 'create', 'beta', '--name', 'Beta\u001b[2J', '--data-dir', dir])
      expect(ws.code, ws.stdout).toBe(1)
      expect(ws.stderr).toMatch(/workspace name has control characters/)
      const list = await runCli(['token', 'list', '--workspace', 'acme', '--data-dir', dir])
      expect(JSON.parse(list.stdout).tokens.map((t: { name: string }) => t.name)).toEqual(['admin'])
    }
    await check()
    // Through the running server's admin socket (opening the directory would fail on its lock).
    await startServerProcess(dir)
    await check()
  })

  it('echoes a mistyped command with its control characters escaped', { timeout: 60_000 }, async () => {
    const r = await runCli(['\u001b]0;pwned\u0007', '--data-dir', await temp.make()])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('unknown command: \\u001b]0;pwned\\u0007')
    expect(r.stderr).not.toMatch(UNSAFE)
  })
})
