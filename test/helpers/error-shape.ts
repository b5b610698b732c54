/** The API's one error shape, checked the same way in every test that meets an error. */
import { expect } from 'vitest'
import type { Reply } from './server'

/** Checks the one error shape: `{error: {code, message, details?}}` and nothing else. */
export function expectErrorShape(r: Reply, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status)
  expect(Object.keys(r.body)).toEqual(['error'])
  const keys = Object.keys(r.body.error).sort()
  expect(keys.every((k) => ['code', 'details', 'message'].includes(k)), keys.join()).toBe(true)
  expect(r.body.error.code).toBe(code)
  expect(typeof r.body.error.message).toBe('string')
  expect(r.body.error.message.length).toBeGreaterThan(0)
  if ('details' in r.body.error) {
    expect(Array.isArray(r.body.error.details)).toBe(true)
    expect(r.body.error.details.length).toBeGreaterThan(0)
    for (const d of r.body.error.details) {
      expect(Object.keys(d).sort()).toEqual(['message', 'path'])
      expect(typeof d.path).toBe('string')
      expect(typeof d.message).toBe('string')
    }
  }
}

/** The paths the details of an error answer name. */
export const errorPaths = (r: Reply): string[] => r.body.error.details.map((d: { path: string }) => d.path)
