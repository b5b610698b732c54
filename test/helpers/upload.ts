/** Uploading a file to the import endpoint, as a browser or the command line does. */
import ExcelJS from 'exceljs'

export interface ImportReply {
  status: number
  body: any
  headers: Headers
  bytes?: Buffer
}

/** POSTs `content` as multipart field `file` named `name` to /api/v1/imports. */
export async function upload(url: string, token: string, query: string, name: string, content: string | Buffer): Promise<ImportReply> {
  const form = new FormData()
  form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), name)
  const res = await fetch(`${url}/api/v1/imports?${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })
  if ((res.headers.get('content-type') ?? '').includes('spreadsheetml')) {
    return { status: res.status, body: null, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) }
  }
  return { status: res.status, body: await res.json(), headers: res.headers }
}

/** An .xlsx of one sheet with these rows (the first is the header). */
export async function workbook(sheet: string, rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(sheet)
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}
