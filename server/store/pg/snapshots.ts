/**
 * Snapshots of a journaled state in the database, so that a start loads the newest one and
 * replays only the records after it. The parts are the same JSON parts as a snapshot file's,
 * one row each. A snapshot's rows and its head row commit together, so a snapshot that can be
 * read is whole; older ones are removed in the same transaction.
 */
import type { Sql } from 'postgres'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { SnapshotCodec } from '../snapshot-file'

/** Bytes of parts sent in one INSERT. */
const INSERT_BYTES = 4 * 1024 * 1024
/** Parts read in one query. */
const READ_PARTS = 16

export class PgSnapshots<T> {
  readonly #sql: Sql
  readonly #codec: SnapshotCodec<T>
  /** Journal position of the newest snapshot known (0: none). */
  seq = 0

  constructor(sql: Sql, codec: SnapshotCodec<T>) {
    this.#sql = sql
    this.#codec = codec
  }

  /** The newest snapshot and its journal position, or null when there is none. Throws when it is damaged. */
  async load(): Promise<{ state: T; seq: number } | null> {
    const [head] = await this.#sql<Array<{ id: string; seq: string; parts: number }>>`
      select id, seq, parts from lotledger.snapshots order by id desc limit 1`
    if (!head) return null
    const sql = this.#sql
    const id = head.id
    let read = 0
    async function* parts(): AsyncGenerator<unknown> {
      while (read < head.parts) {
        const rows = await sql<Array<{ n: number; part: string }>>`
          select n, part from lotledger.snapshot_parts where snapshot = ${id} and n >= ${read} order by n limit ${READ_PARTS}`
        if (rows.length === 0) throw new Error(`snapshot ${id} lacks part ${read}`)
        for (const row of rows) {
          if (row.n !== read) throw new Error(`snapshot ${id} lacks part ${read}`)
          read++
          yield JSON.parse(row.part)
        }
      }
    }
    const state = await this.#codec.restore(parts())
    if (read !== head.parts) throw new Error(`snapshot ${id} was read only in part (${read} of ${head.parts} parts)`)
    this.seq = Number(head.seq)
    return { state, seq: this.seq }
  }

  /**
   * Stores a snapshot of `state`, which must be at journal position `seq` (every record up to it
   * committed). Returns false when the state has moved past `seq` (the cut would not match), or
   * when the codec may not cut now.
   */
  async save(state: T, seq: number): Promise<boolean> {
    if (this.#codec.mayCut?.() === false) return false
    const cut = this.#codec.cut(state)
    if (cut.seq !== seq) return false
    await this.#sql.begin(async (tx) => {
      const [{ id }] = await tx<Array<{ id: string }>>`insert into lotledger.snapshots (seq, parts) values (${seq}, 0) returning id`
      let n = 0
      let rows: Array<{ snapshot: string; n: number; part: string }> = []
      let size = 0
      const flush = async () => {
        if (rows.length) await tx`insert into lotledger.snapshot_parts ${tx(rows, 'snapshot', 'n', 'part')}`
        rows = []
        size = 0
      }
      for (const part of cut.parts) {
        const text = JSON.stringify(part)
        rows.push({ snapshot: id, n: n++, part: text })
        size += text.length
        // Other requests go on between parts: a snapshot of a big ledger takes seconds.
        if (size >= INSERT_BYTES) await flush()
        else await nextTurn()
      }
      await flush()
      await tx`update lotledger.snapshots set parts = ${n} where id = ${id}`
      await tx`delete from lotledger.snapshots where id < ${id}`
    })
    this.seq = seq
    this.#codec.saved?.()
    return true
  }
}
