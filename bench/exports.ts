/**
 * `node --import tsx bench/exports.ts [--moves 100000] [--runs 5]`: the Moves export of a
 * ledger of that many moves over HTTP (GET /api/v1/exports/moves.xlsx against the real server,
 * body read to the end), against exceljs alone stream-writing the same rows (same columns,
 * widths, formats, header, filters and conditional formats) into a sink, in this process, the
 * way the server writes them (shared style objects) and the way exceljs's documentation shows,
 * the three interleaved run by run. Prints the medians, the ratio to the first (goal: at most
 * 1.5), and, from one more export watched apart from the timed ones, the server's peak RSS and
 * the slowest answer of GET /health while it runs; the last line is the result as JSON.
 * Then the EPCIS export of the whole ledger (bench/lib/epcis.ts); `--only-epcis` measures only it.
 * `--dir` takes a ledger generated before (`npm run bench` caches them) instead of generating
 * one; the export's preparations write to its journal, which is to be restored afterwards.
 */
import { request } from 'node:http'
import { Writable } from 'node:stream'
import { parseArgs } from 'node:util'
import ExcelJS from 'exceljs'
import { excelSerial } from '../shared/dates'
import type { Move } from '../shared/schemas/operation'
import { MOVE_COLUMNS, moveRow, type SheetContext } from '../shared/sheets/builders'
import { DATE_FORMAT, DATETIME_FORMAT } from '../shared/sheets/model'
import { benchEpcis, issueAdmin, type EpcisBench } from './lib/epcis'
import { BenchClient } from './lib/http'
import { benchLedger } from './lib/bench-ledger'
import { startServer, type RunningServer } from './lib/server'
import { fmtBytes, median, parseCount } from './lib/stats'

const { values: args } = parseArgs({
  options: { moves: { type: 'string', default: '100k' }, dir: { type: 'string' }, runs: { type: 'string', default: '5' }, 'only-epcis': { type: 'boolean', default: false } },
})
const MOVES = parseCount(args.moves)
const RUNS = Math.max(1, Number(args.runs))
const log = (m: string) => console.error(`bench exports: ${m}`)

/** A writable that counts and drops what it gets. */
function sink(): Writable & { bytes: number } {
  const w = new Writable({
    write(chunk: Buffer, _enc, done) {
      w.bytes += chunk.length
      done()
    },
  }) as Writable & { bytes: number }
  w.bytes = 0
  return w
}

/** GET `path` and read the body to its end: time to the first byte and to the last, and the bytes. */
function download(url: string, token: string, path: string): Promise<{ status: number; firstMs: number; ms: number; bytes: number }> {
  const u = new URL(`${url}/api/v1${path}`)
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    let firstMs = 0
    let bytes = 0
    const req = request({ host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.on('data', (c: Buffer) => {
        if (bytes === 0) firstMs = performance.now() - t0
        bytes += c.length
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, firstMs, ms: performance.now() - t0, bytes }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

/** Every move of the workspace through the paged API. */
async function allMoves(client: BenchClient): Promise<Move[]> {
  const out: Move[] = []
  let cursor: string | null = null
  do {
    const r = await client.expect(200, 'GET', `/moves?limit=1000${cursor ? `&cursor=${cursor}` : ''}`)
    const page = JSON.parse(r.body) as { moves: Move[]; next: string | null }
    out.push(...page.moves)
    cursor = page.next
  } while (cursor)
  return out
}

/**
 * exceljs alone: the same sheet from rows already in memory, into a sink. `sharedStyles`: each
 * cell gets its column's style object, as the server does (exceljs then looks a style up once
 * per object instead of once per cell); without it, cells take the column's style as exceljs's
 * documentation shows.
 */
async function exceljsAlone(rows: Array<Array<string | number | undefined>>, subtitle: string, sharedStyles: boolean): Promise<{ ms: number; bytes: number }> {
  const out = sink()
  const t0 = performance.now()
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  const ws = wb.addWorksheet('Moves', { views: [{ state: 'frozen', ySplit: 4, topLeftCell: 'A5' }] })
  MOVE_COLUMNS.forEach((c, i) => {
    const column = ws.getColumn(i + 1)
    column.width = c.width
    if (c.kind === 'date' || c.kind === 'datetime') column.numFmt = c.kind === 'date' ? DATE_FORMAT : DATETIME_FORMAT
  })
  const title = ws.getRow(1)
  title.getCell(1).value = 'Move history'
  title.getCell(1).font = { bold: true, size: 14 }
  title.commit()
  const sub = ws.getRow(2)
  sub.getCell(1).value = subtitle
  sub.getCell(1).font = { color: { argb: 'FF605E5C' } }
  sub.commit()
  const header = ws.getRow(4)
  MOVE_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1)
    cell.value = c.header
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } }
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF4F81BD' } }
  })
  header.commit()
  const styles: Array<Partial<ExcelJS.Style>> = MOVE_COLUMNS.map((c) => (c.kind === 'datetime' ? { numFmt: DATETIME_FORMAT } : c.kind === 'date' ? { numFmt: DATE_FORMAT } : {}))
  rows.forEach((values, i) => {
    const row = ws.getRow(5 + i)
    row.values = values
    if (sharedStyles) {
      row.eachCell((cell, column) => {
        cell.style = styles[column - 1]
      })
    }
    row.commit()
  })
  const last = 4 + rows.length
  ws.autoFilter = { from: { row: 4, column: 1 }, to: { row: last, column: MOVE_COLUMNS.length } }
  ws.addConditionalFormatting({
    ref: `A5:K${last}`,
    rules: [{ type: 'expression', priority: 1, formulae: ['MOD(ROW()-5,2)=0'], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFDCE6F1' } } } }],
  })
  ws.commit()
  await wb.commit()
  await new Promise<void>((resolve) => (out.writableFinished ? resolve() : out.once('finish', () => resolve())))
  return { ms: performance.now() - t0, bytes: out.bytes }
}

/** Polls the server's RSS and GET /health while `work` runs: the peak RSS and the slowest health answer. */
async function watch<T>(server: RunningServer, client: BenchClient, work: () => Promise<T>): Promise<{ result: T; peakRss: number; slowestHealthMs: number }> {
  let peakRss = 0
  let slowestHealthMs = 0
  let running = true
  const rssLoop = (async () => {
    while (running) {
      peakRss = Math.max(peakRss, (await server.memory())?.rss ?? 0)
      await new Promise((r) => setTimeout(r, 20))
    }
  })()
  const healthLoop = (async () => {
    while (running) {
      const r = await client.send('GET', '/health')
      slowestHealthMs = Math.max(slowestHealthMs, r.ms)
      await new Promise((r) => setTimeout(r, 25))
    }
  })()
  try {
    const result = await work()
    return { result, peakRss, slowestHealthMs }
  } finally {
    running = false
    await Promise.all([rssLoop, healthLoop])
  }
}

async function main(): Promise<void> {
  const { dir: ledger, meta, dispose } = await benchLedger(args.dir, MOVES, 'exports', log)
  let server: RunningServer | null = null
  try {
    const adminSecret = await issueAdmin(ledger, meta.workspace)
    server = await startServer(ledger)
    const client = new BenchClient(server.url, meta.token.secret, 4)
    const rssBefore = (await server.memory())?.rss ?? 0
    const epcisPart = (): Promise<EpcisBench> => {
      log(`EPCIS: a GTIN for every product, then the whole ledger as one document, ${RUNS} times and once watched`)
      return benchEpcis(server!.url, meta.token.secret, adminSecret, meta.moves, RUNS, (work) => watch(server!, client, work))
    }
    if (args['only-epcis']) {
      const epcis = await epcisPart()
      console.error(`EPCIS export of ${epcis.moves} moves (${epcis.events} events, median of ${RUNS}): ${epcis.ms} ms (first byte after ${epcis.firstByteMs} ms), ${fmtBytes(epcis.bytes)}; server peak RSS ${fmtBytes(epcis.serverPeakRssBytes)}; slowest GET /health ${epcis.slowestHealthMsDuringExport} ms`)
      console.log(JSON.stringify({ epcis }))
      client.close()
      return
    }

    const settings = JSON.parse((await client.expect(200, 'GET', '/settings')).body) as { timeZone: string }
    const ctx: SheetContext = { workspace: meta.workspace, timeZone: settings.timeZone, now: new Date() }
    const moves = await allMoves(client)
    const rows = moves.map((m) =>
      moveRow(m, ctx).map((v, i) => (v === null ? undefined : MOVE_COLUMNS[i].kind === 'datetime' && typeof v === 'string' ? excelSerial(v) : v)),
    )
    const subtitle = `Workspace ${meta.workspace} · everything · ${rows.length} rows`

    log('one warm-up each: the HTTP export and exceljs alone')
    const first = await download(server.url, meta.token.secret, '/exports/moves.xlsx')
    if (first.status !== 200) throw new Error(`export answered ${first.status}`)
    await exceljsAlone(rows, 'warm-up', true)
    // Interleaved, so that both meet the machine's load of the moment; nothing else asks the server meanwhile.
    log(`${RUNS} times: exceljs alone, the HTTP export, exceljs alone with a style object per cell`)
    const http: Array<{ firstMs: number; ms: number; bytes: number }> = []
    const alone: Array<{ ms: number; bytes: number }> = []
    const plain: Array<{ ms: number; bytes: number }> = []
    for (let i = 0; i < RUNS; i++) {
      alone.push(await exceljsAlone(rows, subtitle, true))
      http.push(await download(server.url, meta.token.secret, '/exports/moves.xlsx'))
      plain.push(await exceljsAlone(rows, subtitle, false))
      log(`run ${i + 1}: exceljs alone ${Math.round(alone[i].ms)} ms, HTTP export ${Math.round(http[i].ms)} ms, exceljs alone with a style object per cell ${Math.round(plain[i].ms)} ms`)
    }
    log('one more export, watched: the server\'s RSS and GET /health while it runs')
    const watched = await watch(server, client, () => download(server!.url, meta.token.secret, '/exports/moves.xlsx'))
    const epcis = await epcisPart()
    client.close()

    const httpMs = median(http.map((r) => r.ms))
    const aloneMs = median(alone.map((r) => r.ms))
    const plainMs = median(plain.map((r) => r.ms))
    const result = {
      moves: moves.length,
      httpMs: Math.round(httpMs),
      httpFirstByteMs: Math.round(median(http.map((r) => r.firstMs))),
      httpBytes: http[0].bytes,
      exceljsMs: Math.round(aloneMs),
      exceljsBytes: alone[0].bytes,
      exceljsPlainStylesMs: Math.round(plainMs),
      ratio: Number((httpMs / aloneMs).toFixed(2)),
      ratioToPlainStyles: Number((httpMs / plainMs).toFixed(2)),
      goal: 1.5,
      pass: httpMs / aloneMs <= 1.5,
      serverRssBeforeBytes: rssBefore,
      serverPeakRssBytes: watched.peakRss,
      slowestHealthMsDuringExport: Math.round(watched.slowestHealthMs),
      runs: RUNS,
      epcis,
    }
    console.error(
      [
        `rows: ${result.moves}`,
        `HTTP export (median of ${RUNS}): ${result.httpMs} ms (first byte after ${result.httpFirstByteMs} ms), ${fmtBytes(result.httpBytes)}`,
        `exceljs alone, shared styles as the server writes them (median of ${RUNS}): ${result.exceljsMs} ms, ${fmtBytes(result.exceljsBytes)}`,
        `ratio: ${result.ratio}× (goal ≤ ${result.goal}×): ${result.pass ? 'PASS' : 'FAIL'}`,
        `exceljs alone, a style object per cell (exceljs's documented way; median of ${RUNS}): ${result.exceljsPlainStylesMs} ms (export / this: ${result.ratioToPlainStyles}×)`,
        `server RSS: ${fmtBytes(rssBefore)} before, peak ${fmtBytes(watched.peakRss)} during an export`,
        `slowest GET /health during an export: ${result.slowestHealthMsDuringExport} ms`,
        `EPCIS export (${epcis.events} events, median of ${RUNS}): ${epcis.ms} ms (first byte after ${epcis.firstByteMs} ms), ${fmtBytes(epcis.bytes)}, server peak RSS ${fmtBytes(epcis.serverPeakRssBytes)}`,
      ].join('\n'),
    )
    console.log(JSON.stringify(result))
  } finally {
    await server?.stop()
    await dispose()
  }
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message)
  process.exit(1)
})
