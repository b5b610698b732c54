import { describe, expect, it } from 'vitest'
import { apiErrorOf, isTransient } from '../../../../addin/src/api/errors'

describe('apiErrorOf', () => {
  it('reads the API error body: code, message and details', async () => {
    const err = await apiErrorOf(409, { error: { code: 'insufficient_stock', message: 'not enough MILK', details: [{ path: 'lines[0].qty', message: 'only 3' }] } })
    expect([err.status, err.code, err.message, err.details]).toEqual([409, 'insufficient_stock', 'not enough MILK', [{ path: 'lines[0].qty', message: 'only 3' }]])
    expect(err.isRejection).toBe(true)
  })

  it('names the status when the answer is not an API error (a proxy page, an unknown code)', async () => {
    for (const body of [null, '<html>Bad gateway</html>', { error: { code: 'no_such_code', message: 'x' } }, { error: 'x' }]) {
      const err = await apiErrorOf(502, body)
      expect([err.code, err.message]).toEqual(['http_502', 'the server answered 502'])
      expect(err.body).toBe(body)
      expect(isTransient(err)).toBe(true)
    }
  })
})
