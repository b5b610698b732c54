import { describe, expect, it } from 'vitest'
import { ApiError, NetworkError } from '../../../../addin/src/api/errors'
import type { SendResult, WriteBody } from '../../../../addin/src/api/types'
import { OperationResult } from '../../../../shared/schemas/operation'
import { Outbox } from '../../../../addin/src/sync/outbox'
import { createStore, memoryArea } from '../../../../addin/src/platform/store'

const memoryStore = () => createStore('lotledger', memoryArea())

/** A sender whose answers the test scripts: 'ok', 'down' (unreachable), or an ApiError. */
function scriptedSender() {
  const sent: string[] = []
  let mode: 'ok' | 'down' | ApiError = 'ok'
  return {
    sent,
    set: (m: typeof mode) => (mode = m),
    send: async (w: WriteBody): Promise<SendResult> => {
      const id = w.kind === 'operation' ? w.body.id : 'lots'
      sent.push(id)
      if (mode === 'down') throw new NetworkError('cannot reach the server')
      if (mode instanceof ApiError) throw mode
      return answer(id)
    },
  }
}

/** What the server answers a recorded receipt `id` without lines. */
const answer = (id: string): SendResult => ({
  kind: 'operation', status: 201,
  body: OperationResult.parse({
    operation: {
      id, type: 'receipt', reference: id, date: '2026-06-01T00:00:00Z', partner: null, note: null, correctionOf: null, override: null,
      createdAt: '2026-06-01T00:00:00Z', createdBy: null, request: {},
    },
    moves: [], lots: [], genealogy: [],
  }),
})

const write = (id: string) => ({
  id, kind: 'operation' as const, label: `Receipt ${id}`,
  body: { id, type: 'receipt' as const, reference: id, lines: [{ product: 'BOLT', qty: 1 }] },
})

describe('the outbox', () => {
  it('sends a write and keeps nothing once the server has it', async () => {
    const s = scriptedSender()
    const box = new Outbox(memoryStore(), s.send)
    const outcome = await box.submit(write('a'))
    expect(outcome).toEqual({ state: 'sent', result: answer('a') })
    expect(box.list()).toEqual([])
  })

  it('keeps a write the server cannot get, across a reload, and replays it in order with the same id', async () => {
    const store = memoryStore()
    const s = scriptedSender()
    s.set('down')
    const box = new Outbox(store, s.send)
    expect((await box.submit(write('a'))).state).toBe('queued')
    // Newer writes wait behind older ones, without being tried.
    expect((await box.submit(write('b'))).state).toBe('queued')
    expect(s.sent).toEqual(['a'])
    // The pane closes; a new one finds the writes in storage.
    const reopened = new Outbox(store, s.send)
    expect(reopened.list().map((w) => [w.id, w.state, w.attempts])).toEqual([['a', 'pending', 1], ['b', 'pending', 0]])
    s.set('ok')
    expect(await reopened.replay()).toEqual({ sent: 2, rejected: 0, left: 0 })
    expect(s.sent).toEqual(['a', 'a', 'b'])
    expect(reopened.list()).toEqual([])
  })

  it('stops a replay at the first write the server cannot get', async () => {
    const s = scriptedSender()
    s.set('down')
    const box = new Outbox(memoryStore(), s.send)
    await box.submit(write('a'))
    await box.submit(write('b'))
    expect(await box.replay()).toEqual({ sent: 0, rejected: 0, left: 2 })
    expect(s.sent).toEqual(['a', 'a'])
  })

  it('keeps a refused write with its reason and data, goes on with the next, and sends it again once fixed', async () => {
    const refusal = new ApiError(409, 'insufficient_stock', 'not enough MILK', [{ path: 'lines[0]', message: 'not enough' }])
    let down = true
    const box = new Outbox(memoryStore(), async (w) => {
      if (down) throw new NetworkError('offline')
      if (w.kind === 'operation' && w.body.reference === 'a') throw refusal
      return answer('any')
    })
    await box.submit(write('a'))
    await box.submit(write('b'))
    down = false
    expect(await box.replay()).toEqual({ sent: 1, rejected: 1, left: 0 })
    const refused = box.get('a')!
    expect(refused).toMatchObject({ state: 'rejected', error: { status: 409, code: 'insufficient_stock', message: 'not enough MILK', details: [{ path: 'lines[0]', message: 'not enough' }] } })
    expect(refused.body).toEqual(write('a').body)
    // A refused write is not replayed again by itself...
    expect(await box.replay()).toEqual({ sent: 0, rejected: 0, left: 0 })
    expect(box.list().map((w) => w.id)).toEqual(['a'])
    // ...but its fix, under the same id, is sent.
    const fixed = await box.submit({ ...write('a'), body: { ...write('a').body, reference: 'fixed' } })
    expect(fixed.state).toBe('sent')
    expect(box.list()).toEqual([])
  })

  it('leaves a write refused while its form is open to the form, and keeps one refused later', async () => {
    const s = scriptedSender()
    s.set(new ApiError(400, 'lot_required', 'a lot is needed', [{ path: 'lines[0].lot', message: 'name the lot' }]))
    const box = new Outbox(memoryStore(), s.send)
    const onForm = await box.submit(write('a'), { refusalShownOnForm: () => true })
    expect(onForm).toMatchObject({ state: 'rejected', error: { code: 'lot_required' } })
    expect(box.list()).toEqual([])
    // The user left the form before the answer came: the refusal waits in the queue.
    await box.submit(write('b'), { refusalShownOnForm: () => false })
    expect(box.list().map((w) => [w.id, w.state])).toEqual([['b', 'rejected']])
  })

  it('keeps a write waiting when the server refuses the token, and stops the replay there', async () => {
    const s = scriptedSender()
    s.set(new ApiError(401, 'unauthorized', 'the token is not valid (unknown or revoked)'))
    const box = new Outbox(memoryStore(), s.send)
    expect(await box.submit(write('a'), { refusalShownOnForm: () => true })).toEqual({ state: 'queued', cause: 'token', reason: 'the server refused the token' })
    await box.submit(write('b'))
    expect(await box.replay()).toEqual({ sent: 0, rejected: 0, left: 2 })
    expect(box.list().map((w) => [w.id, w.state])).toEqual([['a', 'pending'], ['b', 'pending']])
    // A new token: both go, in order.
    s.set('ok')
    expect(await box.replay()).toEqual({ sent: 2, rejected: 0, left: 0 })
    expect(s.sent).toEqual(['a', 'a', 'a', 'b'])
  })

  it('treats server faults (5xx) as worth retrying, not as refusals', async () => {
    const s = scriptedSender()
    s.set(new ApiError(503, 'internal', 'busy'))
    const box = new Outbox(memoryStore(), s.send)
    expect((await box.submit(write('a'))).state).toBe('queued')
    expect(box.get('a')!.state).toBe('pending')
  })

  it('discards only on request, and tells listeners about every change', async () => {
    const s = scriptedSender()
    s.set('down')
    const box = new Outbox(memoryStore(), s.send)
    let changes = 0
    box.subscribe(() => changes++)
    await box.submit(write('a'))
    box.discard('a')
    expect(box.list()).toEqual([])
    expect(changes).toBeGreaterThanOrEqual(3)
  })

  it('sends one write at a time even when submitted together', async () => {
    let inFlight = 0
    let most = 0
    const box = new Outbox(memoryStore(), async () => {
      inFlight++
      most = Math.max(most, inFlight)
      await new Promise((r) => setTimeout(r, 5))
      inFlight--
      return answer('any')
    })
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => box.submit(write(id))))
    expect(most).toBe(1)
    expect(box.list()).toEqual([])
  })
})
