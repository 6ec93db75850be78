/**
 * The bubble view's server markup rendered by Chromium without the apps (page.setContent): the
 * inline figure on an HTML page, in both modes (the CMS does not serve suggested mode yet, so
 * the matrices are built in code). Every mark has a box, no two overlap, the links' accessible
 * names are the table's words, the suggested marks are hatched, and axe finds nothing serious.
 */
import { createRequire } from 'node:module'

import { launchBrowser } from '@repo/testing'
import type { Browser, Page } from 'playwright-core'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { BubbleMap } from '@/components/BubbleMap'
import { BUBBLE, layoutBubbles } from '@/lib/bubbles'
import { cellLabel } from '@/lib/bubbleText'

import { buildMatrix, syntheticScaleMatrix, THEMES } from '../helpers/matrices'
import { linkNames, markBoxes, overlap } from './bubbleShared'

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

const suggested = buildMatrix(
  [
    {
      key: 'civic-space',
      label: 'Civic space',
      cells: [
        { confirmed: 3, suggested: 0 },
        { confirmed: 1, suggested: 0 },
        { confirmed: 0, suggested: 0 },
        { confirmed: 40, suggested: 0 },
      ],
    },
    {
      key: 'shifting-power',
      label:
        'How can we genuinely shift power, and what is the desired division of roles between Northern and Southern CSOs in a partnership that lasts?',
      cells: [
        { confirmed: 0, suggested: 1 },
        { confirmed: 0, suggested: 4 },
        { confirmed: 0, suggested: 0 },
        { confirmed: 0, suggested: 2 },
      ],
    },
    { key: 'empty', label: 'A need nobody answers', cells: [] },
  ],
  { mode: 'suggested', themes: THEMES },
)

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchBrowser()
  page = await browser.newPage()
})
afterAll(async () => {
  await browser?.close()
})

async function show(matrix: typeof suggested) {
  const body = renderToStaticMarkup(createElement(BubbleMap, { matrix, tableHref: '/?view=table' }))
  await page.setContent(
    `<!doctype html><html lang="en"><head><title>Map</title></head><body><main><h1>Map</h1>${body}</main></body></html>`,
  )
}

describe('the bubble view in Chromium', () => {
  it('should render every mark with a box, none overlapping, each state in its own shape', async () => {
    for (const matrix of [suggested, syntheticScaleMatrix('confirmed')]) {
      await show(matrix)
      const boxes = await markBoxes(page)
      const layout = layoutBubbles(matrix)
      expect(boxes).toHaveLength(layout.cells.length)
      boxes.forEach((b, i) => {
        expect(b.width).toBeGreaterThan(0)
        expect(b.height).toBeGreaterThan(0)
        expect(b.status).toBe(layout.cells[i]!.status)
      })
      for (let i = 0; i < boxes.length; i++) {
        // Marks are in rows and columns: only neighbours can touch.
        for (let j = i + 1; j < Math.min(boxes.length, i + 2 * matrix.themes.length); j++) {
          expect(overlap(boxes[i]!, boxes[j]!), `marks ${i} and ${j}`).toBe(false)
        }
      }
    }
  })

  it('should fit every label line in its column as Chromium lays the text out', async () => {
    for (const matrix of [suggested, syntheticScaleMatrix('confirmed')]) {
      await show(matrix)
      const widths = await page.evaluate(() => {
        const svg = document.querySelector('svg.bubble-map')!
        const lines = (sel: string) =>
          [...svg.querySelectorAll<SVGTextContentElement>(sel)].flatMap((t) => {
            // A <text>'s own first line, then each <tspan> line.
            const spans = [...t.querySelectorAll('tspan')]
            const first = t.getSubStringLength(
              0,
              t.getNumberOfChars() - spans.reduce((n, s) => n + s.getNumberOfChars(), 0),
            )
            return [first, ...spans.map((s) => s.getComputedTextLength())]
          })
        return {
          rows: lines('g[transform^="translate(0 "] > a > text'),
          headers: lines('svg > a > text'),
        }
      })
      expect(widths.rows.length).toBeGreaterThanOrEqual(matrix.rows.length)
      for (const w of widths.rows) expect(w).toBeLessThanOrEqual(BUBBLE.labelWidth - 4)
      expect(widths.headers.length).toBeGreaterThanOrEqual(matrix.themes.length)
      for (const w of widths.headers) expect(w).toBeLessThanOrEqual(BUBBLE.colWidth - 4)
    }
  })

  it('should give every cell link the table’s words as its accessible name', async () => {
    await show(suggested)
    const names = await linkNames(page)
    const layout = layoutBubbles(suggested)
    for (const cell of layout.cells) {
      const row = suggested.rows[cell.row]!
      expect(names).toContain(cellLabel(row.label, suggested.themes[cell.col]!.title, cell))
    }
    expect(names).toContain(
      'Civic space, Fighting for gender equality and inclusion: 3 products (confirmed)',
    )
    expect(names).toContain(
      'How can we genuinely shift power, and what is the desired division of roles between Northern and Southern CSOs in a partnership that lasts?, Protecting environmental rights: 4 suggested products',
    )
    expect(names).toContain(
      'A need nobody answers, Promoting sustainable and inclusive resource management: gap, no product',
    )
  })

  it('should hatch suggested bubbles with a dashed outline, fill confirmed ones, and outline gaps', async () => {
    await show(suggested)
    const styles = await page.evaluate(() =>
      [...document.querySelectorAll('a[aria-labelledby] > :first-child')].map((el) => {
        const s = getComputedStyle(el)
        return { tag: el.localName, fill: s.fill, dash: s.strokeDasharray }
      }),
    )
    const [confirmed, , , , suggestedMark] = styles
    expect(confirmed!.fill).toMatch(/^rgb/)
    expect(confirmed!.dash).toBe('none')
    expect(suggestedMark!.fill).toMatch(/url\("?#bm-p0"?\)/)
    expect(suggestedMark!.dash).not.toBe('none')
    expect(styles.at(-1)!.tag).toBe('use')
  })

  it('should let the keyboard reach every cell and have no serious axe violations', async () => {
    await show(suggested)
    const cells = suggested.rows.length * suggested.themes.length
    const focused: string[] = []
    await page.focus('body')
    for (let i = 0; i < 40 && focused.length < cells; i++) {
      await page.keyboard.press('Tab')
      const id = await page.evaluate(() =>
        document.activeElement?.hasAttribute('aria-labelledby') ? document.activeElement.id : '',
      )
      if (id) focused.push(id)
    }
    expect(new Set(focused).size).toBe(cells)
    await page.addScriptTag({ path: axePath })
    const violations = (await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe
      const result = (await axe.run({
        runOnly: {
          type: 'tag',
          values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
        },
      })) as {
        violations: { id: string; impact: string | null; nodes: unknown[] }[]
      }
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }))
    })) as { id: string; impact: string | null }[]
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([])
  })
})
