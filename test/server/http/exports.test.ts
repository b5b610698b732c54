import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPORTS } from '../../../server/exports/catalog'
import { TestClock } from '../../helpers/clock'
import { seedCatalogue } from '../../helpers/fixtures'
import { startServer, type TestServer } from '../../helpers/server'
import { XLSX_MIME } from '../../../shared/xlsx'
import { download, seedReports } from '../exports/helpers'

let server: TestServer

beforeAll(async () => {
  server = await startServer({ clock: new TestClock('2026-06-15T10:00:00Z') })
  await seedCatalogue(server.admin)
  await seedReports(server.admin)
})
afterAll(() => server.close())

async function refused(path: string, token = server.admin.token) {
  const res = await fetch(`${server.url}/api/v1/exports/${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  return { status: res.status, error: ((await res.json()) as { error: { code: string; message: string; details?: Array<{ path: string }> } }).error }
}

describe('GET /api/v1/exports: who may, and what is refused', () => {
  it('every report is there for viewers, as an .xlsx download', async () => {
    const viewer = await server.clientFor('viewer')
    const queries: Record<string, string> = {
      trace: 'product=MILK&lot=L1', recall: 'product=MILK&lot=L1', 'delivery-slip': `reference=${encodeURIComponent('WH/OUT/1')}`,
      'recall-case': 'id=rc-exports',
    }
    expect((await server.admin.post('/recalls', { id: 'rc-exports', product: 'MILK', lot: 'L1', reason: 'Export check' })).status).toBe(201)
    // Closed at once: the hold is not what the other cases here look at.
    expect((await server.admin.post('/recalls/rc-exports/close', { reason: 'Export checked' })).status).toBe(200)
    for (const name of Object.keys(REPORTS)) {
      const res = await download(server.url, viewer, `${name}.xlsx${queries[name] ? `?${queries[name]}` : ''}`)
      expect(res.status, name).toBe(200)
      expect(res.headers.get('content-type')).toBe(XLSX_MIME)
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+ 2026-06-15\.xlsx"; filename\*=UTF-8''/)
      expect(res.headers.get('cache-control')).toBe('no-store')
      expect(res.bytes.subarray(0, 2).toString()).toBe('PK')
    }
  })

  it('unknown lots, products, locations and reports answer 404 as JSON', async () => {
    expect(await refused('trace.xlsx?product=MILK&lot=NOPE')).toMatchObject({ status: 404, error: { code: 'not_found', message: 'lot NOPE of product MILK not found' } })
    expect(await refused('recall.xlsx?product=NOPE&lot=L1')).toMatchObject({ status: 404, error: { code: 'not_found', message: 'product NOPE not found' } })
    expect(await refused('stock.xlsx?location=Nowhere')).toMatchObject({ status: 404, error: { code: 'not_found' } })
    expect(await refused('lots.xlsx?product=NOPE')).toMatchObject({ status: 404, error: { code: 'not_found' } })
    expect(await refused('moves.xlsx?product=MILK&lot=NOPE')).toMatchObject({ status: 404, error: { code: 'not_found' } })
    expect(await refused('moves.xlsx?location=Nowhere')).toMatchObject({ status: 404, error: { code: 'not_found' } })
    expect(await refused('invoices.xlsx')).toMatchObject({ status: 404, error: { code: 'not_found' } })
  })

  it('bad filters answer 400 naming them', async () => {
    const cases: Array<[string, string]> = [
      ['trace.xlsx?product=MILK', 'lot'],
      ['trace.xlsx?product=MILK&lot=L1&direction=sideways', 'direction'],
      ['moves.xlsx?after=2026-02-30', 'after'],
      ['moves.xlsx?before=yesterday', 'before'],
      ['moves.xlsx?after=2026-06-05&before=2026-06-01', 'after'],
      ['audit.xlsx?after=2026-06-05&before=2026-06-05', 'after'],
      ['lots.xlsx?lot=L1', '(query)'],
      ['expiring.xlsx?product=MILK', '(query)'],
    ]
    for (const [path, field] of cases) {
      const r = await refused(path)
      expect(r.status, path).toBe(400)
      expect(r.error.code).toBe('validation_failed')
      expect(r.error.details?.map((d) => d.path), path).toContain(field)
    }
  })

  it('needs a token, and sees only its own workspace', async () => {
    expect(await refused('stock.xlsx', '')).toMatchObject({ status: 401, error: { code: 'unauthorized' } })
    expect(await refused('stock.xlsx', 'll_not-a-token')).toMatchObject({ status: 401 })
    const other = await server.workspace('elsewhere')
    expect(await refused('trace.xlsx?product=MILK&lot=L1', other.token)).toMatchObject({ status: 404 })
    expect(await refused(`delivery-slip.xlsx?reference=${encodeURIComponent('WH/OUT/1')}`, other.token)).toMatchObject({ status: 404 })
  })

  it('HEAD answers the headers without writing a file', async () => {
    const res = await fetch(`${server.url}/api/v1/exports/moves.xlsx`, { method: 'HEAD', headers: { authorization: `Bearer ${server.admin.token}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe(XLSX_MIME)
    expect(res.headers.get('content-disposition')).toContain('filename="Moves 2026-06-15.xlsx"')
    expect((await res.arrayBuffer()).byteLength).toBe(0)
  })

  it('is in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, { get: { responses: Record<string, { content: Record<string, unknown> }> } }> }
    for (const name of Object.keys(REPORTS)) {
      const path = doc.paths[`/api/v1/exports/${name}.xlsx`]
      expect(path, name).toBeDefined()
      expect(Object.keys(path.get.responses[200].content)).toEqual([XLSX_MIME])
    }
  })
})
