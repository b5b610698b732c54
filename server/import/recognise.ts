/**
 * Whether the operation a group of rows stands for is in the ledger already, judged by what it
 * says (identity.ts), never by the file's name or the rows' places:
 *
 * - with an Id column, the operation of that id: the same content (lines in any order) is
 *   already imported, other content is an edit;
 * - without one, the operation of the id its content derives, or any operation of the same type
 *   and reference saying the same (so operations imported before under ids derived from the
 *   file name and row, or recorded in the pane, are recognised too) is already imported; one of
 *   the same type, reference and date sharing a line's place (the same product and lot moving
 *   between the same locations) is the same operation edited; anything else is new, such as a
 *   second delivery of PO-1042 on another day, or with other lines.
 */
import { referenceIndex, type OperationRec, type WorkspaceState } from '../domain/state'
import type { LedgerStore } from '../store/ledger-store'
import { contentOf, derivedId, sameContent, sharedPlaces, type Content } from './identity'

/** An operation a file holds: its Id (the Id column) or null, and its content. */
export interface Draft {
  id: string | null
  content: Content
}

export type Recognition =
  | { kind: 'new'; id: string }
  | { kind: 'imported' }
  | { kind: 'edited'; before: Content }

/** Operations of the ledger that drafts could be, with what they said when recorded. */
export class KnownOperations {
  readonly #ws: WorkspaceState
  readonly #said: Map<string, Content>

  private constructor(ws: WorkspaceState, said: Map<string, Content>) {
    this.#ws = ws
    this.#said = said
  }

  /** Reads from the journal what the operations `drafts` could be said (one read for all of them). */
  static async load(store: LedgerStore, ws: WorkspaceState, drafts: Draft[]): Promise<KnownOperations> {
    const wanted = new Map<string, OperationRec>()
    for (const d of drafts) for (const op of candidates(ws, d)) wanted.set(op.id, op)
    const said = new Map<string, Content>()
    if (wanted.size === 0) return new KnownOperations(ws, said)
    const records = await store.records([...new Set([...wanted.values()].map((op) => op.seq))])
    for (const rec of records) {
      for (const part of rec.type === 'batch' ? rec.data.parts : [rec]) {
        if (part.type !== 'operation.recorded') continue
        const op = part.data.result.operation
        if (wanted.has(op.id)) said.set(op.id, contentOf(op.request))
      }
    }
    return new KnownOperations(ws, said)
  }

  /** What `draft` is to the ledger. */
  recognise(draft: Draft): Recognition {
    if (draft.id !== null) {
      const before = this.#said.get(draft.id)
      if (!before) return { kind: 'new', id: draft.id }
      return sameContent(before, draft.content) ? { kind: 'imported' } : { kind: 'edited', before }
    }
    const said = candidates(this.#ws, draft).map((op) => this.#said.get(op.id)).filter((c) => c !== undefined)
    if (said.some((c) => sameContent(c, draft.content))) return { kind: 'imported' }
    let edited: Content | null = null
    let most = 0
    for (const c of said) {
      if (c.date !== draft.content.date) continue
      const shared = sharedPlaces(c, draft.content)
      if (shared > most) (edited = c), (most = shared)
    }
    if (edited) return { kind: 'edited', before: edited }
    const id = derivedId(draft.content)
    // An id of that form given to another operation by hand: refused by its content, as an edit.
    const taken = this.#said.get(id)
    return taken ? { kind: 'edited', before: taken } : { kind: 'new', id }
  }
}

/** The ledger's operations `draft` could be: that of its id, or of its derived id and those of its type and reference. */
function candidates(ws: WorkspaceState, draft: Draft): OperationRec[] {
  if (draft.id !== null) {
    const op = ws.operations.get(draft.id)
    return op ? [op] : []
  }
  const out = (referenceIndex(ws).get(draft.content.reference) ?? []).filter((op) => op.type === draft.content.type)
  const derived = ws.operations.get(derivedId(draft.content))
  if (derived && !out.includes(derived)) out.push(derived)
  return out
}
