/**
 * The add-in's only door to Excel: every Office.js call lives under addin/excel. The pane
 * imports from here and stays plain TypeScript.
 */
export { excelAvailable } from './available'
export { officeReady } from './office-ready'
export { writeSheet, type WriteSheetOptions, type WriteSheetResult } from './write-sheet'
export { ourSheets, SHEETS_SETTING } from './settings'
export { selectionContext, selectedRows, type SelectionContext, type SelectedRows } from './selection'
export { freeSheetName, insertTemplate, type InsertTemplateOptions, type InsertTemplateResult } from './insert-template'
export { activeSheetRows, writeStatusColumn, type RowOutcome, type SheetRows } from './import-sheet'
