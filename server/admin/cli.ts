/**
 * `npm run admin -- <command>`: workspaces, tokens and backups. Talks to the running server
 * through its admin socket, or opens the data directory itself when no server runs. On
 * PostgreSQL (--database-url, DATABASE_URL) the database carries the request (pg-requests.ts).
 */
import { request } from 'node:http'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { Sql } from 'postgres'
import { printable, printableJson } from '../cli/printable'
import { runMain, UsageError } from '../cli/run'
import { LedgerStore } from '../store/ledger-store'
import { lockOwner } from '../store/lock'
import { startFailureMessage } from '../store/pg/failures'
import { connect, DatabaseStartError, openPostgresStore } from '../store/pg/open'
import { CONTROL_SOCKET, controlApp } from './control'
import { backupDatabase, migrateDirectory } from './pg-copy'
import { requestOfWriter, runAdminCall, writerRuns } from './pg-requests'

const USAGE = `usage: npm run admin -- <command> [options]

  workspace create <id> [--name <name>]    create a workspace; prints its admin token once
  workspace list                           list workspaces
  token create --workspace <id> --role viewer|operator|admin --name <name>
                                           create a token; prints its secret once
  token list --workspace <id>              list a workspace's tokens
  token revoke --workspace <id> <token-id> revoke a token
  backup <directory>                       consistent copy of the data directory (live or stopped),
                                           or of the ledger in PostgreSQL as a data directory;
                                           start a server on the copy to restore it
  migrate --data-dir <dir> --to <url>      copy a stopped data directory into an empty PostgreSQL
                                           database, and verify the copy

options: --data-dir <dir> (default: $DATA_DIR or ./data)
         --database-url <url> (default: $DATABASE_URL): the ledger in PostgreSQL; the server that
                              writes runs the command, or the command itself when none runs`

interface Call {
  method: string
  path: string
  body?: unknown
}

function toCall(args: string[], values: Record<string, string | undefined>): Call {
  const [group, verb, arg] = args
  const need = (v: string | undefined, what: string) => {
    if (!v) throw new UsageError(`missing ${what}`)
    return v
  }
  const ws = () => encodeURIComponent(need(values.workspace, '--workspace'))
  switch (`${group} ${verb}`) {
    case 'workspace create':
      return { method: 'POST', path: '/workspaces', body: { id: need(arg, 'workspace id'), name: values.name } }
    case 'workspace list':
      return { method: 'GET', path: '/workspaces' }
    case 'token create':
      return { method: 'POST', path: `/workspaces/${ws()}/tokens`, body: { name: need(values.name, '--name'), role: need(values.role, '--role') } }
    case 'token list':
      return { method: 'GET', path: `/workspaces/${ws()}/tokens` }
    case 'token revoke':
      return { method: 'DELETE', path: `/workspaces/${ws()}/tokens/${encodeURIComponent(need(arg, 'token id'))}` }
  }
  if (group === 'backup') return { method: 'POST', path: '/backup', body: { dest: resolve(need(verb, 'backup directory')) } }
  throw new UsageError(`unknown command: ${args.join(' ') || '(none)'}`)
}

function viaSocket(socketPath: string, call: Call): Promise<{ status: number; body: unknown }> {
  return new Promise((done, fail) => {
    const payload = call.body === undefined ? undefined : JSON.stringify(call.body)
    const req = request(
      { socketPath, method: call.method, path: call.path, headers: payload ? { 'content-type': 'application/json' } : {} },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => (text += chunk))
        res.on('end', () => done({ status: res.statusCode ?? 0, body: JSON.parse(text || 'null') }))
      },
    )
    req.on('error', fail)
    req.end(payload)
  })
}

async function direct(dataDir: string, call: Call): Promise<{ status: number; body: unknown }> {
  const store = await LedgerStore.openDirectory(dataDir, { log: (m) => console.error(m) })
  try {
    const res = await controlApp(store).request(call.path, {
      method: call.method,
      headers: { 'content-type': 'application/json' },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    })
    return { status: res.status, body: await res.json() }
  } finally {
    await store.close()
  }
}

/**
 * The command on the ledger in PostgreSQL: run by the server that writes, or, when none runs,
 * by this command holding the writer lease for the moment.
 */
async function onDatabase(url: string, call: Call): Promise<{ status: number; body: unknown }> {
  return withDatabase(url, async (sql) => {
    if (await writerRuns(sql)) return await byWriter(sql, call)
    let opened: Awaited<ReturnType<typeof openPostgresStore>>
    try {
      opened = await openPostgresStore(url, { url: () => '', log: (m) => console.error(m), poolSize: 2 })
    } catch (err) {
      throw err instanceof DatabaseStartError ? new Error(err.message, { cause: err }) : err
    }
    try {
      await opened.node.start()
      // A server that started meanwhile writes: it runs the command.
      if (opened.node.role !== 'writer') return await byWriter(sql, call)
      return await runAdminCall(opened.store, call)
    } finally {
      await opened.store.close()
    }
  })
}

/** Runs `work` on a connection pool to `url`, saying why (without the password) when the database cannot be used. */
async function withDatabase<T>(url: string, work: (sql: Sql) => Promise<T>): Promise<T> {
  const sql = connect(url, 2)
  try {
    await sql`select 1`
  } catch (err) {
    await sql.end({ timeout: 1 }).catch(() => {})
    throw new Error(startFailureMessage(err, url), { cause: err })
  }
  try {
    return await work(sql)
  } finally {
    await sql.end({ timeout: 5 })
  }
}

async function byWriter(sql: Sql, call: Call): Promise<{ status: number; body: unknown }> {
  const answer = await requestOfWriter(sql, call)
  if (!answer) throw new Error('the server that writes to this database did not run the command within 15 s (it may have done it): check with workspace list or token list')
  return answer
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' }, 'database-url': { type: 'string' }, to: { type: 'string' }, workspace: { type: 'string' }, role: { type: 'string' },
        name: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (err) {
    throw new UsageError((err as Error).message, { cause: err })
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv)
  if (values.help || positionals.length === 0) {
    console.log(USAGE)
    return values.help ? 0 : 2
  }
  if (positionals[0] === 'migrate') {
    if (!values['data-dir'] || !values.to) throw new UsageError('migrate needs --data-dir <dir> and --to <PostgreSQL URL>')
    const info = await withDatabase(values.to, (sql) => migrateDirectory(resolve(values['data-dir']!), sql, values.to!, (m) => console.error(m)))
    console.log(printableJson(info))
    return 0
  }
  const call = toCall(positionals, values as Record<string, string | undefined>)
  // An explicit --data-dir wins over a DATABASE_URL in the environment.
  const databaseUrl = values['database-url'] ?? (values['data-dir'] === undefined ? process.env.DATABASE_URL || undefined : undefined)
  let answer: { status: number; body: unknown }
  if (databaseUrl !== undefined && call.path === '/backup') {
    const { dest } = call.body as { dest: string }
    answer = { status: 201, body: await withDatabase(databaseUrl, (sql) => backupDatabase(sql, dest, (m) => console.error(m))) }
  } else if (databaseUrl !== undefined) {
    answer = await onDatabase(databaseUrl, call)
  } else {
    const dataDir = resolve(values['data-dir'] ?? process.env.DATA_DIR ?? 'data')
    const running = await lockOwner(dataDir)
    answer = running ? await viaSocket(join(dataDir, CONTROL_SOCKET), call) : await direct(dataDir, call)
  }
  const { status, body } = answer
  if (status >= 400) {
    const err = (body as { error?: { message?: string } }).error
    console.error(`error: ${printable(err?.message ?? `status ${status}`)}`)
    return 1
  }
  console.log(printableJson(body))
  return 0
}

runMain(main, USAGE)
