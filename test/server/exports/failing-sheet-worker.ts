/** A sheet worker that fails as it starts (table-workbook.test.ts): its jobs must fail, not wait. */
throw new Error('this worker fails on purpose')
