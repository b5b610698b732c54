/** The limit on a request body's size (413 beyond it). */
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit as streamingBodyLimit } from 'hono/body-limit'
import type { AppEnv } from './context'

/**
 * Refuses a body over `maxSize` bytes. A body announced by Content-Length is judged by that header
 * alone (node's HTTP parser ends the body there), which leaves the request as node-server made
 * it: a route reading JSON then takes the bytes straight from node's request, where looking at
 * `c.req.raw.body`, as Hono's own middleware does first, builds a whole web Request with its
 * streams for every request, a GET included (a sixth of a 1-line write's CPU in a profile). A
 * body without Content-Length (chunked) is counted as it streams, by Hono's middleware.
 */
export function bodyLimit(maxSize: number, onError: (c: Context<AppEnv>) => Response | Promise<Response>): MiddlewareHandler<AppEnv> {
  const streaming = streamingBodyLimit({ maxSize, onError })
  return async (c, next) => {
    const length = c.req.header('content-length')
    if (c.req.header('transfer-encoding') !== undefined) return streaming(c, next)
    if (length === undefined) return next()
    return Number(length) > maxSize ? onError(c) : next()
  }
}
