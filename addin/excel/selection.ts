/**
 * Reading what the user selected: the cell to trace, and rows to take lines from. Only the
 * cells needed are read. Headers come from the table under the selection, or else from the
 * first row of the region around it (the block bounded by blank rows and columns; on our
 * sheets that is the table too, since a blank row separates it from the title).
 */
import { cellText, cellValue, traceTarget } from './headers'
import { isPayloadLimitError } from './errors'

export interface SelectionContext {
  sheet: string
  /** Address of the active cell without the sheet, e.g. `D7`. */
  address: string
  value: string | number | null
  /** The header of the active cell's column, when the region has a header row. */
  header: string | null
  product: string | null
  lot: string | null
}

export interface SelectedRows {
  sheet: string
  headers: string[]
  /** Row values as Excel has them: dates are serial numbers. */
  rows: Array<Array<string | number | null>>
}

/** At most this many rows, and this many cells, per read. */
export const READ_BLOCK_ROWS = 10_000
export const READ_BLOCK_CELLS = 200_000

const localAddress = (address: string) => address.slice(address.lastIndexOf('!') + 1)

/** The active cell, its value, and the product and lot of its row (one sync). */
export async function selectionContext(): Promise<SelectionContext> {
  return Excel.run(async (context) => {
    const cell = context.workbook.getActiveCell()
    cell.load('address,values,rowIndex,columnIndex')
    const sheet = cell.worksheet
    sheet.load('name')
    const region = cell.getSurroundingRegion()
    region.load('rowIndex,columnIndex,rowCount')
    const headerRow = region.getRow(0)
    headerRow.load('values')
    const row = cell.getEntireRow().getIntersection(region)
    row.load('values')
    await context.sync()

    const value = cellValue(cell.values[0][0])
    const headers = region.rowCount > 1 ? headerRow.values[0] : []
    const column = cell.columnIndex - region.columnIndex
    const { product, lot } = traceTarget({ headers, row: row.values[0], column, onHeaderRow: cell.rowIndex === region.rowIndex })
    const header = headers.length ? cellText(headers[column]) : null
    return { sheet: sheet.name, address: localAddress(cell.address), value, header, product, lot }
  })
}

/** Rows, columns and headers of the block the selection is read from. */
interface Block {
  rowIndex: number
  columnIndex: number
  rowCount: number
  columnCount: number
  headers: unknown[]
}

/**
 * The selected rows of the table under the selection, or else of the region around it (whole
 * rows, header excluded), with their headers. Large selections are read in blocks, one sync each.
 */
export async function selectedRows(): Promise<SelectedRows> {
  return Excel.run(async (context) => {
    const selection = context.workbook.getSelectedRange()
    selection.load('rowIndex,rowCount')
    const sheet = selection.worksheet
    sheet.load('name')
    const tables = selection.getTables(false)
    tables.load('items/name')
    const region = selection.getSurroundingRegion()
    region.load('rowIndex,columnIndex,rowCount,columnCount')
    const regionHeader = region.getRow(0)
    regionHeader.load('values')
    await context.sync()

    let block: Block = { rowIndex: region.rowIndex, columnIndex: region.columnIndex, rowCount: region.rowCount, columnCount: region.columnCount, headers: regionHeader.values[0] }
    if (tables.items.length > 0) {
      // A selection starting above a table (title rows) still means the table's rows.
      const table = tables.items[0]
      const range = table.getRange()
      range.load('rowIndex,columnIndex,rowCount,columnCount')
      const header = table.getHeaderRowRange()
      header.load('values')
      await context.sync()
      block = { rowIndex: range.rowIndex, columnIndex: range.columnIndex, rowCount: range.rowCount, columnCount: range.columnCount, headers: header.values[0] }
    }

    const first = Math.max(selection.rowIndex, block.rowIndex + 1)
    const end = Math.min(selection.rowIndex + selection.rowCount, block.rowIndex + block.rowCount)
    const width = block.columnCount
    const rows: SelectedRows['rows'] = []
    let size = Math.max(1, Math.min(READ_BLOCK_ROWS, Math.floor(READ_BLOCK_CELLS / width)))
    for (let start = first; start < end; ) {
      const count = Math.min(size, end - start)
      const range = sheet.getRangeByIndexes(start, block.columnIndex, count, width)
      range.load('values')
      try {
        await context.sync()
      } catch (e) {
        if (!isPayloadLimitError(e) || count === 1) throw e
        size = Math.ceil(count / 2)
        continue
      }
      for (const r of range.values) rows.push(r.map(cellValue))
      start += count
    }
    return { sheet: sheet.name, headers: block.headers.map((h) => String(h ?? '')), rows }
  })
}
