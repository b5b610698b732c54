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
