/**
 * The audit report: who did what, every journal record of the workspace in order: when, who
 * (the token's name), what in words, what it was about, and a short summary; a batch (an
 * import) is a row followed by its parts, indented. Records are read from the journal a chunk at
 * a time. Tokens' creation and revocation and recalls' opening and closing are kept in the
 * workspace state (not its change list), so they are merged in by time.
 */
import type { Actor } from '../../shared/schemas/common'
import { col, filterText, sheetSubtitle, when } from '../../shared/sheets/builders'
import type { CellValue, SheetColumn } from '../../shared/sheets/model'
import { isDataRecord, type BatchPart, type JournalRecord } from '../domain/records'
import { RecordDescriber, type Described } from './audit-words'
import { reportFileName } from './file-name'
import { timeRange, type Report, type ReportContext } from './report'
import type { RowBatch } from './xlsx-stream'

export const AUDIT_COLUMNS: SheetColumn[] = [
  col('Time', 'datetime', 17), col('Who', 'text', 18), col('What', 'text', 30), col('Reference', 'text', 22),
  col('Summary', 'text', 60, { wrap: true }), col('Record', 'number', 9, { center: true }),
]

/** Journal records read at once. */
const RECORDS_PER_READ = 500

interface StateEvent {
  at: string
  by: Actor | null
  described: Described
}

const who = (by: Actor | null) => (by ? by.name : '(system)')

/** Workspace creation, token and recall events, oldest first. */
function stateEvents(c: ReportContext): StateEvent[] {
  const { ws } = c
  const events: StateEvent[] = [{ at: ws.createdAt, by: null, described: { what: 'Workspace created', reference: ws.id, summary: ws.name } }]
  for (const t of ws.tokens.values()) {
    events.push({ at: t.createdAt, by: t.createdBy, described: { what: 'Token created', reference: t.name, summary: `${t.role} token ${t.id}` } })
    if (t.revokedAt !== null) {
      events.push({ at: t.revokedAt, by: t.revokedBy ?? null, described: { what: 'Token revoked', reference: t.name, summary: `${t.role} token ${t.id}` } })
    }
  }
  for (const r of ws.recalls.values()) {
    const reference = `${r.id}: ${r.product} ${r.lot}`
    events.push({ at: r.openedAt, by: r.openedBy, described: { what: 'Recall opened', reference, summary: `${r.reason} · ${r.lots.length === 1 ? '1 lot held' : `${r.lots.length} lots held`}` } })
    if (r.closedAt !== null) events.push({ at: r.closedAt, by: r.closedBy, described: { what: 'Recall closed', reference, summary: r.closeReason } })
  }
  return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
}

export function auditReport(c: ReportContext, q: { after?: string; before?: string }): Report {
  const { ws, store } = c
  const range = timeRange(ws, q.after, q.before)
  const inRange = (at: string) => (range.after === undefined || at >= range.after) && (range.before === undefined || at < range.before)
  const end = ws.changes.length
  const events = stateEvents(c)
  return {
    fileName: reportFileName(['Audit', q.after && `from ${q.after}`, q.before && `to ${q.before}`, c.today]),
    head: {
      name: 'Audit', title: 'Audit: who did what',
      subtitle: sheetSubtitle(c.sheet, [filterText(q)], null),
      columns: AUDIT_COLUMNS,
      indentColumn: 2,
    },
    async *rows(): AsyncGenerator<RowBatch> {
      const describer = new RecordDescriber()
      let rows: CellValue[][] = []
      let levels: number[] = []
      const add = (at: string, by: Actor | null, d: Described, seq: number | null, level: number) => {
        rows.push([when(at, c.sheet), who(by), d.what, d.reference, d.summary, seq])
        levels.push(level)
      }
      let e = 0
      const eventsUpTo = (at: string | null) => {
        for (; e < events.length && (at === null || events[e].at <= at); e++) {
          if (inRange(events[e].at)) add(events[e].at, events[e].by, events[e].described, null, 0)
        }
      }
      for (let i = 0; i < end; i += RECORDS_PER_READ) {
        const records = await store.records(ws.changes.slice(i, Math.min(end, i + RECORDS_PER_READ)))
        for (const rec of records) {
          eventsUpTo(rec.at)
          const parts = partsOf(rec, ws.id)
          // Every record is described, also outside the range: what came before tells a creation from a change.
          const described = parts.map((p) => describer.describe(p))
          if (!inRange(rec.at)) continue
          if (rec.type === 'batch') {
            add(rec.at, rec.by, { what: `Batch of ${parts.length} changes`, reference: null, summary: rec.data.label }, rec.seq, 0)
            described.forEach((d, k) => add(rec.at, parts[k].by, d, rec.seq, 1))
          } else {
            add(rec.at, rec.by, described[0], rec.seq, 0)
          }
        }
        if (rows.length) yield { rows, levels }
        rows = []
        levels = []
      }
      eventsUpTo(null)
      if (rows.length) yield { rows, levels }
    },
  }
}

/** The data changes of a record for workspace `ws`: itself, or a batch's parts. */
function partsOf(rec: JournalRecord, ws: string): BatchPart[] {
  if (rec.type === 'batch') return rec.data.parts.filter((p) => p.ws === ws)
  return isDataRecord(rec) ? [rec] : []
}
