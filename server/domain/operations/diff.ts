/** Where two versions of a submitted operation differ: the details of `exists_with_different_fields`. */
import type { ErrorDetail } from '../../../shared/schemas/error'

const MAX_DETAILS = 20

/** Paths where `now` differs from `was`, with both values, at most 20. */
export function diffFields(was: unknown, now: unknown, path = '', out: ErrorDetail[] = []): ErrorDetail[] {
  if (out.length >= MAX_DETAILS) return out
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (Array.isArray(was) && Array.isArray(now)) {
    if (was.length !== now.length) out.push({ path: path || '(body)', message: `had ${was.length} entries, now ${now.length}` })
    for (let i = 0; i < Math.min(was.length, now.length); i++) diffFields(was[i], now[i], `${path}[${i}]`, out)
    return out
  }
  if (isObj(was) && isObj(now)) {
    const keys = [...new Set([...Object.keys(was), ...Object.keys(now)])].sort()
    for (const k of keys) diffFields(was[k], now[k], path ? `${path}.${k}` : k, out)
    return out
  }
  if (JSON.stringify(was) !== JSON.stringify(now)) {
    out.push({ path: path || '(body)', message: `was ${JSON.stringify(was) ?? 'absent'}, now ${JSON.stringify(now) ?? 'absent'}` })
  }
  return out
}
