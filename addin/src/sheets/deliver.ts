/**
 * Puts a sheet where the user works: into the workbook in Excel (a sheet per lot for traces and
 * recalls), or, without Excel, the server's own export of it downloaded.
 */
import type { SheetModel, SheetSource } from '../../../shared/sheets/model'
import { ourSheets, writeSheet } from '../../excel'
import type { ApiClient, Query } from '../api/client'
import { saveFile } from '../download/save'
import { pullSheet, type Progress, type PullContext } from './pull'
import { exportOf, sheetNameFor, type ReportName } from './sources'

export interface Delivered {
  /** Where it went: the worksheet's name, or the downloaded file's. */
  place: string
  /** Rows written (unknown for a download: the server counted them into the file). */
  rows: number | null
  /** The worksheet was new (false: an earlier one refreshed in place). */
  created: boolean
  /** What the sheet says must be known at once (a recall's hold), if anything. */
  notice?: string
}

/** Downloads the server's export `report` with `query` (`GET /exports/{report}.xlsx`); resolves with the file's name. */
export async function downloadReport(api: ApiClient, report: ReportName, query: Query): Promise<string> {
  return saveFile(await api.file('GET', `/exports/${report}.xlsx`, { query }))
}

/** Fetches the sheet for `source` and writes it into the workbook as `name` (default: its own), or downloads its export. */
export async function deliverSheet(api: ApiClient, source: SheetSource, ctx: PullContext, excel: boolean, progress: Progress, name?: string): Promise<Delivered> {
  if (!excel) {
    progress('Downloading…')
    const { report, query } = exportOf(source)
    return { place: await downloadReport(api, report, query), rows: null, created: true }
  }
  const pulled = await pullSheet(api, source, ctx, progress)
  const model: SheetModel = { ...pulled, name: name ?? sheetNameFor(source, pulled.name) }
  progress(`Writing ${model.rows.length.toLocaleString('en-US')} rows into ${model.name}…`, 0, model.rows.length)
  const done = await writeSheet(model, { onProgress: (written, total) => progress(`Writing rows into ${model.name}`, written, total) })
  return { place: model.name, rows: done.rows, created: done.created, ...(model.notice ? { notice: model.notice } : {}) }
}

/** Pulls every lotledger sheet of the workbook again, in place (under its name, also one the user renamed). */
export async function refreshAll(api: ApiClient, ctx: PullContext, progress: Progress): Promise<Delivered[]> {
  const sheets = await ourSheets()
  const done: Delivered[] = []
  for (const [i, s] of sheets.entries()) {
    progress(`Refreshing ${s.name} (${i + 1} of ${sheets.length})…`)
    done.push(await deliverSheet(api, s.source, { ...ctx, now: new Date() }, true, progress, s.name))
  }
  return done
}
