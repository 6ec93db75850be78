import { contrastRatio, type Matrix } from '@repo/types'
import { describe, expect, it } from 'vitest'

import {
  DOT_MAX_REM,
  DOT_MIN_REM,
  drillDownHref,
  encodeCell,
  gapRows,
  isGapRow,
  legendBands,
  levelFor,
  maxCount,
  tint,
} from './matrix'

const theme = (slug: string, colour = '#1f6f5c') => ({
  id: slug,
  slug,
  title: slug,
  shortTitle: null,
  colour,
  order: null,
})

const matrix: Matrix = {
  axis: 'learning-needs',
  mode: 'confirmed',
  suggestions: null,
  programme: { id: 2, slug: 'strengthening-civil-society', name: 'Strengthening Civil Society' },
  themes: [theme('gender'), theme('environment', '#7a3b00')],
  rows: [
    { key: 'civic-space', label: 'Civic space', total: 5, cells: { gender: 5, environment: 1 } },
    {
      key: 'data-and-digital',
      label: 'Data and digital',
      total: 0,
      cells: { gender: 0, environment: 0 },
    },
    { key: 'inclusion', label: 'Inclusion', total: 2, cells: { gender: 0, environment: 2 } },
  ],
  totals: { products: 7, byTheme: { gender: 5, environment: 3 } },
}

describe('levelFor', () => {
  it('should give level 0 (a gap) to no products, whatever the maximum', () => {
    expect(levelFor(0, 10)).toBe(0)
    expect(levelFor(0, 0)).toBe(0)
    expect(levelFor(-1, 10)).toBe(0)
    expect(levelFor(Number.NaN, 10)).toBe(0)
  })

  it('should split the counts into quarters of the largest count', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => levelFor(c, 8))).toEqual([1, 1, 2, 2, 3, 3, 4, 4])
    expect(levelFor(1, 100)).toBe(1)
    expect(levelFor(100, 100)).toBe(4)
    expect(levelFor(1, 1)).toBe(4)
  })

  it('should never go down when the count goes up', () => {
    for (const max of [1, 2, 3, 7, 13, 50]) {
      let previous = 0
      for (let c = 0; c <= max; c++) {
        const level = levelFor(c, max)
        expect(level).toBeGreaterThanOrEqual(previous)
        previous = level
      }
    }
  })
})

describe('encodeCell', () => {
  it('should mark an empty cell as a gap with no dot', () => {
    const cell = encodeCell(0, 5, '#1f6f5c')
    expect(cell).toMatchObject({ gap: true, level: 0, className: 'cell-l0', dotRem: 0 })
  })

  it('should grow the dot area with the count, from the smallest to the largest size', () => {
    const small = encodeCell(1, 16, '#1f6f5c')
    const mid = encodeCell(4, 16, '#1f6f5c')
    const big = encodeCell(16, 16, '#1f6f5c')
    expect(small.dotRem).toBeGreaterThanOrEqual(DOT_MIN_REM)
    expect(big.dotRem).toBe(DOT_MAX_REM)
    expect(small.dotRem).toBeLessThan(mid.dotRem)
    expect(mid.dotRem).toBeLessThan(big.dotRem)
    // Area ∝ count: 4 of 16 is half the diameter range (√¼).
    expect(mid.dotRem).toBeCloseTo(DOT_MIN_REM + (DOT_MAX_REM - DOT_MIN_REM) / 2, 3)
    expect(big.className).toBe('cell-l4')
  })

  it('should fill stronger levels with a colour closer to the theme colour', () => {
    const fills = [1, 2, 3, 4].map((c) => encodeCell(c, 4, '#1f6f5c').fill)
    expect(fills[3]).toBe('#1f6f5c')
    const contrasts = fills.map((f) => contrastRatio(f, '#ffffff'))
    expect(contrasts).toEqual([...contrasts].sort((a, b) => a - b))
    expect(new Set(fills).size).toBe(4)
  })

  it('should pick a text colour that reads on the fill', () => {
    for (const colour of ['#1f6f5c', '#7a3b00', '#5b2a86', '#0b5cad']) {
      for (const c of [1, 2, 3, 4]) {
        const cell = encodeCell(c, 4, colour)
        expect(contrastRatio(cell.fill, cell.text)).toBeGreaterThanOrEqual(4.5)
      }
    }
  })
})

describe('tint', () => {
  it('should mix a colour with white', () => {
    expect(tint('#000000', 1)).toBe('#000000')
    expect(tint('#000000', 0)).toBe('#ffffff')
    expect(tint('#000000', 0.5)).toBe('#808080')
    expect(tint('#abc', 1)).toBe('#aabbcc')
  })
})

describe('legendBands', () => {
  it('should cover every count from 1 to the maximum exactly once, matching levelFor', () => {
    for (const max of [1, 2, 3, 5, 8, 11, 40]) {
      const bands = legendBands(max)
      const covered: number[] = []
      for (const band of bands) {
        for (let c = band.from; c <= band.to; c++) {
          covered.push(c)
          expect(levelFor(c, max)).toBe(band.level)
        }
      }
      expect(covered).toEqual(Array.from({ length: max }, (_, i) => i + 1))
    }
  })

  it('should have no bands when nothing is counted', () => {
    expect(legendBands(0)).toEqual([])
  })
})

describe('gaps', () => {
  it('should find the rows no product covers', () => {
    expect(gapRows(matrix).map((r) => r.key)).toEqual(['data-and-digital'])
    expect(isGapRow({ total: 0 })).toBe(true)
    expect(isGapRow({ total: 1 })).toBe(false)
    expect(maxCount(matrix)).toBe(5)
    expect(maxCount({ rows: [] })).toBe(0)
  })
})

describe('drillDownHref', () => {
  it('should filter by need and theme on the learning-needs axis, without the programme', () => {
    expect(drillDownHref(matrix, matrix.rows[0]!, matrix.themes[1]!)).toBe(
      '/products?theme=environment&need=civic-space',
    )
    expect(drillDownHref(matrix, matrix.rows[2]!, null)).toBe('/products?need=inclusion')
    expect(drillDownHref(matrix, null, matrix.themes[0]!)).toBe('/products?theme=gender')
  })

  it('should filter by programme, theme and type on the types axis', () => {
    const byType = { axis: 'types' as const, programme: matrix.programme }
    expect(drillDownHref(byType, { key: 'toolkit' }, { slug: 'gender' })).toBe(
      '/products?programme=strengthening-civil-society&theme=gender&type=toolkit',
    )
    expect(drillDownHref({ axis: 'types', programme: null }, { key: 'report' }, null)).toBe(
      '/products?type=report',
    )
    expect(drillDownHref({ axis: 'types', programme: null }, null, null)).toBe('/products')
  })
})
