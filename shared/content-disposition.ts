/**
 * The Content-Disposition header that carries a download's file name, written by the server and
 * read by the pane and the command line.
 */

/** Control characters and the invisible marks that reorder text: never part of a file name. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/**
 * `attachment` with the name twice: plain ASCII for old clients, and UTF-8 (RFC 6266 / 5987)
 * for the others. Control and direction-changing characters are left out of both.
 */
export function contentDisposition(fileName: string): string {
  const name = fileName.replace(INVISIBLE, '')
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}

/** The file name a Content-Disposition header gives (the UTF-8 form when present), or null. */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim())
    } catch {
      // A broken UTF-8 form: the plain one below still names the file.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(header)
  const name = plain ? (plain[1] ?? plain[2]).trim() : ''
  return name || null
}
