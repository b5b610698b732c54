/** A checked report as an HTTP download that streams while it is written. */
import { PassThrough, Readable } from 'node:stream'
import type { Context } from 'hono'
import { contentDisposition } from '../../shared/content-disposition'
import { XLSX_MIME } from '../../shared/xlsx'
import type { Report } from './report'
import { ReportAborted, writeReport } from './xlsx-stream'

/**
 * Answers 200 at once and writes the workbook into the response from a detached task. A failure
 * after the answer started can only cut the download short (the client sees an incomplete body):
 * everything that can be refused was checked while the report was made.
 */
export function streamReport(c: Context, report: Report, log: (message: string) => void): Response {
  const headers = {
    'content-type': XLSX_MIME,
    'content-disposition': contentDisposition(report.fileName),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  }
  // HEAD answers GET's headers: Hono drops the body unread, so none is made.
  if (c.req.method === 'HEAD') return c.body(null, 200, headers)
  const out = new PassThrough()
  void writeReport(report.head, report.rows(), out).catch((err: Error) => {
    if (!(err instanceof ReportAborted)) log(`export ${report.fileName} failed while streaming: ${err.stack ?? err.message}`)
    out.destroy(err)
  })
  return c.body(Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>, 200, headers)
}
