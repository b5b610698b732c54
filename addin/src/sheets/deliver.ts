/** Puts a sheet where the user works: into the workbook in Excel, or a downloaded .xlsx without it. */
import type { SheetContext } from '../../../shared/sheets/builders'
import type { SheetModel, SheetSource } from '../../../shared/sheets/model'
import { dateInZone } from '../../../shared/dates'
import { ourSheets, writeSheet } from '../../excel'
import type { ApiClient } from '../api/client'
import { downloadSheet } from '../download/xlsx'
import { pullSheet, type Progress } from './pull'

export interface Delivered {
  model: SheetModel
  /** Where it went: the worksheet's name, or the downloaded file's. */
  place: string
}

/** Fetches the sheet for `source` and writes it into the workbook (or downloads it). */
export async function deliverSheet(api: ApiClient, source: SheetSource, ctx: SheetContext, excel: boolean, progress: Progress): Promise<Delivered> {
  const model = await pullSheet(api, source, ctx, progress)
  if (!excel) {
    progress('Making the .xlsx file…')
    return { model, place: await downloadSheet(model, dateInZone(ctx.now, ctx.timeZone)) }
  }
  progress(`Writing ${model.rows.length.toLocaleString('en-US')} rows into ${model.name}…`, 0, model.rows.length)
  await writeSheet(model, { onProgress: (done, total) => progress(`Writing rows into ${model.name}`, done, total) })
  return { model, place: model.name }
}

/** Pulls every lotledger sheet of the workbook again, in place. */
export async function refreshAll(api: ApiClient, ctx: SheetContext, progress: Progress): Promise<Delivered[]> {
  const sheets = await ourSheets()
  const done: Delivered[] = []
  for (const [i, s] of sheets.entries()) {
    progress(`Refreshing ${s.name} (${i + 1} of ${sheets.length})…`)
    done.push(await deliverSheet(api, s.source, { ...ctx, now: new Date() }, true, progress))
  }
  return done
}
