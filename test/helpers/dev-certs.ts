/**
 * A development CA and localhost certificate made by office-addin-dev-certs' own generator into a
 * directory of the test's, never installed or trusted anywhere: clients pass the CA explicitly.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { generateCertificates } from 'office-addin-dev-certs'

export interface DevCerts {
  caFile: string
  certFile: string
  keyFile: string
  ca: Buffer
}

export async function makeDevCerts(dir: string): Promise<DevCerts> {
  const caFile = join(dir, 'ca.crt')
  const certFile = join(dir, 'localhost.crt')
  const keyFile = join(dir, 'localhost.key')
  const log = console.log
  console.log = () => {} // it announces each generation
  try {
    await generateCertificates(caFile, certFile, keyFile, 2, ['127.0.0.1', 'localhost'])
  } finally {
    console.log = log
  }
  return { caFile, certFile, keyFile, ca: await readFile(caFile) }
}
