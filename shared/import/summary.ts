/**
 * An import's outcome in one sentence and its rows counted by Status word: the same words in the
 * annotated file's Problems sheet and the command line's output (see status-text.ts).
 */
import type { ImportReport } from './report'
import { statusText, STATUS_WORDS } from './status-text'

const counted = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

/** What the import did, or would do: `Imported 3 rows of Receipts: 1 new, 0 changed, 1 already imported.` */
export function summaryText(report: ImportReport): string {
  const { created, updated, unchanged } = report.counts
  const counts = `${created} new, ${updated} changed, ${unchanged} already imported`
  if (report.applied) return `Imported ${counted(report.rows, 'row')} of ${report.sheet}: ${counts}.`
  if (report.problems.length) return `Nothing imported: ${counted(report.problems.length, 'problem')} to fix first.`
  return `Checked: all ${counted(report.rows, 'row')} of ${report.sheet} can be imported (${counts}).`
}

/** The rows by their Status word, in the order of the words: `2 Imported, 1 Already imported`. */
export function statusTally(report: ImportReport): string {
  const order = [STATUS_WORDS.imported, STATUS_WORDS.ok, STATUS_WORDS.unchanged, STATUS_WORDS.error]
  const tally = new Map<string, number>()
  for (const s of report.statuses) {
    const word = s.status === 'error' ? STATUS_WORDS.error : statusText(s, report.applied)
    tally.set(word, (tally.get(word) ?? 0) + 1)
  }
  return order.filter((w) => tally.has(w)).map((w) => `${tally.get(w)!.toLocaleString('en-US')} ${w}`).join(', ')
}
