/**
 * The words of an import's Status column, one vocabulary wherever a row's outcome is written:
 * the add-in's Status column in the open workbook, the server's annotated file, the README.
 *
 * - `Imported`: the row was applied (an import with no problem);
 * - `OK`: the row is fine, nothing was applied (a check, or an import refused for other rows);
 * - `Already imported`: the ledger has it already, nothing to do;
 * - `Error: …`: what is wrong with the row.
 */
import type { RowStatus } from './report'

export const STATUS_WORDS = { imported: 'Imported', ok: 'OK', unchanged: 'Already imported', error: 'Error' } as const

/** A row's Status cell: its outcome in the vocabulary above (`applied`: the import was kept). */
export function statusText(row: { status: RowStatus; message: string }, applied: boolean): string {
  switch (row.status) {
    case 'error':
      return `${STATUS_WORDS.error}: ${row.message}`
    case 'unchanged':
      return STATUS_WORDS.unchanged
    case 'ok':
      return applied ? STATUS_WORDS.imported : STATUS_WORDS.ok
  }
}

/** The header of the Status column, in the pane's sheet and in the annotated file alike. */
export const STATUS_HEADER = 'Status'

/**
 * The index of the Status column an earlier check left in `headers`, or -1: the last header
 * that is not blank, when it reads Status. It is the import's own column, never data: a checked
 * file imports again with its Status column rewritten in place.
 */
export function statusColumnOf(headers: readonly string[]): number {
  let last = headers.length - 1
  while (last >= 0 && !String(headers[last] ?? '').trim()) last--
  return last >= 0 && String(headers[last]).trim().toLowerCase() === STATUS_HEADER.toLowerCase() ? last : -1
}
