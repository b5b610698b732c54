/**
 * exceljs (4.4) keeps a style's `quotePrefix` nowhere: it writes a cell style's number format,
 * font, fill, border, alignment and protection into its `xf` record, and drops the rest. This
 * teaches it to write `quotePrefix="1"` too, so that a cell given `style.quotePrefix = true` is
 * quoted text in Excel and LibreOffice: shown as it is, and kept text when edited.
 *
 * Its style classes are not among its exports: they are reached through the objects a workbook
 * makes while it prepares to be written (the streaming writer uses the same classes).
 */
import type ExcelJS from 'exceljs'
import { looksLikeFormula } from '../../shared/formula-text'

interface XmlStream {
  openNode(name: string, attributes?: Record<string, unknown>): void
}

/** exceljs's StylesXform: the workbook's style table. */
interface StylesXform {
  addStyleModel(model: { quotePrefix?: boolean } | undefined, cellType?: number): number
  _addStyle(style: Record<string, unknown>): number
  map: { style: StyleXform }
}

/** exceljs's StyleXform: writes one `xf` record. */
interface StyleXform {
  render(xmlStream: XmlStream, model: { quotePrefix?: boolean } | undefined): void
}

const PATCHED = Symbol.for('lotledger.quotePrefix')

/** The style a cell gets to be quoted text: `base` (shared by such cells) with the quote prefix. */
export type QuotedStyle = Partial<ExcelJS.Style> & { quotePrefix: true }

/** Makes `excel` (the exceljs module) write `quotePrefix="1"` for styles that have it. Safe to call again. */
export function enableQuotePrefix(excel: typeof ExcelJS): void {
  const probe = new excel.Workbook()
  probe.addWorksheet('probe')
  const model = probe.model as unknown as { styles?: StylesXform }
  ;(probe.xlsx as unknown as { prepareModel(model: unknown, options: object): void }).prepareModel(model, {})
  const styles = model.styles
  if (!styles) throw new Error('exceljs did not make a style table: its quote prefix cannot be written')
  const stylesProto = Object.getPrototypeOf(styles) as StylesXform & { [PATCHED]?: true }
  if (stylesProto[PATCHED]) return
  const styleProto = Object.getPrototypeOf(styles.map.style) as StyleXform

  const addStyleModel = stylesProto.addStyleModel
  stylesProto.addStyleModel = function (this: StylesXform, style, cellType) {
    if (!style?.quotePrefix) return addStyleModel.call(this, style, cellType)
    // The xf record is built from a new object without it: add it on its way to the table.
    this._addStyle = (xf) => stylesProto._addStyle.call(this, { ...xf, quotePrefix: true })
    try {
      return addStyleModel.call(this, style, cellType)
    } finally {
      delete (this as Partial<StylesXform>)._addStyle
    }
  }

  const render = styleProto.render
  styleProto.render = function (this: StyleXform, xmlStream, xf) {
    if (!xf?.quotePrefix) return render.call(this, xmlStream, xf)
    // Attributes go on the opening tag, before the xf's children.
    const openNode = xmlStream.openNode
    xmlStream.openNode = (name, attributes) => openNode.call(xmlStream, name, { ...attributes, quotePrefix: '1' })
    try {
      render.call(this, xmlStream, xf)
    } finally {
      xmlStream.openNode = openNode
    }
  }
  stylesProto[PATCHED] = true
}

/** `base` as quoted text. */
export function quoted(base: Partial<ExcelJS.Style> = {}): QuotedStyle {
  return { ...base, quotePrefix: true }
}

/** Marks `cell` as quoted text when its value would turn into a formula on editing (its other styles kept). */
export function quoteIfFormula(cell: ExcelJS.Cell): void {
  if (looksLikeFormula(cell.value)) cell.style = quoted(cell.style)
}
