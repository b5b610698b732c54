/** File names of reports, and the Content-Disposition header that carries them. */

/** Characters file systems refuse (Windows' set, which covers the others) and control characters. */
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g

/** `parts` joined by spaces into a file name that every system accepts, with `.xlsx`. */
export function reportFileName(parts: Array<string | null | undefined>): string {
  const base = parts
    .filter((p): p is string => typeof p === 'string' && p !== '')
    .join(' ')
    .replace(UNSAFE, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 150)
    .replace(/[. ]+$/, '')
  return `${base || 'report'}.xlsx`
}

/**
 * `attachment` with the name twice: plain ASCII for old clients, and UTF-8 (RFC 6266 / 5987)
 * for the others.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
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
      // fall back to the plain form
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(header)
  const name = plain ? (plain[1] ?? plain[2]).trim() : ''
  return name || null
}
