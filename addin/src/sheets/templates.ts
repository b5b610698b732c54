/**
 * Import templates from the pane: inserted as a sheet of the open workbook, built from the
 * pane's catalogue with the same shared definition the server's .xlsx uses, or, without Office,
 * the server's .xlsx downloaded.
 */
import { fileNameFromDisposition } from '../../../shared/content-disposition'
import type { ImportKind } from '../../../shared/import/kinds'
import { templateModel, type TemplateModel } from '../../../shared/import/templates'
import { apiErrorOf, NetworkError } from '../api/errors'
import { saveXlsx } from '../download/xlsx'
import type { Catalogue } from '../sync/catalogue'
import type { Credentials } from '../sync/connection'

/** The template of `kind` with the catalogue's products and locations, made now. */
export function paneTemplate(kind: ImportKind, catalogue: Catalogue, now = new Date()): TemplateModel {
  return templateModel(
    kind,
    { products: catalogue.products.map((p) => p.sku), locations: catalogue.locations.map((l) => l.code) },
    { workspace: catalogue.me.workspace.id, timeZone: catalogue.settings.timeZone, dateFormat: catalogue.settings.dateFormat, now },
  )
}

/** `GET /templates/{kind}.xlsx`: the workbook's bytes and its file name. */
export async function fetchTemplate(credentials: Credentials, kind: ImportKind): Promise<{ bytes: ArrayBuffer; fileName: string }> {
  const url = `${credentials.serverUrl.replace(/\/+$/, '')}/api/v1/templates/${kind}.xlsx`
  let res: Response
  try {
    res = await fetch(url, { headers: { authorization: `Bearer ${credentials.token}` } })
  } catch (err) {
    throw new NetworkError(`cannot reach the server (${(err as Error).message})`)
  }
  if (!res.ok) {
    throw apiErrorOf(res.status, await res.json().catch(() => null))
  }
  return { bytes: await res.arrayBuffer(), fileName: fileNameFromDisposition(res.headers.get('content-disposition')) ?? `lotledger ${kind} template.xlsx` }
}

/** Downloads the server's template of `kind` through the browser; resolves with the file name. */
export async function downloadTemplate(credentials: Credentials, kind: ImportKind): Promise<string> {
  const { bytes, fileName } = await fetchTemplate(credentials, kind)
  saveXlsx(bytes, fileName)
  return fileName
}
