/**
 * The add-in's only door to Excel: every Office.js call lives under addin/excel. The pane
 * imports from here and stays plain TypeScript.
 */
export { excelAvailable } from './available'
export { officeReady } from './office-ready'
export { writeSheet } from './write-sheet'
export { ourSheets } from './settings'
export { selectionContext, selectedRows } from './selection'
export { freeSheetName, insertTemplate } from './insert-template'
export { activeSheetRows, writeStatusColumn } from './import-sheet'
