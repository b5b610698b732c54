/**
 * A workspace worth fuzzing: the varied ledger of `populate` (lot, serial and untracked products,
 * packages, every operation type, a revoked token, a second workspace) with an open recall, an
 * admin token for the fuzzer, tokens it may revoke, and the names of what exists, by the property
 * names that hold them.
 */
import { issueToken } from '../../server/admin/bootstrap'
import { openRecall } from '../../server/domain/commands/recalls'
import { referenceIndex } from '../../server/domain/state'
import type { TestClock } from './clock'
import { populate } from './ledger-scenario'
import type { TestServer } from './server'

export interface FuzzWorkspace {
  /** The fuzzer's admin token in workspace `acme`: it is never offered for revoking. */
  token: string
  /** Existing values by property or parameter name: `product`, `lot`, `from`, `id`... */
  pools: Record<string, string[]>
  /** Names whose values should mostly be new: an operation's id, so that most are recorded rather than replayed. */
  fresh: ReadonlySet<string>
}

/** Fills `server` with the workspace `acme` and answers what the fuzzer needs to reach into it. */
export async function fuzzWorkspace(server: TestServer, clock: TestClock): Promise<FuzzWorkspace> {
  await populate(server.store, clock)
  const fuzzer = await issueToken(server.store, 'acme', 'fuzzer', 'admin')
  const victims = await Promise.all((['viewer', 'operator', 'admin'] as const).map((role) => issueToken(server.store, 'acme', `victim ${role}`, role)))
  const ws = server.store.ledger.workspace('acme')
  // An open recall for the recall routes to reach: of a lot made by production, which nothing else needs to ship.
  openRecall(server.store.ledger, ws, null, { id: 'rc-fuzz', product: 'YOGURT', lot: 'Y1', reason: 'Fuzzing' })
  await server.store.persist()
  const other = server.store.ledger.workspace('other')

  const skus = [...ws.products.keys(), 'GHOST']
  const lots = [...new Set(ws.lotList.map((l) => l.name)), 'NEW-LOT', 'S9']
  const locations = [...ws.locations.keys(), 'WH/Stock/Shelf 1/Bin 9', 'Nowhere']
  const operations = [...ws.operations.keys()]
  const tokens = [...victims.map((v) => v.token.id), ...other.tokens.keys(), 'tok_ffffffffffffffff']
  return {
    token: fuzzer.secret,
    fresh: new Set(['id']),
    pools: {
      product: skus, sku: skus,
      lot: lots, serials: lots, name: [...lots, 'Milk 1L'],
      from: locations, to: locations, location: locations, code: locations,
      id: operations, correctionOf: operations,
      tokenId: tokens,
      recallId: ['rc-fuzz', 'rc-none'],
      reference: [...referenceIndex(ws).keys(), 'NEW/REF/1'],
      package: ['BOX-1', 'BOX-2', 'CRATE-1', 'NEW-BOX'],
      partner: ['Dairy Co', 'Shop'],
      timeZone: ['UTC', 'Europe/Brussels', 'Pacific/Kiritimati', 'Etc/GMT+12', 'Asia/Kathmandu', 'America/St_Johns', 'Mars/Olympus'],
      gtin: ['4006381333931', '00012345678905', '12345670', '4006381333932', 'abc'],
      uom: ['Units', 'kg', 'L'],
    },
  }
}
