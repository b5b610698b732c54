/** A TCP port on 127.0.0.1 that nothing listens on now (a server of the tests' own takes it next). */
import { createServer } from 'node:net'

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  await new Promise<void>((done) => server.close(() => done()))
  if (!address || typeof address !== 'object') throw new Error('no free port')
  return address.port
}
