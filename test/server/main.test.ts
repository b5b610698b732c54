import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createWorkspaceWithAdmin } from '../../server/admin/bootstrap'
import { LedgerStore } from '../../server/store/ledger-store'
import { killStarted, LISTENING, PRINTED_TOKEN, spawnServer, startServerProcess } from '../helpers/process'
import { client } from '../helpers/server'
import { tempDirs } from '../helpers/temp'

const temp = tempDirs()

afterEach(async () => {
  await killStarted()
  await temp.cleanup()
})

describe('server process (npm start)', () => {
  it('on first start creates workspace default and prints a working admin token once', { timeout: 60_000 }, async () => {
    const dir = await temp.make()
    const server = await startServerProcess(dir)
    expect(server.proc.stdout()).toContain('lotledger: created workspace "default"')
    expect(server.printedToken).toMatch(/^ll_[A-Za-z0-9_-]{20,}$/)
    expect(server.proc.stdout().match(new RegExp(PRINTED_TOKEN, 'g'))).toHaveLength(1)

    const admin = client(server.url, server.printedToken!)
    const me = await admin.get('/me')
    expect(me.status).toBe(200)
    expect(me.body.workspace.id).toBe('default')
    expect(me.body.role).toBe('admin')
    // A made-up token is refused, so the 200 above really came from the printed one.
    expect((await client(server.url, 'll_not-a-real-token').get('/me')).status).toBe(401)
  })

  it('prints where it listens: host, the port it got and the data directory', { timeout: 60_000 }, async () => {
    const dir = await temp.make()
    const server = await startServerProcess(dir)
    const m = server.proc.stdout().match(LISTENING)!
    expect(m[1]).toBe(`http://127.0.0.1:${server.port}`)
    expect(server.port).toBeGreaterThan(0)
    expect(server.dataDir).toBe(dir)
    const health = await fetch(`${server.url}/api/v1/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok', records: 2 })
  })

  it('uses LOTLEDGER_ADMIN_TOKEN as the admin token and does not print it', { timeout: 60_000 }, async () => {
    const dir = await temp.make()
    // What `openssl rand -base64 32` prints.
    const secret = randomBytes(32).toString('base64')
    const server = await startServerProcess(dir, { LOTLEDGER_ADMIN_TOKEN: secret })
    expect(server.proc.stdout()).toContain('created workspace "default"')
    expect(server.printedToken).toBeNull()
    expect(server.proc.stdout() + server.proc.stderr()).not.toContain(secret)
    const me = await client(server.url, secret).get('/me')
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ workspace: { id: 'default' }, role: 'admin' })
    // The secret never reaches the disk: only its hash.
    expect(await readFile(join(dir, 'journal.ndjson'), 'utf8')).not.toContain(secret)
  })

  it('refuses a LOTLEDGER_ADMIN_TOKEN that is short or not random, saying why, and keeps nothing of it', { timeout: 120_000 }, async () => {
    const dir = await temp.make()
    const weak: Array<[string, RegExp]> = [
      ['short', /must be at least 32 characters \(it has 5\)/],
      ['my-own-admin-secret-0123456789', /must be at least 32 characters \(it has 30\)/],
      ['changeme-changeme-changeme-changeme', /repeats a run of 8 characters/],
      ['correct horse battery staple extra words', /without spaces/],
      ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', /at least 8 different characters/],
    ]
    for (const [secret, why] of weak) {
      const proc = spawnServer(dir, { LOTLEDGER_ADMIN_TOKEN: secret })
      const exit = await proc.exited
      expect(exit.code, secret).toBe(1)
      expect(proc.stderr(), secret).toMatch(/^lotledger: LOTLEDGER_ADMIN_TOKEN .*openssl rand -base64 32/m)
      expect(proc.stderr(), secret).toMatch(why)
      expect(proc.stderr(), secret).not.toMatch(/\n\s+at /)
      expect(proc.stdout(), secret).not.toMatch(LISTENING)
    }
    // Nothing was made from them: the next start without one is a first start.
    const server = await startServerProcess(dir)
    expect(server.printedToken).toMatch(/^ll_/)
    for (const [secret] of weak) expect((await client(server.url, secret).get('/me')).status).toBe(401)
  })

  it('keeps the admin token of a ledger made before the rule working, and says the variable is not used', { timeout: 60_000 }, async () => {
    const dir = await temp.make()
    // A ledger whose first admin token came from a 16-character LOTLEDGER_ADMIN_TOKEN, as was allowed.
    const old = 'sixteen-chars-ok'
    const store = await LedgerStore.openDirectory(dir, { log: () => {} })
    await createWorkspaceWithAdmin(store, 'default', 'Default', old)
    await store.close()
    const server = await startServerProcess(dir, { LOTLEDGER_ADMIN_TOKEN: old })
    expect((await client(server.url, old).get('/me')).body).toMatchObject({ workspace: { id: 'default' }, role: 'admin' })
    expect(server.proc.stderr()).toContain('lotledger: LOTLEDGER_ADMIN_TOKEN is not used: the data directory has its workspaces and tokens already')
    expect(server.proc.stdout() + server.proc.stderr()).not.toContain(old)
  })

  it('a second server on the same DATA_DIR exits non-zero, naming the directory in use', { timeout: 60_000 }, async () => {
    const dir = await temp.make()
    const first = await startServerProcess(dir)
    const second = spawnServer(dir)
    const exit = await second.exited
    expect(exit.code).not.toBe(0)
    expect(exit.code).not.toBeNull()
    expect(second.stderr()).toContain(`data directory ${dir} is in use by process ${first.proc.pid}`)
    expect(second.stdout()).not.toMatch(LISTENING)
    // The first server is untouched: still serving, still holding the lock.
    expect((await client(first.url, first.printedToken!).get('/me')).status).toBe(200)
    expect(JSON.parse(await readFile(join(dir, 'LOCK'), 'utf8')).pid).toBe(first.proc.pid)
  })

  it('stops on SIGTERM and restarts with its data intact and no new admin token', { timeout: 90_000 }, async () => {
    const dir = await temp.make()
    const first = await startServerProcess(dir)
    const token = first.printedToken!
    const admin = client(first.url, token)
    const put = await admin.put('/products/MILK-1L', { name: 'Milk 1L – Crème', uom: 'L', tracking: 'lot' })
    expect(put.status).toBe(201)
    const op = await admin.post('/operations', {
      id: 'before-restart', type: 'receipt', reference: 'WH/IN/1', lines: [{ product: 'MILK-1L', qty: 12, lot: 'L-1' }],
    })
    expect(op.status).toBe(201)

    const exit = await first.proc.stop('SIGTERM')
    expect(exit).toEqual({ code: 0, signal: null })
    expect(first.proc.stdout()).toContain('lotledger: SIGTERM, stopping')
    // A clean stop leaves no lock and no admin socket behind.
    await expect(readFile(join(dir, 'LOCK'))).rejects.toMatchObject({ code: 'ENOENT' })
    await expect(readFile(join(dir, 'admin.sock'))).rejects.toMatchObject({ code: 'ENOENT' })

    const second = await startServerProcess(dir)
    expect(second.printedToken).toBeNull()
    expect(second.proc.stdout()).not.toContain('admin token')
    expect(second.proc.stdout()).not.toContain('created workspace')
    const again = client(second.url, token)
    expect((await again.get('/me')).status).toBe(200)
    const product = await again.get('/products/MILK-1L')
    expect(product.status).toBe(200)
    expect(product.body).toMatchObject({ sku: 'MILK-1L', name: 'Milk 1L – Crème', uom: 'L', tracking: 'lot' })
    const stored = await again.get('/operations/before-restart')
    expect(stored.status).toBe(200)
    expect(stored.body).toEqual(op.body)
    const stock = await again.get('/stock')
    expect(stock.body.quants).toEqual([{ product: 'MILK-1L', lot: 'L-1', location: 'WH/Stock', package: null, qty: 12, uom: 'L', expirationDate: null, alertDate: null }])
  })
})
