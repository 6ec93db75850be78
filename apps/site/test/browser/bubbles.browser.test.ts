/**
 * `/map.svg` from the built site on the built CMS with the real seed (confirmed mode: the CMS
 * does not serve suggested mode yet): a well-formed SVG file with one named, absolute
 * drill-down link per cell, rendered by Chromium with a box for every mark and no overlaps;
 * bad parameters are a 400 in words, never a 500; the inline figure's short cell links
 * redirect to the cell's products.
 */
import path from 'node:path'

import { COLLECTIONS, createClient, type Matrix } from '@repo/types'
import {
  adminApi,
  findRepoRoot,
  launchBrowser,
  type RunningCms,
  type RunningServer,
  startCmsAndSite,
} from '@repo/testing'
import { DOMParser } from '@xmldom/xmldom'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'

import { BubbleMap } from '@/components/BubbleMap'
import { layoutBubbles } from '@/lib/bubbles'
import { cellLabel } from '@/lib/bubbleText'
import { drillDownHref } from '@/lib/matrix'

import { linkNames, markBoxes, overlap } from './bubbleShared'

const here = path.dirname(new URL(import.meta.url).pathname)
const repoRoot = findRepoRoot(here)
const SECRET = 'site-bubbles-test-revalidate-secret-01'

describe('the bubble view’s file on the built site', () => {
  let cms: RunningCms
  let site: RunningServer
  let browser: Browser
  let matrix: Matrix

  beforeAll(async () => {
    ;({ cms, site } = await startCmsAndSite({ repoRoot, secret: SECRET }))
    const sdk = createClient({ baseUrl: cms.url })
    // The seed links no product to a need (no source states one): link some as an editor would,
    // 5 products to one need and 2 to another, so the figure has bubbles of two sizes by its gaps.
    const admin = await adminApi(cms.url, cms.admin)
    const needs = (await sdk.learningNeeds.list({ limit: 2 })).docs
    const products = (await sdk.products.list({ limit: 7, sort: 'title' })).docs
    for (const [i, product] of products.entries()) {
      await admin.update({
        collection: COLLECTIONS.knowledgeProducts,
        id: product.id,
        data: { learningNeeds: [needs[i < 5 ? 0 : 1]!.id] },
      })
    }
    matrix = await sdk.map.matrix()
    browser = await launchBrowser()
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    await site?.stop()
    await cms?.stop()
  })

  it('should serve the real map as a well-formed SVG file with a named drill-down link per cell', async () => {
    expect(matrix.rows.length).toBe(23)
    const counts = matrix.rows.flatMap((r) => Object.values(r.cells)).filter((n) => n > 0)
    expect(new Set(counts).size).toBeGreaterThan(1)
    const res = await fetch(`${site.url}/map.svg`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/)
    expect(res.headers.get('content-disposition')).toContain('knowledge-map-learning-needs.svg')
    const body = await res.text()
    const doc = new DOMParser({
      onError: (level, message) => {
        throw new Error(`${level}: ${message}`)
      },
    }).parseFromString(body, 'text/xml')
    const svg = doc.documentElement!
    expect(svg.namespaceURI).toBe('http://www.w3.org/2000/svg')
    const links = Array.from(doc.getElementsByTagName('a')).filter((a) =>
      a.hasAttribute('aria-labelledby'),
    )
    expect(links).toHaveLength(matrix.rows.length * matrix.themes.length)
    matrix.rows.forEach((row, r) =>
      matrix.themes.forEach((t, c) => {
        expect(links[r * matrix.themes.length + c]!.getAttribute('href')).toBe(
          new URL(drillDownHref(matrix, row, t), `${site.url}/`).toString(),
        )
      }),
    )
  })

  it('should render in Chromium: every mark has a box, none overlap, links carry the table’s words', async () => {
    const page = await browser.newPage()
    try {
      const res = await page.goto(`${site.url}/map.svg`)
      expect(res?.status()).toBe(200)
      const boxes = await markBoxes(page)
      const layout = layoutBubbles(matrix)
      expect(boxes).toHaveLength(layout.cells.length)
      for (const [i, b] of boxes.entries()) {
        expect(b.width, `mark ${i}`).toBeGreaterThan(0)
        expect(b.height, `mark ${i}`).toBeGreaterThan(0)
        expect(b.status).toBe(layout.cells[i]!.status)
        for (const other of boxes.slice(i + 1)) expect(overlap(b, other)).toBe(false)
      }
      const names = await linkNames(page)
      for (const cell of layout.cells) {
        expect(names).toContain(
          cellLabel(matrix.rows[cell.row]!.label, matrix.themes[cell.col]!.title, cell),
        )
      }
    } finally {
      await page.close()
    }
  })

  it('should embed the file in a page as a frame whose links open in the whole window', async () => {
    const page = await browser.newPage()
    try {
      await page.goto(`${site.url}/robots.txt`)
      const figure = renderToStaticMarkup(createElement(BubbleMap, { matrix, embed: 'frame' }))
      expect(Buffer.byteLength(figure)).toBeLessThan(2000)
      await page.setContent(
        `<!doctype html><html lang="en"><title>Map</title><main>${figure}</main></html>`,
      )
      await page.waitForFunction(() =>
        document.querySelector('iframe')?.contentDocument?.querySelector('a[aria-labelledby]'),
      )
      const boxes = await markBoxes(page, 'iframe')
      expect(boxes).toHaveLength(matrix.rows.length * matrix.themes.length)
      for (const b of boxes) expect(b.width).toBeGreaterThan(0)
      const row = matrix.rows.find((r) => r.total > 0)!
      const col = matrix.themes.findIndex((t) => (row.cells[t.slug] ?? 0) > 0)
      const r = matrix.rows.indexOf(row)
      await page.frameLocator('iframe').locator(`a[id="bm${r}-${col}"]`).click()
      await page.waitForURL((url) => url.pathname === '/products')
      expect(page.url()).toBe(
        new URL(drillDownHref(matrix, row, matrix.themes[col]!), `${site.url}/`).toString(),
      )
    } finally {
      await page.close()
    }
  })

  it.each([
    ['/map.svg?axis=sideways', 'axis'],
    ['/map.svg?axis=types&mode=suggested', 'mode'],
    ['/map.svg?mode=everything', 'mode'],
    ['/map.svg?programme=NOT%20A%20SLUG', 'programme'],
    ['/map.svg?colour=red', 'colour'],
    ['/map.svg?axis=types&axis=learning-needs', 'axis'],
    ['/map.svg?programme=no-such-programme', 'no-such-programme'],
  ])('should refuse %s with a 400 in words', async (url, word) => {
    const res = await fetch(`${site.url}${url}`)
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    const text = await res.text()
    expect(text).toContain(word)
    expect(text).not.toMatch(/at .*\.js|localhost/)
  })

  it('should redirect a short cell link to the cell’s products, and 404 an unknown one', async () => {
    const row = matrix.rows.find((r) => r.total > 0) ?? matrix.rows[0]!
    const theme = matrix.themes[0]!
    const res = await fetch(`${site.url}/n/${row.id}/${theme.id}`, { redirect: 'manual' })
    expect(res.status).toBe(307)
    expect(res.headers.get('location')).toBe(drillDownHref(matrix, row, theme))
    for (const bad of [`/n/999999999/${theme.id}`, `/n/${row.id}/nope`, '/n/%00/1']) {
      const miss = await fetch(`${site.url}${bad}`, { redirect: 'manual' })
      expect(miss.status, bad).toBe(404)
    }
    // An escape that is not UTF-8 is refused before Next decodes the path (it answered 500).
    for (const bad of ['/n/%FF/1', `/n/${row.id}/%FF`, '/products/%FF', '/learning-needs/%C3']) {
      const miss = await fetch(`${site.url}${bad}`, { redirect: 'manual' })
      expect(miss.status, bad).toBe(400)
      expect(await miss.text()).toContain('not UTF-8')
    }
  })
})
