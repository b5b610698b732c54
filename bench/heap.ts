/**
 * `node --import tsx bench/heap.ts [--moves 200k] [--lines 2000] [--products 1] [--restored] [--keep]`: where the ledger's memory goes.
 * Builds a ledger in this process through the domain, of receipts whose every line brings its
 * own lot (the costliest ledger per move: serials, or a lot per pallet; with `--products`, lines
 * of that many products in turn, each with its own expiry), lets V8 collect, and
 * reads a heap snapshot: the bytes per move of the moves, the lots, the quants, the operations
 * and the indexes that hold them, each with what it owns (a lot's name, its lists). With
 * `--restored`, of the ledger as a restart has it: cut into a snapshot and rebuilt from its JSON.
 * With `--keep`, the heap snapshot is left for a closer look (DevTools' Memory tab opens it).
 * The last line is the result as JSON.
 */
import { readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { putProduct } from '../server/domain/commands/products'
import { createWorkspace } from '../server/domain/commands/workspaces'
import { Ledger } from '../server/domain/ledger'
import { cutSnapshot, SnapshotRestorer, type SnapshotPart } from '../server/domain/snapshot'
import { recordOperation } from '../server/domain/operations/record'
import { OperationInput } from '../shared/schemas/operation'
import { ProductInput } from '../shared/schemas/product'
import { parseCount } from './lib/stats'

const { values: args } = parseArgs({
  options: { moves: { type: 'string', default: '200k' }, lines: { type: 'string', default: '2000' }, products: { type: 'string', default: '1' }, restored: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false } },
})
const log = (m: string) => console.error(`bench heap: ${m}`)

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** What a heap object is part of, by the fields of the record that holds it. */
type Part = 'move' | 'lot' | 'quant' | 'operation' | 'other'
const PARTS: Part[] = ['move', 'lot', 'quant', 'operation', 'other']

/** The part a plain object is, by its fields (those holding small integers are not in a snapshot's edges); lots, the move table and quants are classes. */
function partOf(fields: string[]): Part | null {
  const has = (...names: string[]) => names.every((n) => fields.includes(n))
  if (has('op', 'from', 'to', 'returnOf')) return 'move'
  if (has('product', 'name', 'expirationDate', 'quants')) return 'lot'
  if (has('id', 'type', 'reference', 'genealogy')) return 'operation'
  return null
}

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } }
  nodes: number[]
  edges: number[]
  strings: string[]
}

/**
 * Bytes by part: each record's own size, plus what it alone points to, two steps deep (a lot's
 * move list and that list's storage). The rest, by the first part that points to it, or "other".
 */
function bytesByPart(snap: HeapSnapshot): Record<Part, number> {
  const { node_fields: nf, node_types: [types], edge_fields: ef, edge_types: [edgeTypes] } = snap.snapshot.meta
  const [ti, ni, si, ei] = ['type', 'name', 'self_size', 'edge_count'].map((f) => nf.indexOf(f))
  const [eti, eni, eto] = ['type', 'name_or_index', 'to_node'].map((f) => ef.indexOf(f))
  const count = snap.nodes.length / nf.length
  const firstEdge = new Uint32Array(count + 1)
  for (let n = 0; n < count; n++) firstEdge[n + 1] = firstEdge[n] + snap.nodes[n * nf.length + ei]
  const owner = new Int8Array(count).fill(-1)
  for (let n = 0; n < count; n++) {
    if (types[snap.nodes[n * nf.length + ti]] !== 'object') continue
    const name = snap.strings[snap.nodes[n * nf.length + ni]]
    if (name === 'LotRec') owner[n] = PARTS.indexOf('lot')
    if (name === 'MoveTable') owner[n] = PARTS.indexOf('move')
    if (name === 'ProductQuants') owner[n] = PARTS.indexOf('quant')
    if (name !== 'Object') continue
    const fields: string[] = []
    for (let e = firstEdge[n]; e < firstEdge[n + 1]; e++) {
      if (edgeTypes[snap.edges[e * ef.length + eti]] === 'property') fields.push(snap.strings[snap.edges[e * ef.length + eni]])
    }
    const part = partOf(fields)
    if (part) owner[n] = PARTS.indexOf(part)
  }
  // Two steps out from the records: a lot's `moves` array, then the array's storage.
  for (let step = 0; step < 2; step++) {
    const next = owner.slice()
    for (let n = 0; n < count; n++) {
      if (owner[n] < 0) continue
      for (let e = firstEdge[n]; e < firstEdge[n + 1]; e++) {
        const to = snap.edges[e * ef.length + eto] / nf.length
        const type = types[snap.nodes[to * nf.length + ti]]
        if (next[to] < 0 && (type !== 'object' || snap.strings[snap.nodes[to * nf.length + ni]] === 'Array') && type !== 'code' && type !== 'hidden') next[to] = owner[n]
      }
    }
    owner.set(next)
  }
  const out = Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<Part, number>
  for (let n = 0; n < count; n++) out[PARTS[owner[n] < 0 ? 4 : owner[n]]] += snap.nodes[n * nf.length + si]
  return out
}

/** A ledger of `moves` receipt lines, each bringing its own lot, `perOperation` to a receipt, of `products` products in turn. */
function build(clock: { now: () => Date; minutes: number }, moves: number, perOperation: number, products: number): Ledger {
  const ledger = new Ledger(clock)
  const ws = createWorkspace(ledger, 'default', 'Default')
  const skus = Array.from({ length: products }, (_, p) => (p === 0 ? 'PALLET' : `PALLET-${p}`))
  skus.forEach((sku, p) => putProduct(ledger, ws, null, sku, ProductInput.parse({ name: sku, tracking: 'lot', expiry: { expirationDays: 365 - p, alertDays: 30 } })))
  log(`recording ${moves} receipt lines, each with its own lot, ${perOperation} to an operation, of ${products} product(s)`)
  for (let n = 0; ws.moves.length < moves; n++) {
    clock.minutes++
    const lines = Array.from({ length: Math.min(perOperation, moves - ws.moves.length) }, (_, i) => ({ product: skus[i % products], qty: 1, lot: `LOT-${n}-${i}` }))
    recordOperation(ledger, ws, null, OperationInput.parse({ id: `receipt-${n}`, type: 'receipt', reference: `PO-${n}`, lines }))
    // What the journal would have taken: not part of the state.
    ledger.drainRecords()
  }
  return ledger
}

/** The heap's objects and the array buffers (typed arrays' storage), which `heapUsed` leaves out. */
function usedBytes(): number {
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

/**
 * A full collection, then a pause and another: the storage of the typed arrays that died is given
 * back only after the collection, in the background, and `arrayBuffers` counts it until then.
 */
async function collect(): Promise<void> {
  gc()
  await new Promise((resolve) => setTimeout(resolve, 200))
  gc()
}

async function main(): Promise<void> {
  const moves = parseCount(args.moves)
  const perOperation = parseCount(args.lines)
  const clock = { now: () => new Date(Date.parse('2025-01-06T07:00:00Z') + clock.minutes * 60_000), minutes: 0 }
  await collect()
  const baseline = usedBytes()
  const baselineBuffers = process.memoryUsage().arrayBuffers
  let ledger: Ledger | null = build(clock, moves, perOperation, parseCount(args.products))
  if (args.restored) {
    // As a restart has it: every part written as JSON and read back, as the snapshot file is.
    log('cutting a snapshot and restoring the ledger from it')
    const lines = [...cutSnapshot(ledger.state).parts].map((part) => JSON.stringify(part))
    ledger = null
    await collect()
    const restorer = new SnapshotRestorer()
    for (const line of lines.splice(0)) restorer.push(JSON.parse(line) as SnapshotPart)
    ledger = new Ledger(clock, restorer.finish())
  }
  await collect()
  const heapPerMove = (usedBytes() - baseline) / moves
  const columnsPerMove = (process.memoryUsage().arrayBuffers - baselineBuffers) / moves
  const file = writeHeapSnapshot(join(tmpdir(), `lotledger-heap-${process.pid}.heapsnapshot`))
  ledger = null
  await collect()
  const parts = bytesByPart(JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshot)
  if (args.keep) log(`heap snapshot kept: ${file}`)
  else rmSync(file)
  const perMove = Object.fromEntries(PARTS.map((p) => [p, Math.round(parts[p] / moves)])) as Record<Part, number>
  console.log(`| Heap per move (a lot per receipt line${args.restored ? ', restored from a snapshot' : ''}) | Bytes |`)
  console.log('| --- | --- |')
  for (const p of PARTS) console.log(`| ${p === 'other' ? 'indexes, code and the rest' : `${p}s, with what they alone hold`} | ${perMove[p]} |`)
  // Typed arrays' storage is outside the snapshot's objects.
  console.log(`| typed arrays' storage (the move table, move lists, lot tables, quants' quantities and links) | ${Math.round(columnsPerMove)} |`)
  console.log(`| **all (heap used and array buffers after collection, less the empty ledger's)** | **${Math.round(heapPerMove)}** |`)
  console.log(JSON.stringify({ moves, heapBytesPerMove: Math.round(heapPerMove), perMove, typedArraysPerMove: Math.round(columnsPerMove) }))
}

await main()
