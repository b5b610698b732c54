/**
 * `npm run export -- <report> [filters] [--out FILE]`: downloads a report from the server as an
 * .xlsx file (GET /api/v1/exports/<report>.xlsx) and says where it wrote it. Exit codes: 0 done,
 * 1 the server refused or could not be reached, 2 wrong usage.
 */
import { rename, rm, stat } from 'node:fs/promises'
import { createWriteStream } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import { REPORTS, isReportName, type ReportName } from '../exports/catalog'
import { fileNameFromDisposition } from '../../shared/content-disposition'
import { errorMessage, MIN_SEQ_OPTION, send, serverArgs } from './connection'
import { runMain, UsageError } from './run'

const FILTERS = ['product', 'lot', 'direction', 'location', 'reference', 'after', 'before'] as const

const FLAGS = Object.fromEntries(
  Object.entries(REPORTS).map(([name, r]) => [name, r.filters.map((f) => `--${f}${(r.required as readonly string[]).includes(f) ? '*' : ''}`).join(' ')]),
)
const FLAGS_WIDTH = Math.max(...Object.values(FLAGS).map((f) => f.length))

const USAGE = `usage: npm run export -- <report> [filters] [--out FILE] [--server URL] [--token TOKEN] [--min-seq N]

reports and their filters (* required):
${Object.entries(REPORTS)
  .map(([name, r]) => `  ${name.padEnd(14)} ${FLAGS[name].padEnd(FLAGS_WIDTH)}  ${r.about}`)
  .join('\n')}

  --direction   upstream, downstream or both (default both)
  --after/--before  a date (YYYY-MM-DD, the start of that day in the workspace time zone) or an
                ISO date-time with offset; after is inclusive, before exclusive
  --out FILE    where to write (a directory: the server's file name inside it); default: the
                server's file name (e.g. "Traceability MILK L1 2026-11-27.xlsx") here
  --min-seq N   the report includes the write at journal position N (as the import command
                prints it), whichever server answers; or LOTLEDGER_MIN_SEQ
  The server and token come from --server/--token or LOTLEDGER_URL (default http://127.0.0.1:3000)
  and LOTLEDGER_TOKEN.`

interface Request {
  report: ReportName
  query: URLSearchParams
  out: string | undefined
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        ...Object.fromEntries(FILTERS.map((f) => [f, { type: 'string' as const }])),
        out: { type: 'string' }, server: { type: 'string' }, token: { type: 'string' }, ...MIN_SEQ_OPTION, help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (err) {
    throw new UsageError((err as Error).message, { cause: err })
  }
}

/** The report and its query from the command line; a UsageError for anything the report does not take. */
function exportRequest(values: Record<string, string | boolean | undefined>, positionals: string[]): Request {
  if (positionals.length === 0) throw new UsageError('name a report')
  if (positionals.length > 1) throw new UsageError(`one report at a time (got ${positionals.join(', ')})`)
  const report = positionals[0]
  if (!isReportName(report)) throw new UsageError(`unknown report ${report}: one of ${Object.keys(REPORTS).join(', ')}`)
  const spec = REPORTS[report]
  const allowed: readonly string[] = spec.filters
  const query = new URLSearchParams()
  for (const f of FILTERS) {
    const value = values[f]
    if (value === undefined) continue
    if (!allowed.includes(f)) {
      throw new UsageError(`${report} takes ${allowed.length ? allowed.map((a) => `--${a}`).join(', ') : 'no filters'}, not --${f}`)
    }
    query.set(f, String(value))
  }
  const missing = spec.required.filter((f) => !query.has(f))
  if (missing.length) throw new UsageError(`${report} needs ${missing.map((f) => `--${f}`).join(' and ')}`)
  return { report, query, out: values.out as string | undefined }
}

/** Where to write: `--out` (a directory takes the server's name), else the server's name here. */
async function target(out: string | undefined, suggested: string): Promise<string> {
  if (out === undefined) return resolve(suggested)
  const isDir = await stat(out).then((s) => s.isDirectory(), () => false)
  return resolve(isDir ? join(out, suggested) : out)
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv)
  if (values.help) return console.log(USAGE), 0
  const { report, query, out } = exportRequest(values, positionals)
  const args = serverArgs(values)
  const { server } = args
  const url = `${server}/api/v1/exports/${report}.xlsx${query.size ? `?${query}` : ''}`
  let res: Response
  try {
    res = await send(args, url)
  } catch (err) {
    const cause = (err as { cause?: Error }).cause
    console.error(`error: cannot reach ${server}: ${cause?.message ?? (err as Error).message}`)
    return 1
  }
  if (!res.ok || !res.body) {
    const body = await res.json().catch(() => null)
    console.error(`error: ${errorMessage(body, res.status)}`)
    return 1
  }
  // Only a bare name from the server: never a path of its choosing.
  const suggested = basename(fileNameFromDisposition(res.headers.get('content-disposition')) ?? `${report}.xlsx`).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-')
  const path = await target(out, suggested)
  const partial = `${path}.part-${process.pid}`
  try {
    await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), createWriteStream(partial))
    await rename(partial, path)
  } catch (err) {
    await rm(partial, { force: true })
    console.error(`error: the download of ${report} broke off: ${(err as Error).message}`)
    return 1
  }
  const { size } = await stat(path)
  console.log(`wrote ${path} (${size.toLocaleString('en-US')} bytes)`)
  return 0
}

runMain(main, USAGE)
