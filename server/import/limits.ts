/**
 * How much an uploaded file may make the server read: the bounds that keep one upload's time
 * and memory in proportion to what was sent, whatever the file claims. Beyond them the file is
 * refused (`unreadable_file`) before it is read on. Excel's own limits (rows, columns, characters
 * in a cell) are in shared/xlsx.ts.
 */

/** The longest CSV line (one row: quoted line breaks included), in characters. */
export const CSV_MAX_LINE_CHARS = 1_048_576

/** The most a worksheet part of an .xlsx may inflate to (a sheet is read as it inflates). */
export const XLSX_MAX_SHEET_BYTES = 128_000_000

/** The most the shared strings of an .xlsx may inflate to (they are held in memory while sheets are read). */
export const XLSX_MAX_SHARED_STRINGS_BYTES = 64_000_000

/** The most each other part read (workbook, its relationships, styles) may inflate to. */
export const XLSX_MAX_OTHER_PART_BYTES = 16_000_000

/** The most all the parts read together may inflate to. */
export const XLSX_MAX_TOTAL_BYTES = 256_000_000

/**
 * The most a part may inflate to per byte stored, for parts over {@link XLSX_RATIO_FROM_BYTES}.
 * Sheets written by Excel, LibreOffice or exceljs inflate 2 to 10 times; zip bombs, hundreds.
 */
export const XLSX_MAX_RATIO = 100

/** Parts smaller than this once inflated are not held to the ratio (tiny parts compress oddly). */
export const XLSX_RATIO_FROM_BYTES = 1_000_000

/**
 * The most bytes of a part read without a '<': a cell holds at most 32,767 characters (about
 * 330 kB written as character references), so a longer run of text, or a tag this long, is no
 * workbook's. Refused before exceljs would build it into one string.
 */
export const XLSX_MAX_TEXT_RUN_BYTES = 1_000_000

/** The most entries an .xlsx's zip directory may list. */
export const XLSX_MAX_ENTRIES = 10_000
