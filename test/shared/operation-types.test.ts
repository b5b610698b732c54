import { describe, expect, it } from 'vitest'
import { BUILT_IN_LOCATIONS } from '../../server/domain/state'
import { IMPORT_KINDS, KINDS } from '../../shared/import/kinds'
import { OPERATION_TYPE_INFO, OPERATION_TYPES, operationTypeOfImport, PRODUCTION_LOCATION } from '../../shared/operation-types'
import { OperationInput } from '../../shared/schemas/operation'

describe('operation types', () => {
  it('are the types the API takes, each with its input schema', () => {
    expect(OperationInput.options.map((o) => o.shape.type.value)).toEqual([...OPERATION_TYPES])
  })

  it('default to built-in locations, and the pane asks only for ends it can default or must ask', () => {
    const builtIn = new Set(BUILT_IN_LOCATIONS.map((l) => l.code))
    expect(builtIn.has(PRODUCTION_LOCATION)).toBe(true)
    for (const t of OPERATION_TYPES) {
      const { ends, formEnds, label, choice, recorded } = OPERATION_TYPE_INFO[t]
      for (const code of Object.values(ends)) expect(builtIn.has(code), `${t}: ${code}`).toBe(true)
      expect(new Set(formEnds).size).toBe(formEnds.length)
      expect([label, choice, recorded].every((s) => s.trim().length > 0)).toBe(true)
    }
    expect(OPERATION_TYPE_INFO.receipt.ends).toEqual({ from: 'Vendors', to: 'WH/Stock' })
    expect(OPERATION_TYPE_INFO.delivery.ends).toEqual({ from: 'WH/Stock', to: 'Customers' })
    // A transfer has no defaults: both ends are asked.
    expect(OPERATION_TYPE_INFO.internal).toMatchObject({ ends: {}, formEnds: ['from', 'to'] })
  })

  it('match the import kinds that record operations, one each', () => {
    const operationKinds = IMPORT_KINDS.filter((k) => KINDS[k].groupBy !== undefined)
    expect(operationKinds.map(operationTypeOfImport)).toEqual(['receipt', 'delivery', 'internal', 'adjustment', 'production'])
    for (const k of IMPORT_KINDS.filter((k) => !operationKinds.includes(k))) expect(operationTypeOfImport(k)).toBeNull()
  })
})
