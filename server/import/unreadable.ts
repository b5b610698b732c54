/** The refusal of a file an import cannot read: a sentence that names the file and says why. */
import { LedgerError } from '../domain/errors'
import { excerpt } from './excerpt'

/**
 * `unreadable_file` (422): `<file> cannot be read: <why>`. `cause`: the failure behind it, kept
 * for the log, never shown.
 */
export function unreadable(file: string, why: string, cause?: unknown): LedgerError {
  return new LedgerError('unreadable_file', `${excerpt(file, 120)} cannot be read: ${why}`, [{ path: 'file', message: why }], cause === undefined ? undefined : { cause })
}
