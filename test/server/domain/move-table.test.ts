import { describe, expect, it } from 'vitest'
import {
  addLot, indexMove, newLocation, newLot, newProduct, newWorkspace, operationMoves, type OperationRec, type WorkspaceState,
} from '../../../server/domain/state'
import { DEFAULT_SETTINGS } from '../../../shared/schemas/settings'

const AT = '2026-11-27T10:00:00.000Z'

function workspace() {
  const ws = newWorkspace('w', 'W', AT, { ...DEFAULT_SETTINGS })
  const milk = newProduct(0, { sku: 'MILK', name: 'Milk', uom: 'Units', tracking: 'lot', gtin: null, expiry: null }, AT, null)
  ws.products.set('MILK', milk)
  const [vendors, stock] = [newLocation(0, { code: 'Vendors', name: 'Vendors', kind: 'supplier' }, true, AT, null), newLocation(1, { code: 'WH/Stock', name: 'Stock', kind: 'internal' }, true, AT, null)]
  for (const l of [vendors, stock]) ws.locations.set(l.code, l)
  return { ws, milk, vendors, stock }
}

const operation = (ws: WorkspaceState, id: string, moveCount: number): OperationRec => ({
  id, seq: 1, type: 'receipt', reference: id, date: AT, partner: null, firstMove: ws.moves.length, moveCount, genealogy: [], correctionOf: null,
})

describe('the move table', () => {
  it('reads back every field of every move, past the first growth of its columns', () => {
    const { ws, milk, vendors, stock } = workspace()
    const op = operation(ws, 'R1', 3000)
    for (let i = 0; i < 3000; i++) {
      const lot = newLot(ws.lotList.length, milk, { name: `L${i}`, expirationDate: null, bestBeforeDate: null, removalDate: null, alertDate: null }, AT, null, AT, null, null)
      addLot(ws, lot)
      indexMove(ws, { op, product: milk, lot: i % 3 === 1 ? null : lot, qty: i + 0.5, from: vendors, to: stock, package: i % 1000 === 7 ? `PAL-${i}` : null, returnOf: null })
    }
    expect(ws.moves.length).toBe(3000)
    const m = ws.moves.at(2007)
    expect([m.index, m.n, m.op, m.product, m.lot?.name, m.qty, m.from.code, m.to.code, m.package, m.returnOf, m.returned])
      .toEqual([2007, 2008, op, milk, 'L2007', 2007.5, 'Vendors', 'WH/Stock', 'PAL-2007', null, 0])
    expect(ws.moves.at(1).lot).toBeNull()
    expect(operationMoves(ws, op).map((x) => x.index)).toEqual([...Array(3000).keys()])
    expect(() => ws.moves.at(3000)).toThrow(RangeError)
    expect(ws.moves.slice(2998, 5000).map((x) => x.n)).toEqual([2999, 3000])
  })

  it('keeps what was returned of a move, and takes a move back with its operation and its return', () => {
    const { ws, milk, vendors, stock } = workspace()
    const receipt = operation(ws, 'R1', 1)
    const first = indexMove(ws, { op: receipt, product: milk, lot: null, qty: 10, from: vendors, to: stock, package: null, returnOf: null })
    const back = operation(ws, 'B1', 2)
    indexMove(ws, { op: back, product: milk, lot: null, qty: 3, from: stock, to: vendors, package: 'P', returnOf: first })
    const second = indexMove(ws, { op: back, product: milk, lot: null, qty: 2, from: stock, to: vendors, package: null, returnOf: first })
    expect([ws.moves.at(0).returned, second.returnOf?.index, second.op.id, second.n]).toEqual([5, 0, 'B1', 2])
    ws.moves.pop()
    ws.moves.addReturned(0, -2)
    expect([ws.moves.length, ws.moves.at(0).returned, ws.moves.at(1).package, ws.moves.at(1).op.id]).toEqual([2, 3, 'P', 'B1'])
    ws.moves.pop()
    ws.moves.addReturned(0, -3)
    // The next operation's moves are its own, not the one taken back.
    const again = operation(ws, 'B2', 1)
    const third = indexMove(ws, { op: again, product: milk, lot: null, qty: 1, from: stock, to: vendors, package: null, returnOf: null })
    expect([third.index, third.op.id, third.n, third.package, ws.moves.at(0).returned, ws.moves.at(0).op.id]).toEqual([1, 'B2', 1, null, 0, 'R1'])
  })
})
