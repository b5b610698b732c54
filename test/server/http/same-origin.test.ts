import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type TestServer } from '../../helpers/server'

// The pane is served from the API's origin, so the API grants no other origin anything: a page
// elsewhere must not be able to read it with a user's token, nor be told it may try.
describe('same origin only: no CORS', () => {
  let server: TestServer
  const origin = 'https://elsewhere.example.com'
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(async () => {
    await server?.close()
  })

  const corsHeaders = (res: Response) => [...res.headers.keys()].filter((k) => k.startsWith('access-control-'))

  it('a cross-origin GET gets its answer without any Access-Control-* header', async () => {
    for (const [path, auth] of [['/api/v1/health', false], ['/api/v1/me', true], ['/api/v1/openapi.json', false], ['/manifest.xml', false]] as const) {
      const res = await fetch(`${server.url}${path}`, {
        headers: { origin, ...(auth ? { authorization: `Bearer ${server.admin.token}` } : {}) },
      })
      expect(res.status, path).toBe(200)
      expect(corsHeaders(res), path).toEqual([])
      await res.arrayBuffer()
    }
  })

  it('a preflight is not approved', async () => {
    const res = await fetch(`${server.url}/api/v1/products/MILK`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization, content-type' },
    })
    expect(res.status).not.toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    expect(res.headers.get('access-control-allow-methods')).toBeNull()
    expect(res.headers.get('access-control-allow-headers')).toBeNull()
    await res.arrayBuffer()
  })
})
