import { describe, expect, it } from 'vitest'

import { readAhead } from '../src/flow.js'

async function* source(n: number, failAt?: number, pulled?: number[]) {
  for (let i = 0; i < n; i++) {
    if (i === failAt) throw new Error(`failed at ${i}`)
    pulled?.push(i)
    await new Promise((r) => setTimeout(r, 1))
    yield i
  }
}

describe('readAhead', () => {
  it('gives every record, in order', async () => {
    const out: number[] = []
    for await (const v of readAhead(source(50), 7)) out.push(v)
    expect(out).toEqual([...Array(50).keys()])
  })

  it('raises a failure only after the records that came before it', async () => {
    const out: number[] = []
    await expect(async () => {
      for await (const v of readAhead(source(50, 13), 5)) out.push(v)
    }).rejects.toThrow('failed at 13')
    expect(out).toEqual([...Array(13).keys()])
  })

  it('never reads more than `max` records ahead, and stops reading on return()', async () => {
    const pulled: number[] = []
    const it = readAhead(source(1000, undefined, pulled), 10)
    await it.next()
    await new Promise((r) => setTimeout(r, 50))
    expect(pulled.length).toBeLessThanOrEqual(12)
    await it.return!()
    const after = pulled.length
    await new Promise((r) => setTimeout(r, 50))
    expect(pulled.length).toBeLessThanOrEqual(after + 1)
    expect(await it.next()).toEqual({ value: undefined, done: true })
  })
})
