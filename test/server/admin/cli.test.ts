import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { allOperations, expectStockConsistent } from '../../helpers/ledger-http'
import { killStarted, runCli, startServerProcess, type CliResult } from '../../helpers/process'
import { client } from '../../helpers/server'
import { Tally } from '../../helpers/tally'
import { tempDirs } from '../../helpers/temp'

const temp = tempDirs()

afterEach(async () => {
  await killStarted()
  await temp.cleanup()
})

/** Runs the admin command on `dir` and expects success; returns its JSON output. */
async function admin(dir: string, ...args: string[]): Promise<any> {
  const r = await runCli([...args, '--data-dir', dir])
  expect(r.code, `${args.join(' ')}\n${r.stdout}${r.stderr}`).toBe(0)
  return JSON.parse(r.stdout)
}

/** Runs the admin command on `dir` and expects it to fail. */
async function adminFails(dir: string, ...args: string[]): Promise<CliResult> {
  const r = await runCli([...args, '--data-dir', dir])
  expect(r.code, `${args.join(' ')} should fail\n${r.stdout}${r.stderr}`).not.toBe(0)
  return r
}

describe('admin command without a server (opens the data directory itself)', () => {
  it('creates and lists workspaces and tokens, and revokes tokens', { timeout: 120_000 }, async () => {
    const dir = await temp.make()
    const created = await admin(dir, 'workspace', 'create', 'acme', '--name', 'Acme – Crème')
    expect(created).toMatchObject({ workspace: 'acme', token: { name: 'admin', role: 'admin', revokedAt: null } })
    expect(created.secret).toMatch(/^ll_[A-Za-z0-9_-]{20,}$/)
    // The command released the directory again.
    await expect(readFile(join(dir, 'LOCK'))).rejects.toMatchObject({ code: 'ENOENT' })

    expect((await admin(dir, 'workspace', 'list')).workspaces).toEqual([
      { id: 'acme', name: 'Acme – Crème', createdAt: expect.any(String), tokens: 1 },
    ])

    const bob = await admin(dir, 'token', 'create', '--workspace', 'acme', '--role', 'viewer', '--name', 'bob')
    expect(bob).toMatchObject({ workspace: 'acme', token: { name: 'bob', role: 'viewer', revokedAt: null } })
    expect(bob.secret).toMatch(/^ll_/)
    expect(bob.secret).not.toBe(created.secret)

    const listed = await runCli(['token', 'list', '--workspace', 'acme', '--data-dir', dir])
    expect(listed.code).toBe(0)
    const tokens = JSON.parse(listed.stdout).tokens as Array<{ id: string; name: string; role: string; revokedAt: string | null }>
    expect(tokens.map((t) => [t.id, t.name, t.role, t.revokedAt])).toEqual([
      [created.token.id, 'admin', 'admin', null],
      [bob.token.id, 'bob', 'viewer', null],
    ])
    // Secrets are shown once, at creation; lists never show them or their hashes.
    expect(listed.stdout).not.toContain(bob.secret)
    expect(listed.stdout).not.toContain('hash')

    const revoked = await admin(dir, 'token', 'revoke', '--workspace', 'acme', bob.token.id)
    expect(revoked).toMatchObject({ id: bob.token.id, revokedAt: expect.any(String) })
    const after = (await admin(dir, 'token', 'list', '--workspace', 'acme')).tokens as Array<{ id: string; revokedAt: string | null }>
    expect(after.find((t) => t.id === bob.token.id)?.revokedAt).toBe(revoked.revokedAt)
    expect((await admin(dir, 'workspace', 'list')).workspaces[0].tokens).toBe(1)
  })

  it('fails with exit 1 and an error for an unknown workspace or a duplicate', { timeout: 60_000 }, async () => {
    const dir = await temp.make()
    await admin(dir, 'workspace', 'create', 'acme')
    for (const args of [
      ['token', 'list', '--workspace', 'nope'],
      ['token', 'create', '--workspace', 'nope', '--role', 'viewer', '--name', 'x'],
    ]) {
      const r = await adminFails(dir, ...args)
      expect(r.code).toBe(1)
      expect(r.stderr).toMatch(/^error: .*nope/m)
      expect(r.stdout).toBe('')
    }
    const dup = await adminFails(dir, 'workspace', 'create', 'acme')
    expect(dup.code).toBe(1)
    expect(dup.stderr).toMatch(/^error: .*acme.*already exists/m)
    const role = await adminFails(dir, 'token', 'create', '--workspace', 'acme', '--role', 'superuser', '--name', 'x')
    expect(role.code).toBe(1)
    expect(role.stderr).toMatch(/^error: .*role/m)
  })

  it('answers bad usage with exit 2 and the usage text', { timeout: 60_000 }, async () => {
    const dir = await temp.make()
    const cases: Array<[string[], RegExp]> = [
      [['frobnicate'], /unknown command: frobnicate/],
      [['workspace', 'delete', 'acme'], /unknown command/],
      [['workspace', 'create'], /missing workspace id/],
      [['token', 'create', '--workspace', 'acme', '--role', 'viewer'], /missing --name/],
      [['token', 'revoke', '--workspace', 'acme'], /missing token id/],
      [['backup'], /missing backup directory/],
    ]
    for (const [args, message] of cases) {
      const r = await runCli([...args, '--data-dir', dir])
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2)
      expect(r.stderr).toMatch(message)
      expect(r.stderr).toContain('usage: npm run admin')
    }
    const none = await runCli(['--data-dir', dir])
    expect(none.code).toBe(2)
    expect(none.stdout).toContain('usage: npm run admin')
    const help = await runCli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('usage: npm run admin')
  })

  it('answers an unknown option as bad usage too: exit 2 and the usage text', { timeout: 60_000 }, async () => {
    const dir = await temp.make()
    const r = await runCli(['workspace', 'list', '--frobnicate', '--data-dir', dir])
    // Exit 1 means "the command failed" (e.g. unknown workspace); a mistyped option must be told apart.
    expect(r.code, r.stderr).toBe(2)
    expect(r.stderr).toMatch(/frobnicate/)
    expect(r.stderr).toContain('usage: npm run admin')
  })
})

describe('admin command with a running server (through the admin socket)', () => {
  it('applies to the running server at once', { timeout: 120_000 }, async () => {
    const dir = await temp.make()
    const acme = await admin(dir, 'workspace', 'create', 'acme')
    const bob = await admin(dir, 'token', 'create', '--workspace', 'acme', '--role', 'viewer', '--name', 'bob')
    await admin(dir, 'token', 'revoke', '--workspace', 'acme', bob.token.id)

    // A directory with a workspace already is not new: no default workspace, no printed token.
    const server = await startServerProcess(dir)
    expect(server.printedToken).toBeNull()
    expect(server.proc.stdout()).not.toContain('created workspace')
    expect((await client(server.url, acme.secret).get('/me')).body).toMatchObject({ workspace: { id: 'acme' }, role: 'admin' })
    expect((await client(server.url, bob.secret).get('/me')).status).toBe(401)

    // Opening the directory itself would fail on the lock: success means the socket was used.
    const beta = await admin(dir, 'workspace', 'create', 'beta', '--name', 'Beta')
    const betaMe = await client(server.url, beta.secret).get('/me')
    expect(betaMe.status).toBe(200)
    expect(betaMe.body).toMatchObject({ workspace: { id: 'beta', name: 'Beta' }, role: 'admin' })

    const carol = await admin(dir, 'token', 'create', '--workspace', 'acme', '--role', 'operator', '--name', 'carol')
    const carolClient = client(server.url, carol.secret)
    expect((await carolClient.get('/me')).body).toMatchObject({ workspace: { id: 'acme' }, role: 'operator', token: { id: carol.token.id, name: 'carol' } })
    // The server's own token list shows what the command created.
    const serverTokens = (await client(server.url, acme.secret).get('/tokens')).body.tokens as Array<{ id: string }>
    expect(serverTokens.map((t) => t.id)).toContain(carol.token.id)

    expect((await admin(dir, 'token', 'list', '--workspace', 'acme')).tokens.map((t: { name: string }) => t.name)).toEqual(['admin', 'bob', 'carol'])
    expect((await admin(dir, 'workspace', 'list')).workspaces.map((w: { id: string }) => w.id)).toEqual(['acme', 'beta'])

    await admin(dir, 'token', 'revoke', '--workspace', 'acme', carol.token.id)
    expect((await carolClient.get('/me')).status).toBe(401)

    const unknown = await adminFails(dir, 'token', 'list', '--workspace', 'nope')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/^error: .*nope/m)

    // What went through the socket is durable: it is there after a restart.
    expect((await server.proc.stop('SIGTERM')).code).toBe(0)
    const again = await startServerProcess(dir)
    expect((await client(again.url, beta.secret).get('/me')).status).toBe(200)
    expect((await client(again.url, carol.secret).get('/me')).status).toBe(401)
  })

  it('backs up a live server while it takes writes; a server starts on the copy', { timeout: 120_000 }, async () => {
    const dir = await temp.make()
    const backupDir = join(await temp.make('lotledger-backup-'), 'copy')
    const live = await startServerProcess(dir)
    const token = live.printedToken!
    const api = client(live.url, token)
    expect((await api.put('/products/BOLT', { name: 'Bolt M6' })).status).toBe(201)
    expect((await api.put('/products/MILK', { name: 'Milk', tracking: 'lot' })).status).toBe(201)

    // Writers keep posting receipts (bounded in count and time) while the backup runs.
    const acked = new Tally<string>()
    let stop = false
    const deadline = Date.now() + 60_000
    const writer = async (w: number) => {
      for (let k = 0; k < 2000 && !stop && Date.now() < deadline; k++) {
        const id = `w${w}-${k}`
        const res = await api.post('/operations', {
          id, type: 'receipt', reference: `WH/IN/${id}`, lines: [{ product: 'BOLT', qty: 1 }, { product: 'MILK', qty: 2, lot: `L-${w}` }],
        })
        expect(res.status, JSON.stringify(res.body)).toBe(201)
        acked.push(id)
      }
    }
    const writers = Promise.all(Array.from({ length: 4 }, (_, w) => writer(w)))
    // Waits for the acknowledgements themselves; the writers ending (count, deadline, a failed
    // write) ends the wait too, so it is bounded.
    await Promise.race([acked.reached(40), writers])
    const ackedBefore = [...acked.items]
    const backup = runCli(['backup', backupDir, '--data-dir', dir])
    const result = await backup
    const ackedAfterBackup = acked.length
    // Let a few more writes land after the copy, then stop the writers.
    await Promise.race([acked.reached(ackedAfterBackup + 20), writers])
    stop = true
    await writers

    expect(result.code, result.stderr).toBe(0)
    const info = JSON.parse(result.stdout)
    expect(info).toMatchObject({ dir: backupDir, records: expect.any(Number), bytes: expect.any(Number) })
    expect(JSON.parse(await readFile(join(backupDir, 'BACKUP.json'), 'utf8'))).toEqual(info)
    expect((await readdir(backupDir)).sort()).toEqual(['BACKUP.json', 'journal.ndjson'])
    expect((await readFile(join(backupDir, 'journal.ndjson'))).length).toBe(info.bytes)
    // 2 bootstrap records, 2 products, then at least the writes acknowledged before the backup began.
    expect(info.records).toBeGreaterThanOrEqual(4 + ackedBefore.length)
    const liveRecords = (await api.get('/health')).body.records as number
    expect(liveRecords).toBeGreaterThan(info.records)

    // A backup never overwrites: the same directory again is refused.
    const twice = await runCli(['backup', backupDir, '--data-dir', dir])
    expect(twice.code).toBe(1)
    expect(twice.stderr).toMatch(/not empty/)

    const restored = await startServerProcess(backupDir)
    expect(restored.port).not.toBe(live.port)
    expect(restored.printedToken).toBeNull()
    const copy = client(restored.url, token)
    expect((await copy.get('/health')).body.records).toBe(info.records)
    for (const id of ackedBefore) expect((await copy.get(`/operations/${id}`)).status, id).toBe(200)
    // The copy is the live journal as of record `records`: its operations are a prefix of the live ones.
    const liveOps = (await allOperations(api)).map((o) => o.id)
    const copyOps = (await allOperations(copy)).map((o) => o.id)
    expect(copyOps.length).toBeGreaterThanOrEqual(ackedBefore.length)
    expect(copyOps.length).toBeLessThan(liveOps.length)
    expect(liveOps.slice(0, copyOps.length)).toEqual(copyOps)
    expect(copyOps.length).toBe(info.records - 4)
    await expectStockConsistent(copy)
    expect((await copy.get('/products/BOLT')).status).toBe(200)
  })
})
