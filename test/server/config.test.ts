import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConfigError, defaultPublicUrl, readConfig } from '../../server/config'
import { makeDevCerts, type DevCerts } from '../helpers/dev-certs'
import { tempDirs } from '../helpers/temp'

const temp = tempDirs()
let certs: DevCerts
let other: DevCerts
beforeAll(async () => {
  certs = await makeDevCerts(await temp.make())
  other = await makeDevCerts(await temp.make())
})
afterAll(() => temp.cleanup())

describe('readConfig: TLS_CERT and TLS_KEY', () => {
  it('no TLS unless both are set', () => {
    expect(readConfig({}).tls).toBeUndefined()
    expect(readConfig({ TLS_CERT: '', TLS_KEY: '' }).tls).toBeUndefined()
  })

  it('reads both files at start', () => {
    const tls = readConfig({ TLS_CERT: certs.certFile, TLS_KEY: certs.keyFile }).tls!
    expect(tls.certFile).toBe(certs.certFile)
    expect(tls.keyFile).toBe(certs.keyFile)
    expect(tls.cert.toString()).toMatch(/^-----BEGIN CERTIFICATE-----/)
    expect(tls.key.toString()).toMatch(/-----BEGIN (RSA )?PRIVATE KEY-----/)
  })

  it('refuses one without the other', () => {
    expect(() => readConfig({ TLS_CERT: certs.certFile })).toThrow(new ConfigError('TLS_CERT and TLS_KEY go together: TLS_KEY is not set (npm run certs makes a development pair)'))
    expect(() => readConfig({ TLS_KEY: certs.keyFile })).toThrow(/TLS_CERT and TLS_KEY go together: TLS_CERT is not set/)
  })

  it('names a missing or unreadable file', async () => {
    const missing = join(certs.certFile, '..', 'nope.crt')
    expect(() => readConfig({ TLS_CERT: missing, TLS_KEY: certs.keyFile })).toThrow(`TLS_CERT: cannot read ${missing} (ENOENT)`)
    const dir = join(certs.keyFile, '..')
    expect(() => readConfig({ TLS_CERT: certs.certFile, TLS_KEY: dir })).toThrow(`TLS_KEY: cannot read ${dir} (EISDIR)`)
  })

  it('refuses files that are not a matching certificate and key', async () => {
    expect(() => readConfig({ TLS_CERT: certs.certFile, TLS_KEY: other.keyFile })).toThrow(/are not a matching PEM certificate and key: .*key values mismatch/)
    const junk = join(certs.certFile, '..', 'junk.pem')
    await writeFile(junk, 'not a certificate\n')
    expect(() => readConfig({ TLS_CERT: junk, TLS_KEY: certs.keyFile })).toThrow(ConfigError)
  })
})

describe('readConfig: PUBLIC_URL', () => {
  it('keeps the origin alone', () => {
    expect(readConfig({}).publicUrl).toBeUndefined()
    expect(readConfig({ PUBLIC_URL: 'https://lotledger.example.com' }).publicUrl).toBe('https://lotledger.example.com')
    expect(readConfig({ PUBLIC_URL: 'https://LotLedger.Example.com:443/' }).publicUrl).toBe('https://lotledger.example.com')
    expect(readConfig({ PUBLIC_URL: 'https://localhost:3000' }).publicUrl).toBe('https://localhost:3000')
  })

  it('refuses what is not an http(s) origin', () => {
    for (const bad of ['lotledger.example.com', 'ftp://example.com', 'https://example.com/lotledger', 'https://example.com/?a=1', 'https://u:p@example.com']) {
      expect(() => readConfig({ PUBLIC_URL: bad }), bad).toThrow(`PUBLIC_URL must be an origin such as https://lotledger.example.com (scheme, host and port only), not ${bad}`)
    }
  })
})

describe('readConfig: DATABASE_URL and PEER_URL', () => {
  it('takes a PostgreSQL URL as it is, and nothing without one', () => {
    expect(readConfig({}).databaseUrl).toBeUndefined()
    for (const url of ['postgres://lotledger:secret@db.example.com:5432/lotledger', 'postgresql://db/lotledger?sslmode=require']) {
      expect(readConfig({ DATABASE_URL: url }).databaseUrl).toBe(url)
    }
  })

  it('refuses what is not a PostgreSQL URL, without repeating it (it may hold a password)', () => {
    for (const bad of ['db.example.com', 'mysql://u:hunter2@db/x', 'http://db.example.com']) {
      let message = ''
      try {
        readConfig({ DATABASE_URL: bad })
      } catch (err) {
        message = (err as Error).message
      }
      expect(message, bad).toBe('DATABASE_URL must be a PostgreSQL URL such as postgres://lotledger:secret@db.example.com:5432/lotledger')
    }
  })

  it('takes PEER_URL as an origin', () => {
    expect(readConfig({}).peerUrl).toBeUndefined()
    expect(readConfig({ PEER_URL: 'http://10.0.0.5:3000/' }).peerUrl).toBe('http://10.0.0.5:3000')
    expect(() => readConfig({ PEER_URL: 'http://10.0.0.5:3000/api' })).toThrow('PEER_URL must be an origin such as http://10.0.0.5:3000 (scheme, host and port only), not http://10.0.0.5:3000/api')
  })
})

describe('defaultPublicUrl', () => {
  it('is https://localhost:<port> over TLS, else the address listened on', () => {
    expect(defaultPublicUrl(true, '127.0.0.1', 3000)).toBe('https://localhost:3000')
    expect(defaultPublicUrl(false, '127.0.0.1', 3000)).toBe('http://127.0.0.1:3000')
    expect(defaultPublicUrl(false, '::1', 8080)).toBe('http://[::1]:8080')
  })
})
