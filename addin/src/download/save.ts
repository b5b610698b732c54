/**
 * Files the server made (reports, templates, annotated imports), handed to the browser as a
 * download. The pane builds no workbook itself: outside Excel its downloads are the server's
 * exports, the same files `GET /exports` gives.
 */
import type { ServerFile } from '../api/client'

/** Saves `file` through the browser's download, under the name the server gave it. */
export function saveFile(file: ServerFile): string {
  const url = URL.createObjectURL(file.bytes)
  const a = document.createElement('a')
  a.href = url
  a.download = file.fileName
  document.body.append(a)
  a.click()
  a.remove()
  // The download has read the blob by then; a later revoke only frees memory.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return file.fileName
}
