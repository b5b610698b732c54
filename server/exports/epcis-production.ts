/**
 * A production as EPCIS TransformationEvents: one per produced lot (the serials of one product
 * made from the same inputs go together), with the consumed lots that made it as the ledger's
 * genealogy says. CBV has no "transforming" step: `commissioning`, as GS1's own example.
 */
import { qtyToNumber, type Qty } from '../../shared/quantity'
import { operationMoves, type LotRec, type MoveRec, type OperationRec } from '../domain/state'
import {
  byLocations, eventHead, moveNumbers, objectEvent, objectLists, place, transactions, type EpcisEvent, type EventContext, type QuantityElement, type Step,
} from './epcis-events'

/** What one consumed (product, lot) of the operation is: its moves and how many outputs it went into. */
interface Input {
  lot: LotRec | null
  moves: MoveRec[]
  qty: Qty
  usedBy: number
}

interface Output {
  moves: MoveRec[]
  inputs: Input[]
}

/** Goods made from nothing the ledger knows of come into being. */
const MADE: Step = { action: 'ADD', bizStep: 'commissioning', disposition: 'active', at: 'to', stays: true, bt: 'prodorder' }
/** A consumed lot that the genealogy gives to no output was used up: CBV has no step for that. */
const USED_UP: Step = { action: 'DELETE', bizStep: 'other', at: 'from', stays: false, bt: 'prodorder' }

const isConsumption = (m: MoveRec) => m.to.kind === 'production' && m.from.kind !== 'production'
const isOutput = (m: MoveRec) => m.from.kind === 'production'

/**
 * The outputs of `op` with their inputs: a produced lot with a genealogy link has the lots the
 * link names, plus every consumed product without lots (the genealogy only names lots, and such
 * an input went into all of them); without a link, everything consumed.
 */
function outputsOf(all: readonly MoveRec[], op: OperationRec, consumed: Input[]): Output[] {
  const outputs = new Map<string, Output>()
  // A production of thousands of serials has as many links: find each output's at once.
  const links = new Map(op.genealogy.map((g) => [g.output, g]))
  for (const m of all) {
    if (!isOutput(m)) continue
    const link = m.lot ? links.get(m.lot) : undefined
    const inputs = link ? consumed.filter((i) => i.lot === null || link.inputs.includes(i.lot)) : consumed
    // Serials of one product from the same inputs are one event; a lot or a product without lots is its own.
    const key = m.lot && m.product.tracking === 'serial'
      ? `${m.product.no}|${inputs.map((i) => i.moves[0].n).join(',')}`
      : `${m.product.no}|${m.lot?.no ?? ''}`
    const o = outputs.get(key)
    if (o) o.moves.push(m)
    else outputs.set(key, { moves: [m], inputs })
  }
  return [...outputs.values()]
}

function consumedOf(all: readonly MoveRec[]): Input[] {
  const inputs = new Map<string, Input>()
  for (const m of all) {
    if (!isConsumption(m)) continue
    const key = `${m.product.no}|${m.lot?.no ?? ''}`
    const i = inputs.get(key)
    if (i) {
      i.moves.push(m)
      i.qty += m.qty
    } else inputs.set(key, { lot: m.lot, moves: [m], qty: m.qty, usedBy: 0 })
  }
  return [...inputs.values()]
}

/**
 * The inputs' lists. An input that went into this output alone has its consumed quantity; one
 * shared by several outputs has none: the ledger does not say how it was split.
 */
function inputLists(c: EventContext, inputs: readonly Input[]): { epcs: string[]; quantities: QuantityElement[] } {
  const epcs: string[] = []
  const quantities: QuantityElement[] = []
  for (const i of inputs) {
    const kept = i.moves.filter((m) => !c.left(m))
    if (kept.length === 0) continue
    const lists = objectLists(kept)
    epcs.push(...lists.epcs)
    for (const q of lists.quantities) {
      const whole = i.usedBy <= 1 && kept.length === i.moves.length
      quantities.push(whole ? { ...q, quantity: qtyToNumber(i.qty) } : { epcClass: q.epcClass })
    }
  }
  return { epcs: [...new Set(epcs)], quantities }
}

/**
 * The events of production `op`. `wanted` limits them to those holding one of its moves (a
 * lot's trace); without it, all of them.
 */
export function productionEvents(c: EventContext, op: OperationRec, wanted?: ReadonlySet<number>): EpcisEvent[] {
  const { ws } = c
  const all = operationMoves(ws, op)
  const consumed = consumedOf(all)
  const outputs = outputsOf(all, op, consumed)
  for (const o of outputs) for (const i of o.inputs) i.usedBy++
  const events: EpcisEvent[] = []
  const has = (moves: readonly MoveRec[]) => !wanted || moves.some((m) => wanted.has(m.index))
  for (const o of outputs) {
    if (!has(o.moves)) continue
    const out = o.moves.filter((m) => !c.left(m))
    if (out.length === 0) continue
    const ins = inputLists(c, o.inputs)
    if (ins.epcs.length === 0 && ins.quantities.length === 0) {
      const made = objectEvent(c, op, out[0].from, out[0].to, out, MADE)
      if (made) events.push(made)
      continue
    }
    const lists = objectLists(out)
    const usedMoves = o.inputs.flatMap((i) => i.moves)
    const event: EpcisEvent = { type: 'TransformationEvent', ...eventHead(ws, op, `made:${moveNumbers(out)}<${moveNumbers(usedMoves)}`) }
    if (ins.epcs.length) event.inputEPCList = ins.epcs
    if (ins.quantities.length) event.inputQuantityList = ins.quantities
    if (lists.epcs.length) event.outputEPCList = lists.epcs
    if (lists.quantities.length) event.outputQuantityList = lists.quantities
    const where = place(ws, out[0].to)
    Object.assign(event, { bizStep: 'commissioning', disposition: 'active', readPoint: where, bizLocation: where })
    event.bizTransactionList = transactions(ws, op, 'prodorder')
    events.push(event)
  }
  // Consumed lots that the genealogy gives to no output, and moves that neither consume nor produce.
  const unused = new Set(consumed.filter((i) => i.usedBy === 0).flatMap((i) => i.moves.map((m) => m.index)))
  const rest = all.filter((m) => (isConsumption(m) ? unused.has(m.index) : !isOutput(m)) && has([m]))
  for (const g of byLocations(rest)) {
    const event = objectEvent(c, op, g.from, g.to, g.moves, isConsumption(g.moves[0]) ? USED_UP : undefined)
    if (event) events.push(event)
  }
  return events
}
