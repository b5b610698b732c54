/**
 * The baseline: lowdb's stock JSONFile holding the same number of moves (plain objects shaped
 * like ours), timing "push one move, then db.write()". Run as its own process so its large heap
 * does not disturb the other measurements:
 * `node --import tsx bench/benchmarks/lowdb-stock.ts --moves 100000 --samples 10 --dir <dir>`
 */
import { mkdir, rm, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { Low } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import type { Move } from '../../shared/schemas/operation'

export interface StockResult {
  moves: number
  /** The first write of the whole file (cold). */
  firstWriteMs: number
  samplesMs: number[]
  fileBytes: number
  /** Compact JSON bytes of one move, to compare with the generated ledger's. */
  moveJsonBytes: number
}

const TYPES = ['receipt', 'internal', 'production', 'delivery'] as const
const pad = (n: number, w: number) => String(n).padStart(w, '0')

/** Move `i` of a plausible history: two moves per operation, 20 s apart, over 60 products. */
function move(i: number): Move {
  const op = i >> 1
  const type = TYPES[op % 4]
  return {
    id: `g-${op}#${(i & 1) + 1}`, operation: `g-${op}`, operationType: type, reference: `WH/${type.slice(0, 3).toUpperCase()}/${pad(op, 7)}`,
    date: new Date(Date.UTC(2025, 0, 6) + op * 20_000).toISOString(), product: `RAW-${pad((op % 60) + 1, 3)}`,
    lot: `L${pad(op, 7)}`, qty: (op % 500) + 1, uom: 'kg', from: type === 'receipt' ? 'Vendors' : 'WH/Stock',
    to: type === 'delivery' ? 'Customers' : `WH/Stock/${'ABCD'[op % 4]}/${pad((op % 6) + 1, 2)}`, package: null, returnOf: null,
  }
}

export async function measureStock(moves: number, samples: number, dir: string): Promise<StockResult> {
  await mkdir(dir, { recursive: true })
  const file = join(dir, 'db.json')
  try {
    const db = new Low<{ moves: Move[] }>(new JSONFile(file), { moves: [] })
    db.data.moves = Array.from({ length: moves }, (_, i) => move(i))
    let t0 = performance.now()
    await db.write()
    const firstWriteMs = performance.now() - t0
    const samplesMs: number[] = []
    for (let s = 0; s < samples; s++) {
      db.data.moves.push(move(moves + s))
      t0 = performance.now()
      await db.write()
      samplesMs.push(performance.now() - t0)
    }
    const fileBytes = (await stat(file)).size
    return { moves, firstWriteMs, samplesMs, fileBytes, moveJsonBytes: Buffer.byteLength(JSON.stringify(move(moves))) }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { moves: { type: 'string' }, samples: { type: 'string' }, dir: { type: 'string' } } })
  if (!values.moves || !values.dir) {
    console.error('usage: node --import tsx bench/benchmarks/lowdb-stock.ts --moves N --dir <scratch dir> [--samples 5]')
    process.exit(2)
  }
  const result = await measureStock(Number(values.moves), Number(values.samples ?? 5), resolve(values.dir))
  console.log(JSON.stringify(result))
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
