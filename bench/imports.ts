/**
 * `node --import tsx bench/imports.ts [--rows 100000] [--runs 5]`: a receipts workbook of that
 * many rows (100 lines per reference, a new lot on every row, real Excel dates, shared strings as
 * Excel writes them) imported end to end over HTTP (upload, parse, validate, apply, fsync, the
 * JSON report read to its end), against exceljs alone stream-reading the same file in this
 * process. Every timed import runs on a fresh copy of the same small ledger, so each one does the
 * same work, after a dry run of the file (exceljs alone gets a warm-up read too). Prints both
 * medians, their ratio (goal: at most 2.5) and the server's peak RSS over the timed imports
 * (goal: at most 600 MB); the last line is the result as JSON.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import ExcelJS from 'exceljs'
import { BenchClient } from './lib/http'
import type { BenchMeta } from './lib/meta'
import { runJson } from './lib/proc'
import { startServer } from './lib/server'
import { fmtBytes, median, parseCount } from './lib/stats'

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '100k' }, runs: { type: 'string', default: '5' } } })
const ROWS = parseCount(args.rows)
const RUNS = Math.max(1, Number(args.runs))
const LINES_PER_RECEIPT = 100
const RSS_GOAL = 600e6
const log = (m: string) => console.error(`bench imports: ${m}`)

/** Writes the receipts workbook: a title row above the header, as users' files often have. */
async function writeWorkbook(path: string, rows: number, products: string[], locations: string[]): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: true })
  const ws = wb.addWorksheet('Receipts')
  ws.addRow(['Supplier receipts, November']).commit()
  ws.addRow(['PO', 'Receipt date', 'Vendor', 'SKU', 'Batch', 'Qty', 'To', 'Expiry']).commit()
  const day0 = Date.UTC(2026, 0, 5)
  for (let i = 0; i < rows; i++) {
    const receipt = Math.floor(i / LINES_PER_RECEIPT)
    const date = new Date(day0 + (receipt % 300) * 86_400_000)
    const expiry = i % 10 === 0 ? new Date(day0 + (400 + (i % 200)) * 86_400_000) : null
    const row = ws.addRow([
      `PO-${String(receipt).padStart(6, '0')}`, date, `Supplier ${receipt % 40}`, products[i % products.length],
      `L${String(i).padStart(7, '0')}`, 1 + (i % 250), locations[receipt % locations.length], expiry,
    ])
    row.getCell(2).numFmt = 'dd/mm/yyyy'
    if (expiry) row.getCell(8).numFmt = 'dd/mm/yyyy'
    row.commit()
  }
  ws.commit()
  await wb.commit()
}

/** exceljs alone: every row of the file through the streaming reader, each value touched. */
async function exceljsAlone(path: string): Promise<{ ms: number; rows: number }> {
  const t0 = performance.now()
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' })
  let rows = 0
  let cells = 0
  for await (const sheet of reader) {
    for await (const row of sheet as unknown as AsyncIterable<{ values: unknown[] }>) {
      rows++
      for (const v of row.values) if (v !== undefined) cells++
    }
  }
  if (cells === 0) throw new Error('exceljs read no cells')
  return { ms: performance.now() - t0, rows }
}

interface Upload {
  status: number
  ms: number
  report: { applied: boolean; rows: number; counts: { created: number }; problems: unknown[] }
  peakRss: number
}

/** Uploads `file` as `name` and reads the whole answer. */
async function upload(url: string, token: string, file: Buffer, name: string, dryRun = false): Promise<Omit<Upload, 'peakRss'>> {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(file)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), name)
  const t0 = performance.now()
  const res = await fetch(`${url}/api/v1/imports?kind=receipts&dryRun=${dryRun}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })
  const body = (await res.json()) as { report: Upload['report'] }
  return { status: res.status, ms: performance.now() - t0, report: body.report }
}

/**
 * A fresh server on a copy of `ledger`: a dry run of the same file first (as exceljs alone gets
 * a warm-up read of it: both sides run warm code), then the timed import.
 */
async function importOnce(ledger: string, dir: string, run: number, file: Buffer, token: string): Promise<Upload> {
  const data = join(dir, `run-${run}`)
  await cp(ledger, data, { recursive: true })
  const server = await startServer(data)
  try {
    const warm = await upload(server.url, token, file, 'receipts.xlsx', true)
    if (warm.status !== 200 || warm.report.applied) throw new Error(`the warm-up dry run answered ${warm.status}`)
    // The peak is the timed import's (with whatever the dry run left for the collector).
    await server.resetPeak()
    const timed = await upload(server.url, token, file, 'receipts.xlsx')
    return { ...timed, peakRss: (await server.memory())?.hwm ?? 0 }
  } finally {
    await server.stop()
    await rm(data, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'lotledger-bench-imports-'))
  try {
    log('generating a small ledger (the catalogue and an operator token)')
    const ledger = join(dir, 'ledger')
    const meta = await runJson<BenchMeta>('bench/generate.ts', ['--moves', '1000', '--out', ledger], 10 * 60_000)
    const server = await startServer(ledger)
    const client = new BenchClient(server.url, meta.token.secret, 2)
    const products = (JSON.parse((await client.expect(200, 'GET', '/products')).body) as { products: Array<{ sku: string; tracking: string }> }).products
    const locations = (JSON.parse((await client.expect(200, 'GET', '/locations')).body) as { locations: Array<{ code: string; kind: string }> }).locations
    client.close()
    await server.stop()
    const lotProducts = products.filter((p) => p.tracking === 'lot').map((p) => p.sku)
    const shelves = locations.filter((l) => l.kind === 'internal' && l.code.startsWith('WH/Stock/')).map((l) => l.code)
    if (!lotProducts.length || !shelves.length) throw new Error('the generated catalogue has no lot-tracked product or no shelf')

    const path = join(dir, 'receipts.xlsx')
    log(`writing ${ROWS} receipt rows (${Math.ceil(ROWS / LINES_PER_RECEIPT)} receipts) to ${path}`)
    await writeWorkbook(path, ROWS, lotProducts, shelves)
    const file = await readFile(path)

    log('exceljs alone: one warm-up read')
    const warm = await exceljsAlone(path)
    if (warm.rows !== ROWS + 2) throw new Error(`exceljs read ${warm.rows} rows, expected ${ROWS + 2}`)

    // Each timed import follows a timed exceljs read: both see the machine's load of the moment.
    log(`${RUNS} times: exceljs alone, then the HTTP import on a fresh copy of the ledger`)
    const alone: number[] = []
    const uploads: Upload[] = []
    for (let i = 0; i < RUNS; i++) {
      alone.push((await exceljsAlone(path)).ms)
      const u = await importOnce(ledger, dir, i, file, meta.token.secret)
      if (u.status !== 200 || !u.report.applied || u.report.counts.created !== Math.ceil(ROWS / LINES_PER_RECEIPT)) {
        throw new Error(`import ${i} answered ${u.status}: ${JSON.stringify({ ...u.report, statuses: undefined, problems: u.report.problems.slice(0, 5) })}`)
      }
      log(`run ${i + 1}: exceljs alone ${Math.round(alone[i])} ms, import ${Math.round(u.ms)} ms, server peak RSS ${fmtBytes(u.peakRss)}`)
      uploads.push(u)
    }

    const httpMs = median(uploads.map((u) => u.ms))
    const aloneMs = median(alone)
    const peakRss = Math.max(...uploads.map((u) => u.peakRss))
    const result = {
      rows: ROWS,
      receipts: Math.ceil(ROWS / LINES_PER_RECEIPT),
      fileBytes: file.length,
      httpMs: Math.round(httpMs),
      exceljsMs: Math.round(aloneMs),
      ratio: Number((httpMs / aloneMs).toFixed(2)),
      goal: 2.5,
      serverPeakRssBytes: peakRss,
      rssGoalBytes: RSS_GOAL,
      pass: httpMs / aloneMs <= 2.5 && peakRss <= RSS_GOAL,
      runs: RUNS,
    }
    console.error(
      [
        `rows: ${ROWS} in ${result.receipts} receipts, file ${fmtBytes(file.length)}`,
        `HTTP import (median of ${RUNS}): ${result.httpMs} ms`,
        `exceljs stream-read alone (median of ${RUNS}): ${result.exceljsMs} ms`,
        `ratio: ${result.ratio}× (goal ≤ ${result.goal}×)`,
        `server peak RSS: ${fmtBytes(peakRss)} (goal ≤ ${fmtBytes(RSS_GOAL)})`,
        result.pass ? 'PASS' : 'FAIL',
      ].join('\n'),
    )
    console.log(JSON.stringify(result))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message)
  process.exit(1)
})
