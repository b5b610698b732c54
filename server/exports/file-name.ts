/** File names of reports (the Content-Disposition header that carries them: shared/content-disposition). */

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
