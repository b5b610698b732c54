/**
 * `npm run certs`: a development certificate for https://localhost, trusted on this machine, so
 * that Office (desktop and web) loads the add-in from `npm start`.
 *
 * office-addin-dev-certs makes a CA ("Developer CA for Microsoft Office Add-ins") and a localhost
 * certificate signed by it in ~/.office-addin-dev-certs, then installs the CA as trusted (this
 * asks for your password: sudo on Linux, the keychain on macOS, a prompt on Windows). Nothing is
 * redone while the existing pair is valid and trusted. Prints how to start the server with it.
 */
import { ensureCertificatesAreInstalled } from 'office-addin-dev-certs'
import { localhostCertificatePath, localhostKeyPath } from 'office-addin-dev-certs/lib/defaults.js'

/** Days the certificates are valid for (then run `npm run certs` again). */
const DAYS = 30
const ORIGIN = 'https://localhost:3000'

/** `value` quoted for the shell that will run the printed command, when it needs quoting. */
function quote(value: string): string {
  if (process.platform === 'win32') return `"${value}"`
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`
}

try {
  await ensureCertificatesAreInstalled(DAYS)
} catch (err) {
  console.error(`lotledger: could not make or trust the development certificate: ${(err as Error).message}`)
  process.exit(1)
}

console.log(`
lotledger: development certificate ready (valid ${DAYS} days; run npm run certs again after that)
  certificate: ${localhostCertificatePath}
  key:         ${localhostKeyPath}

Start the server over HTTPS with:
`)
if (process.platform === 'win32') {
  console.log(
    `  $env:TLS_CERT=${quote(localhostCertificatePath)}; $env:TLS_KEY=${quote(localhostKeyPath)}; ` +
      `$env:PUBLIC_URL="${ORIGIN}"; npm start        # PowerShell`,
  )
  console.log(`  set "TLS_CERT=${localhostCertificatePath}" && set "TLS_KEY=${localhostKeyPath}" && set "PUBLIC_URL=${ORIGIN}" && npm start   :: cmd`)
} else {
  console.log(`  TLS_CERT=${quote(localhostCertificatePath)} TLS_KEY=${quote(localhostKeyPath)} PUBLIC_URL=${ORIGIN} npm start`)
}
console.log(`\nthen sideload ${ORIGIN}/manifest.xml (README: "Excel add-in: install").`)
