/**
 * Generates a synthetic ledger:
 * `node --import tsx bench/generate.ts --moves 100000 --out <dir> [--kind mixed | lot-per-move]`.
 * It drives the real domain in-process and writes through FileJournal, so the journal (and the
 * snapshot its clean stop writes) is exactly what a server would have written; bench-meta.json
 * next to it says what is inside.
 */
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { issueToken } from '../server/admin/bootstrap'
import { createWorkspace } from '../server/domain/commands/workspaces'
import { moveDoc } from '../server/domain/docs'
import { LedgerError } from '../server/domain/errors'
import type { Clock } from '../server/domain/ledger'
import { recordOperation } from '../server/domain/operations/record'
import { trace } from '../server/domain/queries/trace'
import { SNAPSHOT_VERSION } from '../server/domain/snapshot'
import { findLot, type WorkspaceState } from '../server/domain/state'
import { LedgerStore } from '../server/store/ledger-store'
import { OperationInput } from '../shared/schemas/operation'
import { setupCatalog, TRACED_PRODUCT, WRITE_PRODUCT } from './gen/catalog'
import { Random } from './gen/random'
import { TRACED_LOT, TracedScript } from './gen/traced'
import { LotPerMoveWorkload } from './gen/lot-per-move'
import { Workload } from './gen/workload'
import { GENERATED_SNAPSHOT, GENERATOR_VERSION, isLedgerKind, JOURNAL_FILE, LEDGER_KINDS, SNAPSHOT_FILE, snapshotHead, syncFile, writeMeta, type BenchMeta, type LedgerKind } from './lib/meta'
import { fmtBytes, parseCount } from './lib/stats'

export interface GenerateOptions {
  moves: number
  out: string
  /** mixed (the default): receipts, transfers, productions and deliveries; lot-per-move: every receipt line brings its own lot. */
  kind?: LedgerKind
  seed?: number
  /** Operations committed between two journal writes. */
  batch?: number
  log?: (message: string) => void
}

/** History starts here and advances by STEP_MS per operation (deterministic, far from any expiry). */
const START = Date.parse('2025-01-06T07:00:00Z')
const STEP_MS = 20_000
/**
 * The workload's operations are valid as generated, key order included, so the schema parses
 * only the first ones and one in this many after them, each checked to give back what it got.
 */
const PARSE_FIRST = 1_000
const PARSE_EVERY = 997

export async function generateLedger(options: GenerateOptions): Promise<BenchMeta> {
  const { moves: target, out } = options
  const seed = options.seed ?? 1
  const kind = options.kind ?? 'mixed'
  const batch = options.batch ?? 10_000
  const log = options.log ?? ((m: string) => console.error(m))
  const started = performance.now()

  await mkdir(out, { recursive: true })
  if ((await readdir(out)).length > 0) throw new Error(`${out} is not empty; generate into a new directory`)

  let now = START
  const clock: Clock = { now: () => new Date(now) }
  // fdatasync per batch would only slow generation down; the result is the same bytes. Only the
  // snapshot of the clean stop is kept, so background ones would only cost time.
  const store = await LedgerStore.openDirectory(out, {
    clock, unsafeNoSync: true, log, snapshots: { everyRecords: Infinity, everyBytes: Infinity },
  })
  const ledger = store.ledger
  const ws = createWorkspace(ledger, 'default', 'Default')
  const issued = await issueToken(store, ws.id, 'bench', 'operator')
  const actor = { token: issued.token.id, name: issued.token.name }
  const catalog = setupCatalog(ledger, ws)
  await store.persist()

  const rand = new Random(seed)
  const workload = kind === 'lot-per-move' ? new LotPerMoveWorkload(rand, catalog) : new Workload(rand, catalog)
  const traced = new TracedScript(catalog.shelves)
  let ops = 0
  let nextReport = 0.1
  // One batch is written while the next one is recorded.
  let writing = Promise.resolve()
  const record = async (raw: Record<string, unknown>) => {
    now += STEP_MS
    const input = ops < PARSE_FIRST || ops % PARSE_EVERY === 0 ? parsedAsIs(raw) : (raw as OperationInput)
    try {
      const outcome = recordOperation(ledger, ws, actor, input)
      if (outcome.kind !== 'created') throw new Error(`operation ${input.id} was not created (${outcome.kind})`)
    } catch (err) {
      if (err instanceof LedgerError) throw new Error(`generator produced an invalid operation: ${err.message}\n${JSON.stringify(raw)}`)
      throw err
    }
    if (++ops % batch === 0) {
      await writing
      writing = store.persist()
    }
  }

  while (ws.moves.length < target) {
    const progress = ws.moves.length / target
    // Leave a margin so the traced lot's last steps land before the target is reached.
    await record(traced.due(progress / 0.95) ? traced.next() : workload.next())
    if (progress >= nextReport) {
      log(`  ${Math.round(progress * 100)}%: ${ws.moves.length} moves, ${ops} operations, ${((performance.now() - started) / 1000).toFixed(1)} s`)
      nextReport += 0.1
    }
  }
  while (traced.remaining > 0) await record(traced.next())
  await writing
  await store.close()
  const head = await snapshotHead(join(out, SNAPSHOT_FILE))
  if (head?.seq !== ledger.state.seq) throw new Error(`the store's close left no snapshot of record ${ledger.state.seq} (found ${head?.seq ?? 'none'})`)
  // Benchmark runs overwrite journal.snapshot; this copy is what they restore.
  await copyFile(join(out, SNAPSHOT_FILE), join(out, GENERATED_SNAPSHOT))
  for (const file of [JOURNAL_FILE, GENERATED_SNAPSHOT]) await syncFile(join(out, file))

  const tracedLot = findLot(ws, TRACED_PRODUCT, TRACED_LOT)!
  const meta: BenchMeta = {
    generatorVersion: GENERATOR_VERSION,
    kind,
    seed,
    targetMoves: target,
    moves: ws.moves.length,
    operations: ws.operations.size,
    records: ledger.state.seq,
    lots: ws.lotList.length,
    journalBytes: (await stat(join(out, JOURNAL_FILE))).size,
    snapshotVersion: SNAPSHOT_VERSION,
    snapshotBytes: (await stat(join(out, SNAPSHOT_FILE))).size,
    avgMoveJsonBytes: avgMoveBytes(ws),
    workspace: ws.id,
    token: { id: issued.token.id, secret: issued.secret },
    traced: {
      product: TRACED_PRODUCT, lot: TRACED_LOT, lotMoves: tracedLot.moves.length,
      expectedRows: trace(ws, tracedLot, 'both').rows.length,
    },
    writeProduct: WRITE_PRODUCT,
    generatedAt: new Date().toISOString(),
    generationSeconds: (performance.now() - started) / 1000,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }
  await writeMeta(out, meta)
  return meta
}

/** The schema's parse of a generated operation, which must be the operation itself. */
function parsedAsIs(raw: Record<string, unknown>): OperationInput {
  const input = OperationInput.parse(raw)
  if (JSON.stringify(input) !== JSON.stringify(raw)) throw new Error(`the schema changed a generated operation:\n${JSON.stringify(raw)}\n${JSON.stringify(input)}`)
  return input
}

/** Mean JSON size of a move as the API returns it, from an even sample of at most 10k moves. */
function avgMoveBytes(ws: WorkspaceState): number {
  const step = Math.max(1, Math.floor(ws.moves.length / 10_000))
  let bytes = 0
  let n = 0
  for (let i = 0; i < ws.moves.length; i += step, n++) bytes += Buffer.byteLength(JSON.stringify(moveDoc(ws.moves.at(i))))
  return Math.round(bytes / Math.max(n, 1))
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { moves: { type: 'string' }, out: { type: 'string' }, kind: { type: 'string', default: 'mixed' }, seed: { type: 'string' }, batch: { type: 'string' } },
  })
  if (!values.moves || !values.out || !isLedgerKind(values.kind)) {
    console.error(`usage: node --import tsx bench/generate.ts --moves 100000 --out <dir> [--kind ${LEDGER_KINDS.join(' | ')}] [--seed 1] [--batch 10000]`)
    process.exit(2)
  }
  const meta = await generateLedger({
    moves: parseCount(values.moves),
    out: resolve(values.out),
    kind: values.kind,
    seed: values.seed ? Number(values.seed) : undefined,
    batch: values.batch ? Number(values.batch) : undefined,
  })
  // The runner reads the last stdout line; people read stderr.
  console.error(
    `generated ${meta.moves} moves, ${meta.lots} lots (${meta.operations} operations, ${meta.records} records, ` +
      `${fmtBytes(meta.journalBytes)}) in ${meta.generationSeconds.toFixed(1)} s; ` +
      `traced lot ${meta.traced.product}/${meta.traced.lot}: ${meta.traced.expectedRows} trace rows`,
  )
  console.log(JSON.stringify(meta))
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
