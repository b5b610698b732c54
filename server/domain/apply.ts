/**
 * Replaying journal records into the in-memory state. Records were validated before they were
 * written, so applying one cannot fail; the only checks here are assertions against bugs.
 */
import { assertNever } from '../../shared/assert-never'
import { DEFAULT_SETTINGS, withSettingDefaults } from '../../shared/schemas/settings'
import { applyOperation, saveLot } from './apply-operation'
import { applyRecallClosed, applyRecallOpened } from './holds'
import type { DataRecord, JournalRecord } from './records'
import { BUILT_IN_LOCATIONS, newLocation, newProduct, newWorkspace, type LedgerState, type WorkspaceState } from './state'
import type { UndoLog } from './undo'

/** Applies one record to the state. Records must come in journal order. */
export function applyRecord(state: LedgerState, rec: JournalRecord): void {
  if (rec.seq !== state.seq + 1) throw new Error(`journal out of order: expected ${state.seq + 1}, got ${rec.seq}`)
  state.seq = rec.seq
  switch (rec.type) {
    case 'workspace.created':
      return createWorkspace(state, rec.ws, rec.data.name, rec.at)
    case 'token.created': {
      const d = rec.data
      const ws = workspaceOf(state, rec)
      const token = { id: d.id, workspace: ws.id, name: d.name, role: d.role, hash: d.hash, createdAt: rec.at, createdBy: rec.by, revokedAt: null, revokedBy: null }
      ws.tokens.set(token.id, token)
      state.tokensByHash.set(token.hash, token)
      return
    }
    case 'token.revoked': {
      const token = workspaceOf(state, rec).tokens.get(rec.data.id)
      if (!token) throw new Error(`record ${rec.seq} revokes unknown token`)
      token.revokedAt = rec.at
      token.revokedBy = rec.by
      state.tokensByHash.delete(token.hash)
      return
    }
    // A recall changes no data the change feed carries: the audit reads it from the state.
    case 'recall.opened':
      return applyRecallOpened(workspaceOf(state, rec), rec.seq, rec.data, rec.at, rec.by)
    case 'recall.closed':
      return applyRecallClosed(workspaceOf(state, rec), rec.data.id, rec.data.reason, rec.at, rec.by)
    case 'batch': {
      for (const part of rec.data.parts) applyPart(state, { ...part, seq: rec.seq, at: rec.at } as DataRecord)
      return recordChange(state, rec.seq, rec.data.parts.map((p) => p.ws))
    }
    case 'settings.updated':
    case 'product.saved':
    case 'location.saved':
    case 'partner.saved':
    case 'lots.saved':
    case 'operation.recorded':
      applyPart(state, rec)
      return recordChange(state, rec.seq, [rec.ws])
    default:
      return assertNever(rec, 'record type')
  }
}

/** Makes record `seq` a change of each workspace it touched (the change feed). */
export function recordChange(state: LedgerState, seq: number, workspaces: string[]): void {
  for (const id of new Set(workspaces)) workspaceOf(state, { ws: id, seq }).changes.push(seq)
}

function workspaceOf(state: LedgerState, rec: { ws: string; seq: number }): WorkspaceState {
  const ws = state.workspaces.get(rec.ws)
  if (!ws) throw new Error(`record ${rec.seq} names unknown workspace ${rec.ws}`)
  return ws
}

function createWorkspace(state: LedgerState, id: string, name: string, at: string): void {
  if (state.workspaces.has(id)) throw new Error(`workspace ${id} created twice`)
  const ws = newWorkspace(id, name, at, { ...DEFAULT_SETTINGS })
  for (const l of BUILT_IN_LOCATIONS) ws.locations.set(l.code, newLocation(ws.locations.size, l, true, at, null))
  state.workspaces.set(id, ws)
}

/**
 * Applies one data change: a record, or a part of a batch (then `seq` is the batch's). With
 * `undo`, each mutation leaves its inverse there. Neither the journal position nor the change
 * feed moves here: see `applyRecord`.
 */
export function applyPart(state: LedgerState, rec: DataRecord, undo?: UndoLog): void {
  const ws = workspaceOf(state, rec)
  switch (rec.type) {
    case 'settings.updated': {
      const before = ws.settings
      ws.settings = withSettingDefaults(rec.data)
      undo?.push(() => (ws.settings = before))
      return
    }
    case 'product.saved': {
      const existing = ws.products.get(rec.data.sku)
      const next = newProduct(existing?.no ?? ws.products.size, rec.data, rec.at, rec.by, ws.lotList)
      if (existing) {
        const before = { ...existing }
        Object.assign(existing, { ...next, moves: existing.moves, quants: existing.quants, looseQuants: existing.looseQuants, lots: existing.lots })
        undo?.push(() => Object.assign(existing, before))
      } else {
        ws.products.set(next.sku, next)
        undo?.push(() => ws.products.delete(next.sku))
      }
      return
    }
    case 'location.saved': {
      const existing = ws.locations.get(rec.data.code)
      if (existing) {
        const before = { ...existing }
        const { name, kind, gln = null, fdaRegistration = null } = rec.data
        Object.assign(existing, { name, kind, gln, fdaRegistration, updatedAt: rec.at, updatedBy: rec.by })
        undo?.push(() => Object.assign(existing, before))
      } else {
        ws.locations.set(rec.data.code, newLocation(ws.locations.size, rec.data, false, rec.at, rec.by))
        undo?.push(() => ws.locations.delete(rec.data.code))
      }
      return
    }
    case 'partner.saved': {
      const before = ws.partners.get(rec.data.code)
      ws.partners.set(rec.data.code, { ...rec.data, updatedAt: rec.at, updatedBy: rec.by })
      undo?.push(() => (before ? ws.partners.set(before.code, before) : ws.partners.delete(rec.data.code)))
      return
    }
    case 'lots.saved':
      for (const doc of rec.data.lots) saveLot(ws, doc, rec.at, rec.by, undo)
      return
    case 'operation.recorded':
      return applyOperation(ws, rec.seq, rec.data.result, rec.at, rec.by, undo)
    default:
      return assertNever(rec, 'record type')
  }
}
