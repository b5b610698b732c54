/**
 * Snapshots of the ledger state as plain data, so a restart loads them and replays only the
 * journal written since. The journal stays the truth: a snapshot is a cache of its replay.
 *
 * `cutSnapshot` copies what can still change (lots, quants, master data) at once; moves,
 * operations and change lists only ever grow, so their first n entries are read later, in
 * chunks, while the server goes on working. Chunks are columns: of plain values for operations,
 * of typed numbers for the big tables (`snapshot-tables.ts`). The parts are described in
 * `snapshot-parts.ts`, read back in `snapshot-restore.ts`.
 */
import type { Actor } from '../../shared/schemas/common'
import { OPERATION_TYPE_INFO } from '../../shared/operation-types'
import type { LedgerState, WorkspaceState } from './state'
import { CHUNK, NO_ACTOR, SNAPSHOT_VERSION, type OperationColumns, type SnapshotPart, type WorkspaceHead } from './snapshot-parts'
import { recallRow } from './snapshot-recalls'
import { changeListParts, cutTables, lotTableParts, moveTableParts, quantTableParts } from './snapshot-tables'

export { SNAPSHOT_VERSION, type SnapshotPart } from './snapshot-parts'
export { SnapshotRestorer } from './snapshot-restore'

/** A consistent cut of `state`: its position and a generator of its parts. */
export function cutSnapshot(state: LedgerState): { seq: number; parts: Iterable<SnapshotPart> } {
  const seq = state.seq
  const cuts = [...state.workspaces.values()].map((ws) => {
    const actors = new Map<string, number>()
    const actorNo = (a: Actor | null) => {
      if (!a) return NO_ACTOR
      const key = `${a.token}\u0000${a.name}`
      let no = actors.get(key)
      if (no === undefined) actors.set(key, (no = actors.size))
      return no
    }
    const tables = cutTables(ws, actorNo)
    const productLots = new Array<number>(ws.products.size).fill(0)
    for (const no of tables.lotProduct) productLots[no]++
    const productQuants = new Array<number>(ws.products.size).fill(0)
    for (const no of tables.quants.product) productQuants[no]++
    const head: WorkspaceHead = {
      id: ws.id, name: ws.name, createdAt: ws.createdAt, settings: { ...ws.settings },
      tokens: [...ws.tokens.values()].map((t) => ({ ...t })),
      actors: [...actors.keys()].map((k) => k.split('\u0000') as [string, string]),
      products: [...ws.products.values()].map((p) => [p.sku, p.name, p.uom, p.tracking, p.gtin, p.expiry, p.updatedAt, p.updatedBy, p.foodTraceabilityList]),
      locations: [...ws.locations.values()].map((l) => [l.code, l.name, l.kind, l.builtIn, l.updatedAt, l.updatedBy, l.gln, l.fdaRegistration]),
      partners: [...ws.partners.values()].map((p) => ({ ...p })),
      lots: ws.lotList.length, quants: tables.quants.qty.length, operations: ws.operations.size, moves: ws.moves.length, changes: ws.changes.length,
      productLots,
      productMoves: [...ws.products.values()].map((p) => p.moves.length),
      productQuants,
      locationMoves: [...ws.locations.values()].map((l) => l.moves.length),
      recalls: [...ws.recalls.values()].map(recallRow),
      receiptKdes: { from: ws.receiptKdes.from, byOperation: [...ws.receiptKdes.byOperation] },
    }
    return { ws, head, tables, actorNo }
  })
  function* parts(): Generator<SnapshotPart> {
    yield { kind: 'head', version: SNAPSHOT_VERSION, seq, workspaces: cuts.map((c) => c.head) }
    for (const { ws, head, tables, actorNo } of cuts) {
      yield* lotTableParts(ws.id, tables, actorNo)
      yield* quantTableParts(ws.id, tables)
      yield* operationChunks(ws, head.operations)
      yield* moveTableParts(ws, head.moves)
      yield* changeListParts(ws, head.changes)
    }
  }
  return { seq, parts: parts() }
}

function* operationChunks(ws: WorkspaceState, count: number): Generator<SnapshotPart> {
  const empty = (): OperationColumns => ({ id: [], seq: [], type: [], reference: [], date: [], partner: [], moveCount: [], correctionOf: [], genealogy: [] })
  let c = empty()
  let seen = 0
  for (const op of ws.operations.values()) {
    if (seen++ === count) break
    const k = c.id.length
    c.id.push(op.id)
    c.seq.push(op.seq)
    c.type.push(OPERATION_TYPE_INFO[op.type].code)
    c.reference.push(op.reference)
    c.date.push(op.date)
    c.partner.push(op.partner)
    c.moveCount.push(op.moveCount)
    if (op.correctionOf !== null) c.correctionOf.push([k, op.correctionOf])
    if (op.genealogy.length) c.genealogy.push([k, op.genealogy.map((g) => [g.output.no, g.inputs.map((i) => i.no)])])
    if (c.id.length === CHUNK) {
      yield { kind: 'operations', ws: ws.id, cols: c }
      c = empty()
    }
  }
  if (c.id.length) yield { kind: 'operations', ws: ws.id, cols: c }
}
