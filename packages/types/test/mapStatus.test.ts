import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { cellStatus, rowStatus } from '../src/index.js'

const counts = fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.nat(5))

describe('map statuses', () => {
  it('should call a row confirmed exactly when it has a product, whatever is suggested', () => {
    fc.assert(
      fc.property(fc.nat(5), counts, fc.nat(3), (total, cells, n) => {
        const suggested =
          n > 0
            ? {
                products: Array.from({ length: n }, (_, i) => ({
                  id: i,
                  slug: null,
                  title: 't',
                  strength: 0.5,
                  terms: [],
                  themes: [],
                })),
                cells,
              }
            : undefined
        const status = rowStatus({ total, cells: {}, suggested })
        expect(status).toBe(total > 0 ? 'confirmed' : n > 0 ? 'suggested' : 'gap')
      }),
    )
  })

  it('should show a confirmed count over a suggested one, and a gap as 0', () => {
    const row = {
      total: 1,
      cells: { a: 2, b: 0, c: 0 },
      suggested: { products: [], cells: { a: 1, b: 3, c: 0 } },
    }
    expect(cellStatus(row, 'a')).toEqual({ status: 'confirmed', count: 2 })
    expect(cellStatus(row, 'b')).toEqual({ status: 'suggested', count: 3 })
    expect(cellStatus(row, 'c')).toEqual({ status: 'gap', count: 0 })
    expect(cellStatus(row, 'missing')).toEqual({ status: 'gap', count: 0 })
  })
})
