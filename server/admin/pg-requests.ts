/**
 * The admin commands on a ledger in PostgreSQL. There is no data directory, hence no admin
 * socket: `npm run admin` leaves its request in `lotledger.admin_requests` and notifies; the
 * server that writes runs it through the same admin app as the socket's and writes the answer
 * back; the command reads it and deletes the row at once (an answer may hold a new token's
 * secret). When no server writes, the command takes the writer lease itself for the moment of
 * the command.
 */
import type { Sql } from 'postgres'
import type { LedgerStore } from '../store/ledger-store'
import { WRITER_LOCK } from '../store/pg/locks'
import { controlApp } from './control'

/** Channel on which the command announces a request. */
export const ADMIN_CHANNEL = 'lotledger_admin'
/** How often the writer looks for requests whose notification it missed. */
const POLL_MS = 1_000

/** An admin call: what the admin app takes. */
export interface AdminCall {
  method: string
  path: string
  body?: unknown
}

export interface AdminAnswer {
  status: number
  body: unknown
}

/** Runs `call` on `store` through the admin app. */
export async function runAdminCall(store: LedgerStore, call: AdminCall): Promise<AdminAnswer> {
  const res = await controlApp(store).request(call.path, {
    method: call.method,
    headers: { 'content-type': 'application/json' },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  })
  return { status: res.status, body: await res.json() }
}

/**
 * Serves the requests the admin command leaves, while `writing()` says this server writes (the
 * others leave them to it). Returns a function that stops serving.
 */
export async function serveAdminRequests(store: LedgerStore, sql: Sql, writing: () => boolean, log: (m: string) => void): Promise<() => Promise<void>> {
  let running: Promise<void> | null = null
  let again = false
  const serve = async () => {
    while (writing()) {
      const pending = await sql<Array<{ id: string; method: string; path: string; body: string | null }>>`
        select id, method, path, body from lotledger.admin_requests where done_at is null order by id limit 20`
      if (pending.length === 0) return
      for (const req of pending) {
        const answer = await runAdminCall(store, { method: req.method, path: req.path, body: req.body === null ? undefined : JSON.parse(req.body) })
        await sql`update lotledger.admin_requests set status = ${answer.status}, answer = ${JSON.stringify(answer.body)}, done_at = now()
          where id = ${req.id} and done_at is null`
      }
    }
  }
  const poke = () => {
    if (running) {
      again = true
      return
    }
    running = serve()
      .catch((err: unknown) => log(`lotledger: admin request failed: ${(err as Error).message}`))
      .finally(() => {
        running = null
        if (again) {
          again = false
          poke()
        }
      })
  }
  const listening = await sql.listen(ADMIN_CHANNEL, poke, poke)
  const timer = setInterval(poke, POLL_MS)
  timer.unref()
  return async () => {
    clearInterval(timer)
    await listening.unlisten().catch(() => {})
    await running
  }
}

/** True when a server holds the writer lease on this database (its session holds the lock). */
export async function writerRuns(sql: Sql): Promise<boolean> {
  const { classId, objId } = WRITER_LOCK
  const [{ held }] = await sql<Array<{ held: boolean }>>`
    select exists (select 1 from pg_locks where locktype = 'advisory' and classid = ${classId} and objid = ${objId} and objsubid = 2 and granted) as held`
  return held
}

/**
 * Leaves `call` for the server that writes and waits for its answer (null after `timeoutMs`:
 * the request is then withdrawn). The row goes as soon as the answer is read.
 */
export async function requestOfWriter(sql: Sql, call: AdminCall, timeoutMs = 15_000): Promise<AdminAnswer | null> {
  const [{ id }] = await sql<Array<{ id: string }>>`
    insert into lotledger.admin_requests (method, path, body) values (${call.method}, ${call.path}, ${call.body === undefined ? null : JSON.stringify(call.body)})
    returning id`
  await sql`select pg_notify(${ADMIN_CHANNEL}, ${id})`
  const deadline = Date.now() + timeoutMs
  try {
    for (;;) {
      const [row] = await sql<Array<{ status: number | null; answer: string | null }>>`
        select status, answer from lotledger.admin_requests where id = ${id}`
      if (row?.status != null) return { status: row.status, body: JSON.parse(row.answer ?? 'null') }
      if (Date.now() > deadline) return null
      await new Promise((r) => setTimeout(r, 50))
    }
  } finally {
    await sql`delete from lotledger.admin_requests where id = ${id}`
  }
}
