/**
 * Every write route of the OpenAPI document the server serves, fuzzed through a real server: its
 * inputs derived from the document's schemas (valid, at their edges, mutated, broken on the
 * wire). Whatever arrives, the server never answers 5xx; every refusal has the one error shape
 * with a known code and the status that code answers with; and a refused request leaves the
 * ledger exactly as it was. Seeded: the seed is in each test's name, and a failure prints it with
 * the smallest failing request as a curl command. LOTLEDGER_FUZZ_SEED and LOTLEDGER_FUZZ_RUNS
 * (per route) explore further. Requests that once answered 5xx (fuzz-cases.ts) go first on every run.
 */
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { statusOf } from '../../../server/http/errors'
import { ErrorBody } from '../../../shared/schemas/error'
import { XLSX_MIME } from '../../../shared/xlsx'
import { TestClock } from '../../helpers/clock'
import { printable, requestArbitrary, type FuzzContext } from '../../helpers/fuzz-requests'
import { fuzzWorkspace } from '../../helpers/fuzz-workspace'
import { dumpState } from '../../helpers/ledger-scenario'
import { servedDocument, writeRoutes, type Route } from '../../helpers/openapi'
import { startServer, type TestServer } from '../../helpers/server'
import { describeRequest, send, type WireRequest } from '../../helpers/wire'
import { caseRequest, FUZZ_CASES } from './fuzz-cases'

const SEED = Number(process.env.LOTLEDGER_FUZZ_SEED ?? 20261127)
const RUNS = Number(process.env.LOTLEDGER_FUZZ_RUNS ?? 300)

const doc = await servedDocument()
let server: TestServer
let base: Omit<FuzzContext, 'doc'>

/** Everything the ledger holds, as a digest: compared before and after each refused request. */
const digest = () => createHash('sha256').update(JSON.stringify(dumpState(server.store))).digest('hex')

beforeAll(async () => {
  const clock = new TestClock('2026-06-15T10:00:00Z')
  server = await startServer({ clock, memory: true })
  const ws = await fuzzWorkspace(server, clock)
  base = { token: ws.token, pools: ws.pools, fresh: ws.fresh }
})

afterAll(async () => {
  await server?.close()
})

/** Sends `req` and checks the three properties; throws with the request as a curl command. */
async function check(req: WireRequest): Promise<void> {
  const before = digest()
  const reply = await send(server.url, req).catch((err: unknown) => {
    throw new Error(`the answer broke off (${String(err)}) for ${describeRequest(req)}`, { cause: err })
  })
  const answer = reply.contentType.startsWith('application/json') ? reply.text.slice(0, 500) : `(${reply.contentType}, ${reply.text.length} characters)`
  const what = `${reply.status} ${answer}\nfor ${describeRequest(req)}`
  expect(reply.status, `a server error: ${what}`).toBeLessThan(500)
  if (reply.status < 400) return
  if (reply.contentType === XLSX_MIME) {
    // The one refusal that is not JSON: an import asked for as a workbook answers it annotated.
    expect(reply.status, `a workbook refusal other than an import's: ${what}`).toBe(422)
    expect(req.path, `a workbook refusal other than an import's: ${what}`).toMatch(/^\/imports\?(.*&)?format=xlsx/)
    expect(JSON.parse(reply.headers.get('x-lotledger-import') ?? 'null')?.problems, `an annotated refusal without problems: ${what}`).toBeGreaterThan(0)
  } else {
    expect(reply.contentType, `a refusal that is not JSON: ${what}`).toMatch(/^application\/json/)
    const parsed = ErrorBody.safeParse(JSON.parse(reply.text))
    expect(parsed.success, `a refusal without the error shape or with an unknown code: ${what}`).toBe(true)
    expect(reply.status, `a refusal whose status is not its code's: ${what}`).toBe(statusOf(parsed.data!.error.code))
  }
  expect(digest(), `a refused request changed the ledger: ${what}`).toBe(before)
}

/** The pools a route's parameters draw from: a token route's `{id}` is a token's, a recall route's a recall's. */
function contextFor(route: Route): FuzzContext {
  const pools =
    route.path.startsWith('/tokens/') ? { ...base.pools, id: base.pools.tokenId }
    : route.path.startsWith('/recalls/') ? { ...base.pools, id: base.pools.recallId }
    : base.pools
  return { ...base, doc, pools }
}

describe(`every write route of the OpenAPI document, fuzzed (seed ${SEED}, ${RUNS} requests a route)`, () => {
  it('finds the write routes in the document', () => {
    // The tests below are what the document lists: an empty or shrunken list would prove nothing.
    const keys = writeRoutes(doc).map((r) => r.key)
    expect(keys).toEqual(expect.arrayContaining(['POST /operations', 'PUT /products/{sku}', 'POST /imports', 'DELETE /tokens/{id}']))
    // A known case under a route the document no longer has would never run.
    expect(keys).toEqual(expect.arrayContaining(Object.keys(FUZZ_CASES)))
  })

  for (const route of writeRoutes(doc)) {
    it(`${route.key}: never 5xx, refusals in the one error shape, and nothing changed by a refusal`, async () => {
      const examples = (FUZZ_CASES[route.key] ?? []).map((c): [WireRequest] => [printable(caseRequest(c, base.token))])
      await fc.assert(fc.asyncProperty(requestArbitrary(route, contextFor(route)), check), { seed: SEED, numRuns: RUNS, examples })
    }, 60_000)
  }
})
