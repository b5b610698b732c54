import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { postgresForProcesses, postgresSkipped, type ThrowawayPostgres } from '../helpers/postgres'
import { LISTENING, PRINTED_TOKEN, spawnServer, startServerProcess } from '../helpers/process'
import { client } from '../helpers/server'
import { tempDirs } from '../helpers/temp'

const temp = tempDirs()

describe.skipIf(postgresSkipped())('server process on PostgreSQL (DATABASE_URL)', () => {
  let pg: ThrowawayPostgres
  postgresForProcesses(temp, (started) => (pg = started))

  it('keeps the ledger in the database, needs no data directory, and says so in health', { timeout: 90_000 }, async () => {
    const url = await pg.createDatabase()
    // A data directory that does not exist stays so: nothing is kept there.
    const unused = join(await temp.make(), 'not-used')
    const first = await startServerProcess(unused, { DATABASE_URL: url })
    expect(first.proc.stdout()).toContain('lotledger: created workspace "default"')
    expect(first.printedToken).toMatch(/^ll_/)
    expect(first.dataDir).toBe('PostgreSQL at ' + url.replace(':throwaway@', ':***@'))
    expect(first.proc.stdout() + first.proc.stderr()).not.toContain('throwaway@')

    const health = await fetch(`${first.url}/api/v1/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok', store: 'postgres', role: 'writer', seq: 2, records: 2 })

    const admin = client(first.url, first.printedToken!)
    const put = await admin.put('/products/MILK', { name: 'Milk 1L', tracking: 'lot' })
    expect(put.status).toBe(201)
    const op = await admin.post('/operations', {
      id: 'po-1', type: 'receipt', reference: 'PO-1', lines: [{ product: 'MILK', qty: 12, lot: 'L1' }],
    })
    expect(op.status).toBe(201)
    const after = await fetch(`${first.url}/api/v1/health`)
    // Every answer says which journal position it reflects.
    expect(after.headers.get('lotledger-seq')).toBe('4')
    expect(await after.json()).toMatchObject({ store: 'postgres', role: 'writer', seq: 4 })
    expect((await first.proc.stop('SIGTERM')).code).toBe(0)

    // A restart reads it back from the database, and makes no new workspace.
    const second = await startServerProcess(unused, { DATABASE_URL: url })
    expect(second.printedToken).toBeNull()
    expect(second.proc.stdout()).not.toContain('created workspace')
    const stock = await client(second.url, first.printedToken!).get('/stock?product=MILK')
    expect(stock.status).toBe(200)
    expect(JSON.stringify(stock.body)).toContain('"L1"')
    expect(existsSync(unused)).toBe(false)
  })

  it('stops with a message naming the database, without a stack or the password, when it cannot be used', { timeout: 90_000 }, async () => {
    const dir = await temp.make()
    const cases: Array<[string, RegExp]> = [
      [pg.url().replace(':throwaway@', ':wrong-secret@'), /^lotledger: the database at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/postgres refused user postgres: wrong password/m],
      [pg.url('missing_db'), /^lotledger: database "missing_db" does not exist at /m],
      ['postgres://lotledger:wrong-secret@127.0.0.1:1/lotledger', /^lotledger: cannot reach the database at postgres:\/\/lotledger:\*\*\*@127\.0\.0\.1:1\/lotledger: is PostgreSQL running there/m],
      ['mysql://lotledger@db/lotledger', /^lotledger: DATABASE_URL must be a PostgreSQL URL such as postgres:\/\//m],
    ]
    for (const [url, why] of cases) {
      const proc = spawnServer(dir, { DATABASE_URL: url })
      const exit = await proc.exited
      expect(exit.code, url).toBe(1)
      expect(proc.stderr(), url).toMatch(why)
      expect(proc.stderr(), url).not.toMatch(/\n\s+at /)
      expect(proc.stderr() + proc.stdout(), url).not.toContain('wrong-secret')
      expect(proc.stdout(), url).not.toMatch(LISTENING)
      expect(proc.stdout(), url).not.toMatch(PRINTED_TOKEN)
    }
  })
})
