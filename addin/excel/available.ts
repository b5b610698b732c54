/**
 * True when the Excel JavaScript API is there: inside Excel, or when a test injected a fake.
 * Outside Office, office.js loads but defines no `Excel`.
 */
export function excelAvailable(): boolean {
  return typeof Excel !== 'undefined' && typeof Excel.run === 'function'
}
