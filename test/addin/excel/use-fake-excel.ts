import { afterEach, beforeEach } from 'vitest'
import { createFakeExcel, type FakeExcel, type FakeExcelOptions } from '../fake-excel'

/**
 * A fresh fake Excel installed as the global `Excel` around each test of the file; `use` gets it.
 * `replace` swaps it for one made with other options, within a test.
 */
export function useFakeExcel(use: (fake: FakeExcel) => void): { replace(options: FakeExcelOptions): FakeExcel } {
  let uninstall = () => {}
  const install = (options?: FakeExcelOptions) => {
    const fake = createFakeExcel(options)
    uninstall = fake.install()
    use(fake)
    return fake
  }
  beforeEach(() => {
    install()
  })
  afterEach(() => uninstall())
  return {
    replace(options) {
      uninstall()
      return install(options)
    },
  }
}
