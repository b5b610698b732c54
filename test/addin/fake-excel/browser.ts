/**
 * Browser entry of the fake: installs it as `window.Excel` and exposes the helpers as
 * `window.__fakeExcel`. Options can be given beforehand in `window.__fakeExcelOptions`.
 */
import { createFakeExcel, type FakeExcelOptions } from './index'

const w = window as unknown as { __fakeExcelOptions?: FakeExcelOptions; __fakeExcel?: unknown }
const fake = createFakeExcel(w.__fakeExcelOptions)
fake.install(window)
w.__fakeExcel = fake
