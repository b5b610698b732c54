/**
 * The headers the task pane's pages and assets are served with: `X-Content-Type-Options: nosniff`
 * and a Content-Security-Policy that lets only our own code, office.js and what office.js loads
 * run, and only Office frame the pane.
 */
import type { MiddlewareHandler } from 'hono'

/** Where office.js and the host scripts it loads (excel-web-16.00.js, strings, telemetry) come from. */
const OFFICE_CDN = 'https://appsforoffice.microsoft.com'
/** office.js loads MicrosoftAjax.js from here when the host script has not brought it. */
const MICROSOFT_AJAX_CDN = 'https://ajax.aspnetcdn.com'
/** office.js's own telemetry: its oteljs sink posts to the regional collectors... */
const OFFICE_TELEMETRY = 'https://*.pipe.aria.microsoft.com'
/** ...and Excel's desktop host script frames a telemetry proxy page. */
const OFFICE_TELEMETRY_FRAME = 'https://telemetryservice.firstpartyapps.oaspapps.com'

/**
 * Who may show the pane in a frame: Office on the web. Frame-ancestors judges every ancestor, so
 * the pages around Excel's frame count too: Excel on the web runs on *.officeapps.live.com inside
 * SharePoint or OneDrive for work (*.sharepoint.com), OneDrive for home (onedrive.live.com), or
 * Microsoft 365 (*.office.com, *.microsoft365.com, *.cloud.microsoft, *.office365.com). Excel on
 * Windows and Mac load the pane as the top page of a web view: nothing frames it there.
 */
export const FRAME_ANCESTORS = [
  "'self'",
  'https://*.officeapps.live.com',
  'https://*.sharepoint.com',
  'https://onedrive.live.com',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
] as const

/**
 * The pane's policy. Scripts: ours, office.js and what it loads, never inline or eval (neither
 * office.js, its host scripts nor our bundle evaluates text). Styles: inline allowed, as Office's
 * host script on the web styles its own elements inline. Frames inside the pane: office.js's
 * error page from its CDN and its telemetry proxy. Downloads are blob: links, which CSP does not govern.
 */
export const PANE_CSP = [
  "default-src 'self'",
  `script-src 'self' ${OFFICE_CDN} ${MICROSOFT_AJAX_CDN}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self' ${OFFICE_TELEMETRY}`,
  `frame-src 'self' ${OFFICE_CDN} ${OFFICE_TELEMETRY_FRAME}`,
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ')

/** Sets the pane's headers on every answer of the routes it wraps, errors and redirects included. */
export function paneSecurityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    c.res.headers.set('X-Content-Type-Options', 'nosniff')
    c.res.headers.set('Content-Security-Policy', PANE_CSP)
  }
}
