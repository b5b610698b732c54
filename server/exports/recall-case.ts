/** The workbook of one recall: customers to notify, stock to quarantine, progress (see shared/sheets/recall-case). */
import { recallCaseSheet } from '../../shared/sheets/recall-case'
import { notFound } from '../domain/errors'
import { recallCase } from '../domain/queries/recalls'
import { reportFileName } from './file-name'
import { modelReport, type Report, type ReportContext } from './report'

/** The report of recall `q.id` as it stands. */
export function recallCaseReport(c: ReportContext, q: { id: string }): Report {
  const recall = c.ws.recalls.get(q.id)
  if (!recall) throw notFound(`recall ${q.id}`)
  const model = recallCaseSheet(recallCase(c.ws, recall), c.sheet)
  return modelReport(model, reportFileName(['Recall', q.id, recall.product, recall.lot, c.today]))
}
