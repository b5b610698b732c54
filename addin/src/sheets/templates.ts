/**
 * Import templates from the pane: inserted as a sheet of the open workbook, built from the
 * pane's catalogue with the same shared definition the server's .xlsx uses, or, without Office,
 * the server's .xlsx downloaded.
 */
import type { ImportKind } from '../../../shared/import/kinds'
import { templateModel, type TemplateModel } from '../../../shared/import/templates'
import type { ApiClient } from '../api/client'
import { saveFile } from '../download/save'
import type { Catalogue } from '../sync/catalogue'

/** The template of `kind` with the catalogue's products and locations, made now. */
export function paneTemplate(kind: ImportKind, catalogue: Catalogue, now = new Date()): TemplateModel {
  return templateModel(
    kind,
    { products: catalogue.products.map((p) => p.sku), locations: catalogue.locations.map((l) => l.code) },
    { workspace: catalogue.me.workspace.id, timeZone: catalogue.settings.timeZone, dateFormat: catalogue.settings.dateFormat, now },
  )
}

/** Downloads the server's template of `kind` (`GET /templates/{kind}.xlsx`); resolves with the file name. */
export async function downloadTemplate(api: ApiClient, kind: ImportKind): Promise<string> {
  return saveFile(await api.file('GET', `/templates/${kind}.xlsx`))
}
