import { MAP_STATUSES, type Matrix } from '@repo/types'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  BUBBLE,
  type BubbleCell,
  exactRadius,
  flooredUpTo,
  layoutBubbles,
  LEGEND_SIZE_TEXT,
  legendCounts,
  radiusFor,
  STATE_MARK,
  textWidth,
} from '@/lib/bubbles'
import { bubbleSummary, wrapLabel } from '@/lib/bubbleText'
import { drillDownHref } from '@/lib/matrix'

import { buildMatrix, type CellSpec, THEMES } from './helpers/matrices'

const word = fc.stringMatching(/^[A-Za-z()’,-]{1,14}$/)
const label = fc.array(word, { minLength: 1, maxLength: 30 }).map((w) => w.join(' '))
const cellSpec: fc.Arbitrary<CellSpec> = fc.record({
  confirmed: fc.oneof(
    fc.constant(0),
    fc.integer({ min: 1, max: 5 }),
    fc.integer({ min: 1, max: 2000 }),
  ),
  suggested: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 })),
})
/** Any map: 1–14 rows of 1–4 of the seed's themes, confirmed or suggested mode. */
const matrixArb: fc.Arbitrary<Matrix> = fc
  .record({
    themes: fc.integer({ min: 1, max: 4 }),
    rows: fc.array(
      fc.record({ label, cells: fc.array(cellSpec, { minLength: 4, maxLength: 4 }) }),
      {
        minLength: 1,
        maxLength: 14,
      },
    ),
    mode: fc.constantFrom('confirmed' as const, 'suggested' as const),
  })
  .map(({ themes, rows, mode }) =>
    buildMatrix(
      rows.map((r, i) => ({ key: `need-${i}`, label: r.label, cells: r.cells })),
      { mode, themes: THEMES.slice(0, themes) },
    ),
  )

/** How far a mark reaches from its centre (a gap's square: half its side). */
const reach = (c: BubbleCell) => (c.status === 'gap' ? BUBBLE.gapSide / 2 : c.r)

describe('bubble layout', () => {
  it('should make every bubble’s area proportional to its count, except counts floored at the minimum size', () => {
    fc.assert(
      fc.property(matrixArb, (matrix) => {
        const layout = layoutBubbles(matrix)
        for (const cell of layout.cells.filter((c) => c.status !== 'gap')) {
          // Area ∝ count: r = rMax·√(count/max), so πr²/count is the same for every bubble.
          const toScale = BUBBLE.rMax * Math.sqrt(cell.count / layout.max)
          if (toScale >= BUBBLE.rMin) {
            expect(Math.abs(cell.r - toScale)).toBeLessThanOrEqual(0.05 + 1e-9)
          } else {
            // Too small to see at this scale: drawn at the minimum, and the legend says so.
            expect(cell.r).toBe(BUBBLE.rMin)
            expect(cell.count).toBeLessThanOrEqual(flooredUpTo(layout.max))
          }
        }
        // The largest cell gets the largest bubble.
        if (layout.max > 0) expect(Math.max(...layout.cells.map((c) => c.r))).toBe(BUBBLE.rMax)
      }),
    )
  })

  it('should keep area ∝ count exactly on the unrounded radius for any pair of counts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        (a, b, extra) => {
          const max = Math.max(a, b) + extra
          const areaA = Math.PI * exactRadius(a, max) ** 2
          const areaB = Math.PI * exactRadius(b, max) ** 2
          expect(areaA / areaB).toBeCloseTo(a / b, 9)
        },
      ),
    )
  })

  it('should never give a larger count a smaller bubble', () => {
    fc.assert(
      fc.property(matrixArb, (matrix) => {
        const cells = layoutBubbles(matrix).cells
        for (const a of cells)
          for (const b of cells) if (a.count > b.count) expect(a.r).toBeGreaterThanOrEqual(b.r)
      }),
    )
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (max, n) => {
          const count = Math.min(n, max)
          expect(radiusFor(count + 1 > max ? count : count + 1, max)).toBeGreaterThanOrEqual(
            radiusFor(count, max),
          )
          if (count >= 1) expect(radiusFor(count, max)).toBeGreaterThanOrEqual(BUBBLE.rMin)
        },
      ),
    )
  })

  it('should keep every mark inside its cell, with room to spare', () => {
    fc.assert(
      fc.property(matrixArb, (matrix) => {
        for (const cell of layoutBubbles(matrix).cells) {
          const { box } = cell
          const d = reach(cell)
          expect(cell.cx - d).toBeGreaterThanOrEqual(box.x + 1)
          expect(cell.cx + d).toBeLessThanOrEqual(box.x + box.width - 1)
          expect(cell.cy - d).toBeGreaterThanOrEqual(box.y + 1)
          expect(cell.cy + d).toBeLessThanOrEqual(box.y + box.height - 1)
        }
      }),
    )
  })

  it('should never let two marks overlap', () => {
    fc.assert(
      fc.property(matrixArb, (matrix) => {
        const cells = layoutBubbles(matrix).cells
        for (let i = 0; i < cells.length; i++) {
          for (let j = i + 1; j < cells.length; j++) {
            const a = cells[i]!
            const b = cells[j]!
            // Squares are bounded by their circumscribed circle.
            const extent = (c: BubbleCell) =>
              c.status === 'gap' ? (BUBBLE.gapSide / 2) * Math.SQRT2 : c.r
            expect(Math.hypot(a.cx - b.cx, a.cy - b.cy)).toBeGreaterThan(extent(a) + extent(b))
          }
        }
      }),
    )
  })

  it('should draw confirmed, suggested and gap cells with different shapes or patterns, not only colours', () => {
    for (const a of MAP_STATUSES) {
      for (const b of MAP_STATUSES) {
        if (a === b) continue
        const [ma, mb] = [STATE_MARK[a], STATE_MARK[b]]
        expect(ma.shape !== mb.shape || ma.fill !== mb.fill || ma.outline !== mb.outline).toBe(true)
        expect(ma.shape).not.toBe(mb.shape)
      }
    }
    fc.assert(
      fc.property(matrixArb, (matrix) => {
        const layout = layoutBubbles(matrix)
        for (const cell of layout.cells) expect(cell.mark).toEqual(STATE_MARK[cell.status])
        // Within one column (one colour), the states still differ by shape.
        for (let c = 0; c < layout.columns.length; c++) {
          const shapes = new Map(
            layout.cells.filter((x) => x.col === c).map((x) => [x.status, x.mark.shape]),
          )
          expect(new Set(shapes.values()).size).toBe(shapes.size)
        }
      }),
    )
  })

  it('should use the shared cell status and drill-down link for every cell', () => {
    fc.assert(
      fc.property(matrixArb, (matrix) => {
        const layout = layoutBubbles(matrix)
        expect(layout.cells).toHaveLength(matrix.rows.length * matrix.themes.length)
        matrix.rows.forEach((row, r) =>
          matrix.themes.forEach((t, c) => {
            const cell = layout.cells[r * matrix.themes.length + c]!
            const confirmed = row.cells[t.slug] ?? 0
            const suggested = row.suggested?.cells[t.slug] ?? 0
            expect(cell.status).toBe(
              confirmed > 0 ? 'confirmed' : suggested > 0 ? 'suggested' : 'gap',
            )
            expect(cell.href).toBe(drillDownHref(matrix, row, t))
            expect(cell.shortHref).toBe(`/n/${row.id}/${t.id}`)
          }),
        )
      }),
    )
  })

  it('should fit every label line in its column and keep rows, headers and legend apart', () => {
    fc.assert(
      fc.property(matrixArb, (matrix) => {
        const layout = layoutBubbles(matrix)
        for (const row of layout.rows) {
          expect(row.lines.length).toBeLessThanOrEqual(BUBBLE.labelLines)
          for (const line of row.lines)
            expect(line.length * BUBBLE.charWidth).toBeLessThanOrEqual(BUBBLE.labelWidth - 12)
        }
        for (const col of layout.columns) {
          expect(col.lines.length).toBeLessThanOrEqual(BUBBLE.headerLines)
          for (const line of col.lines)
            expect(line.length * BUBBLE.charWidth).toBeLessThanOrEqual(BUBBLE.colWidth - 8)
        }
        expect(layout.legend.y).toBeGreaterThanOrEqual(layout.grid.y + layout.grid.height)
        expect(layout.height).toBeGreaterThan(layout.legend.y)
        expect(layout.width).toBeGreaterThanOrEqual(layout.grid.x + layout.grid.width)
      }),
    )
  })
})

describe('wrapLabel', () => {
  it('should wrap within the limits and mark what it cut', () => {
    fc.assert(
      fc.property(
        label,
        fc.integer({ min: 4, max: 40 }),
        fc.integer({ min: 1, max: 4 }),
        (text, maxChars, maxLines) => {
          const { lines, truncated } = wrapLabel(text, maxChars, maxLines)
          expect(lines.length).toBeLessThanOrEqual(maxLines)
          for (const line of lines) expect(line.length).toBeLessThanOrEqual(maxChars)
          const normal = text.trim().split(/\s+/).join(' ')
          if (!truncated) {
            // Nothing lost: the lines are the words (a long word may be split across lines).
            expect(lines.join('').replace(/\s/g, '')).toBe(normal.replace(/\s/g, ''))
          } else {
            expect(lines.at(-1)!.endsWith('…')).toBe(true)
          }
        },
      ),
    )
  })

  it('should keep a short label whole', () => {
    expect(wrapLabel('Civic space', 40, 2)).toEqual({ lines: ['Civic space'], truncated: false })
    expect(wrapLabel('one two three', 7, 2)).toEqual({
      lines: ['one two', 'three'],
      truncated: false,
    })
    expect(wrapLabel('one two three four', 7, 2)).toEqual({
      lines: ['one two', 'three…'],
      truncated: true,
    })
  })
})

describe('legend and summary', () => {
  it('should keep the legend’s samples and words apart and inside the figure', () => {
    fc.assert(
      fc.property(matrixArb, (matrix) => {
        const layout = layoutBubbles(matrix)
        const { legend } = layout
        let previousEnd = textWidth(LEGEND_SIZE_TEXT)
        for (const s of legend.sizes) {
          expect(s.x - s.r).toBeGreaterThan(previousEnd)
          expect(s.labelX).toBeGreaterThan(s.x + s.r)
          previousEnd = s.labelX + textWidth(s.label)
        }
        expect(BUBBLE.margin + previousEnd).toBeLessThanOrEqual(layout.width)
        const maxR = Math.max(0, ...legend.sizes.map((s) => s.r))
        // The sizes line, then one line per state, none overlapping, all inside the figure.
        expect(legend.statesY[0]! - legend.stateMarkR).toBeGreaterThan(legend.sizesY + maxR)
        for (let i = 1; i < legend.statesY.length; i++) {
          expect(legend.statesY[i]! - legend.statesY[i - 1]!).toBeGreaterThan(2 * legend.stateMarkR)
        }
        expect(legend.y + legend.height).toBeLessThanOrEqual(layout.height)
        expect(legend.y + legend.statesY.at(-1)! + legend.stateMarkR).toBeLessThanOrEqual(
          layout.height,
        )
      }),
    )
  })

  it('should show sample sizes from 1 to the largest count, drawn as the cells are', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (max) => {
        const counts = legendCounts(max)
        expect(counts[0]).toBe(1)
        expect(counts.at(-1)).toBe(max)
        expect([...counts].sort((a, b) => a - b)).toEqual(counts)
      }),
    )
    const m = buildMatrix([
      {
        key: 'a',
        label: 'A',
        cells: [
          { confirmed: 400, suggested: 0 },
          { confirmed: 1, suggested: 0 },
        ],
      },
    ])
    const { legend, max } = layoutBubbles(m)
    expect(legend.sizes.map((s) => s.r)).toEqual(legend.sizes.map((s) => radiusFor(s.count, max)))
    // 1 is below the scale's smallest visible size here: the legend says which counts share it.
    expect(legend.sizes[0]!.label).toBe(`1–${flooredUpTo(400)} products`)
    expect(legend.states.map((s) => s.label)).toEqual(['Confirmed', 'Suggested', 'Gap'])
  })

  it('should summarise rows, confirmed, suggested and gap cells and the largest cell', () => {
    const m = buildMatrix(
      [
        {
          key: 'a',
          label: 'Civic space',
          cells: [
            { confirmed: 3, suggested: 0 },
            { confirmed: 0, suggested: 0 },
          ],
        },
        {
          key: 'b',
          label: 'Land rights',
          cells: [
            { confirmed: 0, suggested: 2 },
            { confirmed: 0, suggested: 0 },
          ],
        },
      ],
      { mode: 'suggested', themes: THEMES.slice(0, 2) },
    )
    expect(bubbleSummary(m)).toBe(
      '2 learning needs by 2 themes: 1 confirmed cell, 1 suggested cell, 2 gaps. The largest cell is Civic space, Fighting for gender equality and inclusion, with 3 products.',
    )
    const empty = buildMatrix([{ key: 'a', label: 'A', cells: [] }])
    expect(bubbleSummary(empty)).toBe(
      '1 learning need by 4 themes: 0 confirmed cells, 4 gaps. No cell has a product yet.',
    )
  })
})
