import { join } from 'node:path'
import postgres from 'postgres'
import { describe, expect, it } from 'vitest'
import { LedgerStore } from '../../../server/store/ledger-store'
import { openPostgresStore } from '../../../server/store/pg/open'
import { TestClock } from '../../helpers/clock'
import { dumpState, populate } from '../../helpers/ledger-scenario'
import { postgresForProcesses, postgresSkipped, type ThrowawayPostgres } from '../../helpers/postgres'
import { runCli, startServerProcess } from '../../helpers/process'
import { client } from '../../helpers/server'
import { tempDirs } from '../../helpers/temp'

const temp = tempDirs()

describe.skipIf(postgresSkipped())('npm run admin on a ledger in PostgreSQL', () => {
  let pg: ThrowawayPostgres
  postgresForProcesses(temp, (started) => (pg = started))

  /** Runs the command on `url`; its output as JSON, failing on a non-zero exit. */
  async function admin(url: string, args: string[], how: 'flag' | 'env' = 'flag'): Promise<any> {
    const r = how === 'flag' ? await runCli([...args, '--database-url', url]) : await runCli(args, { DATABASE_URL: url })
    expect(r.code, `${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0)
    return JSON.parse(r.stdout)
  }

  it('works with no server running: the command holds the writer lease for its moment, and a server started later knows what it did', { timeout: 120_000 }, async () => {
    const url = await pg.createDatabase()
    const made = await admin(url, ['workspace', 'create', 'acme', '--name', 'Acme'])
    expect(made.secret).toMatch(/^ll_/)
    expect((await admin(url, ['workspace', 'list'], 'env')).workspaces.map((w: { id: string }) => w.id)).toEqual(['acme'])

    const server = await startServerProcess(await temp.make(), { DATABASE_URL: url })
    expect(server.proc.stdout()).not.toContain('created workspace')
    const me = await client(server.url, made.secret).get('/me')
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ workspace: { id: 'acme' }, role: 'admin' })
  })

  it('has the server that writes run it while one runs, and leaves no secret in the database', { timeout: 120_000 }, async () => {
    const url = await pg.createDatabase()
    const server = await startServerProcess(await temp.make(), { DATABASE_URL: url })
    const token = await admin(url, ['token', 'create', '--workspace', 'default', '--role', 'viewer', '--name', 'bot'])
    expect(token.secret).toMatch(/^ll_/)
    const bot = client(server.url, token.secret)
    expect((await bot.get('/me')).body).toMatchObject({ workspace: { id: 'default' }, role: 'viewer' })
    const listed = await admin(url, ['token', 'list', '--workspace', 'default'], 'env')
    expect(listed.tokens.map((t: { name: string }) => t.name)).toContain('bot')

    await admin(url, ['token', 'revoke', '--workspace', 'default', token.token.id])
    expect((await bot.get('/me')).status).toBe(401)
    // Refusals come back as the socket's do.
    const refused = await runCli(['token', 'list', '--workspace', 'nope', '--database-url', url])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/^error: .*nope/m)

    const sql = postgres(url, { max: 1, onnotice: () => {} })
    try {
      const [{ n }] = await sql<Array<{ n: number }>>`select count(*)::int as n from lotledger.admin_requests`
      expect(n).toBe(0)
    } finally {
      await sql.end()
    }
  })

  it('copies a stopped data directory into an empty database, verified, and backs it up again as a data directory', { timeout: 180_000 }, async () => {
    const dir = await temp.make()
    const source = await LedgerStore.openDirectory(dir, { clock: new TestClock(), log: () => {} })
    await populate(source, new TestClock())
    const original = dumpState(source)
    await source.close()

    const url = await pg.createDatabase()
    const copied = await runCli(['migrate', '--data-dir', dir, '--to', url])
    expect(copied.code, copied.stderr).toBe(0)
    const info = JSON.parse(copied.stdout)
    expect(info).toMatchObject({ records: original.seq, digest: expect.stringMatching(/^[0-9a-f]{64}$/) })
    // Never over a ledger.
    const again = await runCli(['migrate', '--data-dir', dir, '--to', url])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('the database already holds a ledger: migrate into an empty database')

    const opened = await openPostgresStore(url, { clock: new TestClock(), url: () => '', log: () => {}, poolSize: 2 })
    try {
      expect(dumpState(opened.store)).toEqual(original)
      const sql = postgres(url, { max: 1, onnotice: () => {} })
      try {
        const [{ n }] = await sql<Array<{ n: number }>>`select count(*)::int as n from ledger.moves where workspace = 'acme'`
        expect(n).toBe(original.workspaces.find((w) => w.id === 'acme')!.moves.length)
      } finally {
        await sql.end()
      }
    } finally {
      await opened.store.close()
    }

    const dest = join(await temp.make(), 'backup')
    const backup = await runCli(['backup', dest, '--database-url', url])
    expect(backup.code, backup.stderr).toBe(0)
    expect(JSON.parse(backup.stdout)).toMatchObject({ dir: dest, records: original.seq, digest: info.digest })
    const restored = await LedgerStore.openDirectory(dest, { clock: new TestClock(), log: () => {} })
    try {
      expect(dumpState(restored)).toEqual(original)
    } finally {
      await restored.close()
    }
  })

  it('says why it cannot reach the database, without the password', { timeout: 60_000 }, async () => {
    const r = await runCli(['workspace', 'list', '--database-url', pg.url().replace(':throwaway@', ':wrong-secret@')])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^error: the database at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/postgres refused user postgres: wrong password/m)
    expect(r.stderr).not.toContain('wrong-secret')
  })
})
