/**
 * The bubble view's markup, read by a real XML parser (@xmldom/xmldom, every warning an error):
 * well-formed SVG, every cell a link with the table's words as its accessible name (resolved
 * from `aria-labelledby` as a browser does), one shape per state, a legend of the three states.
 */
import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom'
import type { Matrix } from '@repo/types'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'

import { BubbleMap, BubbleSvg, bubbleSvgHref } from '@/components/BubbleMap'
import { bubbleSummary } from '@/lib/bubbleText'
import { drillDownHref } from '@/lib/matrix'

import { buildMatrix, syntheticScaleMatrix, THEMES } from './helpers/matrices'

const SVG_NS = 'http://www.w3.org/2000/svg'

function parse(markup: string) {
  const doc = new DOMParser({
    onError: (level, message) => {
      throw new Error(`${level}: ${message}`)
    },
  }).parseFromString(markup, 'text/xml')
  return doc
}

const all = (root: { getElementsByTagName(name: string): ArrayLike<XmlElement> }, tag: string) =>
  Array.from(root.getElementsByTagName(tag))

/** The accessible name of an element named by `aria-labelledby` (a self-reference reads `aria-label`). */
function labelledName(el: XmlElement, byId: Map<string, XmlElement>): string {
  const ids = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)
  return ids
    .map((id) => {
      const target = byId.get(id)
      if (!target) throw new Error(`aria-labelledby names a missing id: ${id}`)
      return target === el ? (el.getAttribute('aria-label') ?? '') : (target.textContent ?? '')
    })
    .join(' ')
    .replace(/\s+/g, ' ')
    .replace(/ ,/g, ',')
    .trim()
}

/** What the table says of a cell. */
function expectedName(matrix: Matrix, r: number, c: number): string {
  const row = matrix.rows[r]!
  const theme = matrix.themes[c]!
  const confirmed = row.cells[theme.slug] ?? 0
  const suggested = row.suggested?.cells[theme.slug] ?? 0
  const what =
    confirmed > 0
      ? `${confirmed} ${confirmed === 1 ? 'product' : 'products'} (confirmed)`
      : suggested > 0
        ? `${suggested} suggested ${suggested === 1 ? 'product' : 'products'}`
        : 'gap, no product'
  return `${row.label}, ${theme.title}: ${what}`
}

const mixed = buildMatrix(
  [
    {
      key: 'civic-space',
      label: 'Civic space',
      cells: [
        { confirmed: 3, suggested: 0 },
        { confirmed: 1, suggested: 0 },
        { confirmed: 0, suggested: 0 },
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
      ],
    },
    {
      key: 'hostile',
      label: 'Tags <script>alert("x")</script> & “quotes” \'single\'',
      cells: [
        { confirmed: 0, suggested: 0 },
        { confirmed: 12, suggested: 0 },
        { confirmed: 2, suggested: 0 },
      ],
    },
  ],
  { mode: 'suggested', themes: THEMES.slice(0, 3) },
)

function check(matrix: Matrix, markup: string, links: 'short' | 'direct') {
  const doc = parse(markup)
  const svg = doc.documentElement!
  expect(svg.localName).toBe('svg')
  const byId = new Map<string, XmlElement>()
  for (const el of all(doc, '*')) {
    const id = el.getAttribute('id')
    if (!id) continue
    expect(byId.has(id), `duplicate id ${id}`).toBe(false)
    byId.set(id, el)
  }
  // The figure's own title and description, named from the root.
  expect(byId.get(svg.getAttribute('aria-labelledby')!)!.localName).toBe('title')
  expect(byId.get(svg.getAttribute('aria-describedby')!)!.textContent).toContain(
    bubbleSummary(matrix),
  )
  expect(svg.getAttribute('role')).toBe('group')

  const cells = all(doc, 'a').filter((a) => a.hasAttribute('aria-labelledby'))
  expect(cells).toHaveLength(matrix.rows.length * matrix.themes.length)
  matrix.rows.forEach((row, r) =>
    matrix.themes.forEach((theme, c) => {
      const a = cells[r * matrix.themes.length + c]!
      expect(labelledName(a, byId)).toBe(expectedName(matrix, r, c))
      const href = a.getAttribute('href')!
      if (links === 'short') expect(href).toBe(`/n/${row.id}/${theme.id}`)
      else
        expect(href).toBe(
          new URL(drillDownHref(matrix, row, theme), 'https://map.example.org/').toString(),
        )
      // One shape per state: a filled disc, a hatched dashed ring, a hollow square.
      const confirmed = (row.cells[theme.slug] ?? 0) > 0
      const suggested = !confirmed && (row.suggested?.cells[theme.slug] ?? 0) > 0
      const mark = a.firstChild as XmlElement
      if (confirmed) {
        expect(mark.localName).toBe('circle')
        expect(mark.getAttribute('class')).toBe(`c${c}`)
      } else if (suggested) {
        expect(mark.localName).toBe('circle')
        expect(mark.getAttribute('class')).toBe(`s c${c}`)
      } else {
        expect(mark.localName).toBe('use')
        expect(mark.getAttribute('href')).toBe('#bm-g')
      }
    }),
  )
  // The gap's square is hollow, drawn by its own attributes (styles do not reach <use> copies).
  const gap = byId.get('bm-g')!
  expect([gap.localName, gap.getAttribute('fill'), gap.getAttribute('stroke')]).toEqual([
    'rect',
    'none',
    '#a4262c',
  ])
  // Every internal reference resolves: <use href="#…">, and the patterns the styles fill with.
  for (const use of all(doc, 'use')) expect(byId.has(use.getAttribute('href')!.slice(1))).toBe(true)
  const style = all(doc, 'style')[0]!.textContent!
  for (const [, id] of style.matchAll(/url\(#([^)]+)\)/g))
    expect(byId.get(id!)?.localName).toBe('pattern')
  expect(style).toMatch(/\.s\{[^}]*stroke-dasharray/)
  // The legend explains the three states, in words.
  const legend = ['confirmed', 'suggested', 'gap'].map((status) => {
    const item = all(doc, 'g').find((g) => g.getAttribute('data-legend') === status)
    expect(item, status).toBeDefined()
    return item!.textContent
  })
  expect(legend[0]).toMatch(/^Confirmed: /)
  expect(legend[1]).toMatch(/^Suggested: /)
  expect(legend[2]).toMatch(/^Gap: /)
  expect(all(doc, 'text').some((t) => /area ∝ number of products/.test(t.textContent ?? ''))).toBe(
    true,
  )
  return doc
}

describe('BubbleSvg markup', () => {
  it('should be well-formed SVG with a named link and a state shape for every cell (inline)', () => {
    check(mixed, renderToStaticMarkup(createElement(BubbleSvg, { matrix: mixed })), 'short')
  })

  it('should be a standalone SVG document with absolute drill-down links (the file)', () => {
    const markup = renderToStaticMarkup(
      createElement(BubbleSvg, {
        matrix: mixed,
        standalone: true,
        links: 'direct',
        baseUrl: 'https://map.example.org',
      }),
    )
    const doc = check(mixed, markup, 'direct')
    expect(doc.documentElement!.namespaceURI).toBe(SVG_NS)
    // Links leave a frame or an <object> for the whole window.
    for (const a of all(doc, 'a').filter((x) => x.hasAttribute('aria-labelledby')))
      expect(a.getAttribute('target')).toBe('_top')
  })

  it('should keep hostile labels as text and the full label of a cut one in a <title>', () => {
    const doc = check(
      mixed,
      renderToStaticMarkup(createElement(BubbleSvg, { matrix: mixed })),
      'short',
    )
    expect(all(doc, 'script')).toHaveLength(0)
    const titles = all(doc, 'title').map((t) => t.textContent)
    expect(titles).toContain(mixed.rows[1]!.label)
    expect(
      all(doc, 'text').some((t) => t.textContent?.includes('<script>alert("x")</script>')),
    ).toBe(true)
  })

  it('should draw the product-type axis with drill-down links (short keys, no need ids)', () => {
    const types = {
      ...mixed,
      axis: 'types' as const,
      mode: 'confirmed' as const,
      rows: mixed.rows.map(({ suggested: _s, id: _i, ...r }, i) => ({
        ...r,
        key: ['report', 'toolkit', 'video'][i]!,
      })),
    }
    const doc = parse(renderToStaticMarkup(createElement(BubbleSvg, { matrix: types })))
    const hrefs = all(doc, 'a')
      .filter((a) => a.hasAttribute('aria-labelledby'))
      .map((a) => a.getAttribute('href'))
    expect(hrefs[0]).toBe(drillDownHref(types, types.rows[0]!, types.themes[0]!))
  })

  it('should stay compact at the 100k database’s 123 needs × 4 themes', () => {
    for (const mode of ['confirmed', 'suggested'] as const) {
      const matrix = syntheticScaleMatrix(mode)
      const markup = renderToStaticMarkup(createElement(BubbleSvg, { matrix }))
      check(matrix, markup, 'short')
      const bytes = Buffer.byteLength(markup)
      console.info(`bubble map, ${mode}, 123 × 4: ${bytes} bytes`)
      // Measured 2026-12-01: 119.9 KB; the floor is the 492 named links (see the report).
      expect(bytes).toBeLessThan(125_000)
    }
  })
})

describe('BubbleMap', () => {
  it('should put the text alternative, the table link and the download under the figure', () => {
    const doc = parse(
      renderToStaticMarkup(createElement(BubbleMap, { matrix: mixed, tableHref: '/?view=table' })),
    )
    const caption = all(doc, 'figcaption')[0]!
    expect(caption.textContent).toContain(bubbleSummary(mixed))
    const links = all(caption, 'a').map((a) => [a.textContent, a.getAttribute('href')])
    expect(links).toEqual([
      ['The same map as a table', '/?view=table'],
      ['Download the figure (SVG)', bubbleSvgHref(mixed)],
    ])
    expect(bubbleSvgHref(mixed)).toBe('/map.svg?mode=suggested')
    expect(
      bubbleSvgHref({
        axis: 'types',
        programme: { id: 1, slug: 'scs', name: 'SCS' },
        mode: 'confirmed',
      }),
    ).toBe('/map.svg?programme=scs&axis=types')
  })
})
