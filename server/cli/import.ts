/**
 * `npm run import -- --kind receipts FILE`: imports an .xlsx or .csv through the server (the same
 * checks as the add-in and uploads), prints a summary and every problem, and writes the file
 * annotated beside it (a Status column, errors in red).
 */
import { readFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { createWriteStream } from 'node:fs'
import { finished } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import { IMPORT_KINDS, IMPORT_ROWS_MAX, type ImportKind } from '../../shared/import/kinds'
import { writeAnnotated } from '../import/annotate'
import { readCsv } from '../import/read-csv'
import { readXlsx } from '../import/read-xlsx'
import { headersFit } from '../import/rows'
import { ImportAnswer } from '../../shared/import/report'
import { statusTally, summaryText } from '../../shared/import/summary'
import { errorMessage, MIN_SEQ_OPTION, positionNote, send, serverArgs } from './connection'
import { printable } from './printable'
import { runMain, UsageError } from './run'

const USAGE = `usage: npm run import -- --kind <${IMPORT_KINDS.join('|')}> FILE [--dry-run] [--out FILE] [--server URL] [--token TOKEN] [--min-seq N]

  Imports an .xlsx or .csv: every row is checked first; all rows are applied, or none.
  --dry-run   check only
  --out FILE  where to write the annotated copy (default: "<name> (checked).xlsx" beside FILE)
  --min-seq N check against the ledger as of journal position N at least (or LOTLEDGER_MIN_SEQ)
  An applied import prints its journal position: --min-seq with it reads the import back through
  any server of a cluster.
  The server and token come from --server/--token or LOTLEDGER_URL (default http://127.0.0.1:3000) and LOTLEDGER_TOKEN.`

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv, allowPositionals: true,
      options: {
        kind: { type: 'string' }, 'dry-run': { type: 'boolean' }, out: { type: 'string' }, server: { type: 'string' }, token: { type: 'string' }, ...MIN_SEQ_OPTION,
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (err) {
    throw new UsageError((err as Error).message, { cause: err })
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv)
  if (values.help) return console.log(USAGE), 0
  const kind = values.kind as ImportKind | undefined
  if (!kind || !IMPORT_KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${IMPORT_KINDS.join(', ')}`)
  if (positionals.length !== 1) throw new UsageError('give one file to import')
  const path = positionals[0]
  const args = serverArgs(values)
  const bytes = await readFile(path)
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)]), basename(path))
  const url = `${args.server}/api/v1/imports?kind=${kind}${values['dry-run'] ? '&dryRun=true' : ''}`
  const res = await send(args, url, { method: 'POST', body: form })
  const body: unknown = await res.json().catch(() => null)
  const answer = ImportAnswer.safeParse(body)
  if (!answer.success) {
    console.error(`error: ${errorMessage(body, res.status)}`)
    return 1
  }
  const report = answer.data.report
  // The same readers as the server's, with the same limits: the server has read this file already.
  const table = /\.csv$/i.test(path) ? await readCsv(bytes, basename(path), IMPORT_ROWS_MAX, (h) => headersFit(kind, h)) : await readXlsx(bytes, basename(path), (h) => headersFit(kind, h), IMPORT_ROWS_MAX)
  const out = values.out ?? join(dirname(path), `${basename(path).replace(/\.(xlsx|csv)$/i, '')} (checked).xlsx`)
  const file = createWriteStream(out)
  await writeAnnotated(table, report, file)
  await finished(file)
  // The same sentence and Status words as the checked copy's Problems sheet and the pane.
  console.log(printable(summaryText(report)))
  if (report.statuses.length) console.log(`rows: ${statusTally(report)}`)
  for (const p of report.problems) console.log(printable(`  ${p.sheet}!${p.column ?? ''}${p.row ?? ''}  ${p.code}: ${p.message}`))
  if (report.unknownColumns.length) console.log(printable(`columns not used: ${report.unknownColumns.join(', ')}`))
  console.log(`annotated copy: ${out}`)
  const position = report.applied ? positionNote(res) : null
  if (position) console.log(position)
  return report.problems.length ? 1 : 0
}

runMain(main, USAGE)
