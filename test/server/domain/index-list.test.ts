import { describe, expect, it } from 'vitest'
import { IndexList } from '../../../server/domain/index-list'

describe('a list of move numbers', () => {
  it('keeps what is pushed, in order, across its growth, and gives back what is popped', () => {
    const list = new IndexList()
    const kept: number[] = []
    for (let i = 0; i < 5000; i++) {
      list.push(i * 3)
      kept.push(i * 3)
    }
    expect(list.length).toBe(5000)
    expect([...list]).toEqual(kept)
    expect(Array.from(list.view())).toEqual(kept)
    expect([list.at(0), list.at(4999)]).toEqual([0, 14997])
    for (let i = 0; i < 10; i++) list.pop()
    expect([...list]).toEqual(kept.slice(0, 4990))
    list.push(7)
    expect(list.view().at(-1)).toBe(7)
    expect(list.length).toBe(4991)
  })

  it('equals another list of the same numbers, and not one of others', () => {
    const [a, b, c] = [new IndexList(), new IndexList(), new IndexList()]
    for (const n of [1, 2, 3]) [a, b].forEach((l) => l.push(n))
    for (const n of [1, 2, 4]) c.push(n)
    expect(a).toEqual(b)
    expect(a).not.toEqual(c)
  })
})
