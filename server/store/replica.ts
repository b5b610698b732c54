/**
 * How a server takes part in a ledger that several servers share (the PostgreSQL store). The
 * embedded store has none: its one server writes, and every answer reflects all it holds.
 */

/** What the HTTP layer needs to know of this server's place among the others. */
export interface Replica {
  /** `writer`: appends to the journal; `follower`: applies what the writer appends, and passes writes on. */
  readonly role: 'writer' | 'follower'
  /** False while the state is being rebuilt from the database: no request can be answered. */
  readonly ready: boolean
  /** Where the writer takes the writes a follower passes on; null while none is known. */
  readonly writerUrl: string | null
  /** Resolves true once this server has applied journal position `seq`, false after `timeoutMs`. */
  waitForSeq(seq: number, timeoutMs: number): Promise<boolean>
}
