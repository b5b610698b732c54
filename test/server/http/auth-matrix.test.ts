/**
 * The auth matrix, generated from the OpenAPI document the server serves: every route against
 * eight callers (no token, a malformed header, a wrong token, a revoked token, a viewer, an
 * operator, an admin, another workspace's admin). The routes come from the document, what each
 * needs from route-access.ts, so a new route fails here until its expectations are written down.
 * Each case makes what it reads or writes for itself: cases pass in any order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../shared/schemas/common'
import { ErrorBody } from '../../../shared/schemas/error'
import { AccessFixture } from '../../helpers/access-fixture'
import { dumpState } from '../../helpers/ledger-scenario'
import { fillPath, routesOf, servedDocument, type Route } from '../../helpers/openapi'
import { startServer, type TestServer } from '../../helpers/server'
import { ROUTE_ACCESS, type RouteAccess, type Sample } from './route-access'

const ROUTES = routesOf(await servedDocument())
const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 }
const CALLERS = ['no token', 'malformed header', 'wrong token', 'revoked token', 'viewer', 'operator', 'admin', "another workspace's admin"] as const
type Caller = (typeof CALLERS)[number]

let server: TestServer
/** Authorization headers of each caller (several malformed and wrong ones). */
let headers: Record<Caller, Array<string | undefined>>

beforeAll(async () => {
  server = await startServer({ memory: true })
  const secret = server.admin.token
  const revoked = await server.admin.post('/tokens', { name: 'revoked', role: 'admin' })
  expect((await server.admin.del(`/tokens/${revoked.body.token.id}`)).status).toBe(200)
  headers = {
    'no token': [undefined],
    'malformed header': [`Basic ${secret}`, 'Bearer', 'Bearer ', `Bearer ${secret} extra`, secret, `Token ${secret}`, `Bearer\u00a0${secret}`, `Bearer\t${secret}`],
    'wrong token': [`Bearer ll_${'A'.repeat(43)}`, `Bearer ${secret}x`, `Bearer ${secret.slice(0, -1)}`],
    'revoked token': [`Bearer ${revoked.body.secret}`],
    viewer: [`Bearer ${(await server.clientFor('viewer')).token}`],
    operator: [`Bearer ${(await server.clientFor('operator')).token}`],
    admin: [`Bearer ${secret}`],
    "another workspace's admin": [`Bearer ${(await server.workspace('elsewhere')).token}`],
  }
})

afterAll(async () => {
  await server?.close()
})

interface Answer {
  status: number
  contentType: string
  text: string
}

async function call(route: Route, sample: Sample, authorization: string | undefined): Promise<Answer> {
  const query = sample.query ? `?${new URLSearchParams(sample.query)}` : ''
  const init: RequestInit & { headers: Record<string, string> } = { method: route.method, headers: authorization === undefined ? {} : { authorization } }
  if (sample.json !== undefined) {
    init.headers['content-type'] = 'application/json'
    init.body = JSON.stringify(sample.json)
  } else if (sample.csv !== undefined) {
    const form = new FormData()
    form.append('file', new Blob([sample.csv], { type: 'text/csv' }), 'access.csv')
    init.body = form
  }
  const res = await fetch(`${server.url}/api/v1${fillPath(route.path, sample.params ?? {})}${query}`, init)
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() }
}

/** The ledger as plain data: all of it, and this workspace's part. */
function snapshot(): { all: string; mine: string } {
  const state = dumpState(server.store)
  return { all: JSON.stringify(state), mine: JSON.stringify(state.workspaces.find((w) => w.id === 'default')) }
}

/** The answer as a failure message shows it: JSON as text, a file by its type and size. */
const shown = (a: Answer) => `${a.status} ${a.contentType.startsWith('application/json') ? a.text.slice(0, 600) : `(${a.contentType}, ${a.text.length} characters)`}`

/** What a caller gets from a route: success, a refusal (with one of these statuses and codes), or the run of its own workspace. */
type Outcome =
  | { kind: 'success' }
  | { kind: 'refusal'; statuses: number[]; codes?: string[] }
  | { kind: 'own' }

function outcome(access: RouteAccess, caller: Caller): Outcome {
  if (access.role === 'public') return { kind: 'success' }
  switch (caller) {
    case 'no token':
    case 'malformed header':
    case 'wrong token':
    case 'revoked token':
      return { kind: 'refusal', statuses: [401], codes: ['unauthorized'] }
    case 'viewer':
    case 'operator':
    case 'admin':
      return RANK[caller] >= RANK[access.role] ? { kind: 'success' } : { kind: 'refusal', statuses: [403], codes: ['forbidden'] }
    case "another workspace's admin":
      return access.foreign === 'own' ? { kind: 'own' }
        : access.foreign === 'not_found' ? { kind: 'refusal', statuses: [403, 404], codes: ['forbidden', 'not_found'] }
        : { kind: 'refusal', statuses: [400, 403, 404, 409, 422] }
  }
}

/** Runs one caller against one route (variant) and checks its answers and the ledger after them. */
async function check(route: Route, access: RouteAccess, caller: Caller): Promise<void> {
  const fx = new AccessFixture(server.admin)
  const sample = await access.sample(fx)
  const expected = outcome(access, caller)
  const before = snapshot()
  const name = `${route.key}${access.label ? ` (${access.label})` : ''} as ${caller}`
  for (const authorization of headers[caller]) {
    const answer = await call(route, sample, authorization)
    const what = `${name} (${authorization ?? 'no header'}): ${shown(answer)}`
    switch (expected.kind) {
      case 'success':
        expect(answer.status, what).toBeGreaterThanOrEqual(200)
        expect(answer.status, what).toBeLessThan(300)
        break
      case 'refusal': {
        expect(expected.statuses, what).toContain(answer.status)
        const body = ErrorBody.parse(JSON.parse(answer.text))
        if (expected.codes) expect(expected.codes, what).toContain(body.error.code)
        break
      }
      case 'own':
        expect(answer.status, what).toBeLessThan(500)
        expect([401, 403], what).not.toContain(answer.status)
        if (route.method === 'GET') expect(answer.text.includes(fx.marker), `${what} shows this workspace's data`).toBe(false)
        break
    }
  }
  // A refusal changes nothing at all; another workspace's admin changes nothing of this workspace.
  if (expected.kind === 'refusal') expect(snapshot().all, `${name} changed the ledger`).toBe(before.all)
  if (expected.kind === 'own') expect(snapshot().mine, `${name} changed this workspace`).toBe(before.mine)
}

const variants = (key: string): RouteAccess[] => {
  const access = ROUTE_ACCESS[key]
  return access === undefined ? [] : Array.isArray(access) ? access : [access]
}

describe('the auth matrix of the OpenAPI document', () => {
  it('lists no route the document does not have', () => {
    const documented = new Set(ROUTES.map((r) => r.key))
    expect(Object.keys(ROUTE_ACCESS).filter((k) => !documented.has(k)), 'remove these from route-access.ts').toEqual([])
  })

  for (const route of ROUTES) {
    describe(route.key, () => {
      if (variants(route.key).length === 0) {
        it('has its expectations written down', () => {
          expect.fail(`${route.key} is in the OpenAPI document but not in test/server/http/route-access.ts: add it to ROUTE_ACCESS (the role it needs, what another workspace's admin gets, a request that succeeds)`)
        })
      }
      for (const access of variants(route.key)) {
        const name = access.label ? ` (${access.label})` : ''
        it(`documents what it answers${name}`, () => {
          expect(route.secured, 'a route needs a token exactly when it is not public').toBe(access.role !== 'public')
          const refusals = [
            ...(access.role === 'public' ? [] : [401]),
            ...(access.role === 'viewer' || access.role === 'public' ? [] : [403]),
            ...(access.foreign === 'not_found' ? [404] : access.foreign === 'refused' ? [400] : []),
          ]
          expect(route.statuses, `the OpenAPI document of ${route.key} should list its refusals`).toEqual(expect.arrayContaining(refusals))
        })
        for (const caller of CALLERS) {
          it(`${caller}${name}`, () => check(route, access, caller))
        }
      }
    })
  }
})
