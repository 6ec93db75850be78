import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

import {
  cellStatus,
  citation,
  COLLECTIONS,
  createClient,
  type KnowledgeMapClient,
  type Matrix,
  rowStatus,
  toSearchParams,
} from '@repo/types'
import {
  adminApi,
  findRepoRoot,
  freePort,
  launchBrowser,
  type RunningCms,
  type RunningServer,
  startCmsAndSite,
  startBuiltSite,
} from '@repo/testing'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const here = path.dirname(new URL(import.meta.url).pathname)
const repoRoot = findRepoRoot(here)
const artefacts = path.resolve(here, '../../test-results')
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const SECRET = 'site-browser-test-revalidate-secret-0123'
const EXPORT_URL = 'http://export.example.test'

type AxeViolation = { id: string; impact: string | null; help: string; nodes: unknown[] }

describe('the public site in a real browser', () => {
  let cms: RunningCms
  let site: RunningServer
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let sdk: KnowledgeMapClient
  let matrix: Matrix

  beforeAll(async () => {
    ;({ cms, site } = await startCmsAndSite({
      repoRoot,
      secret: SECRET,
      siteEnv: { EXPORT_URL },
    }))
    browser = await launchBrowser()
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    page = await context.newPage()
    sdk = createClient({ baseUrl: cms.url })
    // The seed links no product to a need (no source states a link): link some as an editor
    // would, so the map has covered cells next to its gaps.
    const admin = await adminApi(cms.url, cms.admin)
    const needs = (await sdk.learningNeeds.list({ limit: 2 })).docs
    const products = (await sdk.products.list({ limit: 6, sort: 'title' })).docs
    for (const [i, product] of products.entries()) {
      await admin.update({
        collection: COLLECTIONS.knowledgeProducts,
        id: product.id,
        data: { learningNeeds: [needs[i < 5 ? 0 : 1]!.id] },
      })
    }
    matrix = await sdk.map.matrix()
    mkdirSync(artefacts, { recursive: true })
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    await site?.stop()
    await cms?.stop()
  })

  /** Runs a test body; on failure saves a screenshot and appends the servers' output. */
  const withDiagnostics = async (name: string, target: Page, body: () => Promise<void>) => {
    try {
      await body()
    } catch (err) {
      await target
        .screenshot({ path: path.join(artefacts, `${name}-failure.png`), fullPage: true })
        .catch(() => {})
      throw new Error(
        `${(err as Error).message}\n--- site output ---\n${site.output().slice(-3000)}\n--- CMS output ---\n${cms.output().slice(-2000)}`,
        { cause: err },
      )
    }
  }

  const resultTitles = (target: Page) => target.locator('#results .result h3').allTextContents()

  it('should render the seeded themes on the map, with counts and gaps', async () => {
    await withDiagnostics('map', page, async () => {
      const res = await page.goto(`${site.url}/`)
      expect(res?.status()).toBe(200)
      const themes = (await sdk.themes.list({ limit: 100 })).docs
      expect(themes.length).toBeGreaterThanOrEqual(4)
      const headers = await page
        .locator('#map-table thead th[data-theme]')
        .evaluateAll((ths) => ths.map((th) => th.getAttribute('data-theme')))
      expect(headers).toEqual(themes.map((t) => t.slug))
      for (const t of themes) {
        await expect
          .poll(() => page.locator(`#map-table thead th[data-theme="${t.slug}"] a`).textContent())
          .toBe(t.shortTitle || t.title)
      }
      // Every row is there, every cell shows the CMS's count, and gap rows are marked.
      const rows = page.locator('#map-table tbody tr')
      expect(await rows.count()).toBe(matrix.rows.length)
      for (const row of matrix.rows) {
        for (const t of themes) {
          const cell = page.locator(
            `#map-table tbody tr[data-row-key="${row.key}"] td:nth-of-type(${themes.indexOf(t) + 1})`,
          )
          expect(await cell.locator('b').textContent()).toBe(String(row.cells[t.slug]))
          expect(await cell.getAttribute('class')).toMatch(
            row.cells[t.slug] === 0 ? /^l0$/ : /^l[1-4]$/,
          )
        }
        const isGap = row.total === 0
        expect(
          await page.locator(`#map-table tbody tr[data-row-key="${row.key}"].gap-row`).count(),
        ).toBe(isGap ? 1 : 0)
      }
      expect(await page.locator('caption').textContent()).toMatch(/learning need/)
      expect(await page.locator('.legend li').count()).toBeGreaterThanOrEqual(3)

      // The plain GET form (no JavaScript) sends the defaults too; they redirect to the canonical URL.
      const plain = await fetch(`${site.url}/?programme=&axis=types`, { redirect: 'manual' })
      expect(plain.status).toBe(307)
      expect(new URL(plain.headers.get('location')!, site.url).href).toBe(`${site.url}/?axis=types`)

      // Switching to product types (a plain GET form, enhanced) keeps the state in the URL.
      await page.getByLabel('Product types').check()
      await page.waitForURL(/\?axis=types$/)
      expect(await page.locator('#map-table thead th.corner').textContent()).toBe('Product types')
      expect(await page.locator('#map-table tbody tr').count()).toBe(
        (await sdk.map.matrix({ axis: 'types' })).rows.length,
      )
    })
  })

  it('should drill down from a cell to the products it counts', async () => {
    await withDiagnostics('drill-down', page, async () => {
      const themes = matrix.themes
      const row = matrix.rows.find((r) => themes.some((t) => (r.cells[t.slug] ?? 0) > 0))
      expect(row, 'the products linked in beforeAll count on the map').toBeDefined()
      const theme = themes.find((t) => (row!.cells[t.slug] ?? 0) > 0)!
      const count = row!.cells[theme.slug]!
      await page.goto(`${site.url}/`)
      await page
        .locator(
          `#map-table tbody tr[data-row-key="${row!.key}"] td:nth-of-type(${themes.indexOf(theme) + 1}) a`,
        )
        .click()
      const expectedQuery = toSearchParams({ learningNeeds: [row!.key], themes: [theme.slug] })
      await page.waitForURL(`${site.url}/products?${expectedQuery}`)
      expect(await page.locator('#results-heading').textContent()).toMatch(
        new RegExp(`^${count} products?`),
      )
      const expected = await sdk.products.list({
        learningNeeds: [row!.key],
        themes: [theme.slug],
        limit: 100,
      })
      expect(expected.totalDocs).toBe(count)
      expect((await resultTitles(page)).sort()).toEqual(expected.docs.map((p) => p.title).sort())
      // The theme's box is ticked in the facets.
      expect(await page.locator(`input[name="theme"][value="${theme.slug}"]`).isChecked()).toBe(
        true,
      )
    })
  })

  it('should keep a filter combination across a reload and a copied link', async () => {
    await withDiagnostics('filters', page, async () => {
      const facets = await sdk.products.list({ limit: 100 })
      // A theme and a type that together still match something.
      const sample = facets.docs.find((p) => p.themes.length > 0 && p.year)!
      const theme = sample.themes[0]!.slug
      await page.goto(`${site.url}/products`)
      await page.locator(`input[name="theme"][value="${theme}"]`).check()
      await page.waitForURL(`${site.url}/products?${toSearchParams({ themes: [theme] })}`)
      await page.locator(`input[name="type"][value="${sample.type}"]`).check()
      await page.waitForURL(
        `${site.url}/products?${toSearchParams({ themes: [theme], types: [sample.type] })}`,
      )
      await page.locator('#yearFrom').fill(String(sample.year))
      await page.locator('#yearFrom').press('Enter')
      await page.waitForURL(
        `${site.url}/products?${toSearchParams({ themes: [theme], types: [sample.type], yearFrom: sample.year! })}`,
      )
      await page.selectOption('#sort', 'title')
      const filter = {
        themes: [theme],
        types: [sample.type],
        yearFrom: sample.year!,
        sort: 'title' as const,
      }
      const url = `${site.url}/products?${toSearchParams(filter)}`
      await page.waitForURL(url)
      const expected = await sdk.products.list({ ...filter, limit: 20 })
      await expect.poll(() => resultTitles(page)).toEqual(expected.docs.map((p) => p.title))
      expect(expected.docs.map((p) => p.slug)).toContain(sample.slug)

      // A reload shows the same view…
      await page.reload()
      expect(page.url()).toBe(url)
      expect(await resultTitles(page)).toEqual(expected.docs.map((p) => p.title))
      expect(await page.locator('#yearFrom').inputValue()).toBe(String(sample.year))
      expect(await page.locator('#sort').inputValue()).toBe('title')

      // …and so does the link, copied into a fresh browser, even without JavaScript.
      const fresh = await browser.newContext({ javaScriptEnabled: false })
      const other = await fresh.newPage()
      try {
        await other.goto(url)
        expect(await resultTitles(other)).toEqual(expected.docs.map((p) => p.title))
        expect(await other.locator(`input[name="theme"][value="${theme}"]`).isChecked()).toBe(true)
        // Without JavaScript the form is a plain GET form; the server redirects to the
        // canonical URL.
        await other.locator(`input[name="theme"][value="${theme}"]`).uncheck()
        await other.getByRole('button', { name: 'Apply filters' }).click()
        await other.waitForURL(`${site.url}/products?${toSearchParams({ ...filter, themes: [] })}`)
        // The export links carry the same query (without paging).
        const csv = await other.locator('a[data-export="csv"]').getAttribute('href')
        // The CSVs open cleanly in Excel: a BOM, and a semicolon choice for NL/FR Excel.
        expect(csv).toBe(
          `${EXPORT_URL}/v1/knowledge-products.csv?${toSearchParams({ ...filter, themes: [] })}&bom=1`,
        )
        const semicolon = other.locator('a[data-export="csv-semicolon"]')
        expect(await semicolon.textContent()).toBe('Excel (semicolon)')
        expect(await semicolon.getAttribute('href')).toBe(
          `${EXPORT_URL}/v1/knowledge-products.csv?${toSearchParams({ ...filter, themes: [] })}&bom=1&delimiter=semicolon`,
        )
        // The citation's permalink is the view, dated to the moment it was read.
        expect(await other.locator('#cite-view-apa').textContent()).toContain(
          `${site.url}/products?${toSearchParams({ ...filter, themes: [] })}&asOf=`,
        )
      } finally {
        await fresh.close()
      }

      // Back goes to the previous view.
      await page.goBack()
      await page.waitForURL(
        `${site.url}/products?${toSearchParams({ ...filter, sort: undefined })}`,
      )
    })
  })

  it("should show a product's citation, metadata and JSON-LD", async () => {
    await withDiagnostics('product', page, async () => {
      const list = await sdk.products.list({ limit: 100 })
      const product = list.docs.find((p) => p.partnerships.length > 0) ?? list.docs[0]!
      const res = await page.goto(`${site.url}/products/${product.slug}`)
      expect(res?.status()).toBe(200)
      expect(await page.locator('h1').textContent()).toBe(product.title)
      const full = await sdk.products.get(product.slug)
      for (const style of ['apa', 'ris', 'bibtex'] as const) {
        const shown = await page.locator(`pre[data-citation="${style}"]`).textContent()
        expect(shown?.replace(/\r\n/g, '\n')).toBe(
          citation(full, style, { baseUrl: cms.url, siteUrl: site.url }).replace(/\r\n/g, '\n'),
        )
      }
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url })
      await page.getByRole('button', { name: 'Copy APA' }).click()
      await expect.poll(() => page.locator('.copy-status').first().textContent()).toBe('Copied')
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
        citation(full, 'apa', { baseUrl: cms.url, siteUrl: site.url }),
      )

      expect(await page.title()).toContain(product.title)
      expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(
        `${site.url}/products/${product.slug}`,
      )
      expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBe(
        product.title,
      )
      expect(await page.locator('meta[name="description"]').getAttribute('content')).toBeTruthy()
      const ld = JSON.parse(
        (await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}',
      ) as Record<string, unknown>
      expect(ld).toMatchObject({ '@type': 'CreativeWork', name: product.title })

      // It prints cleanly: no navigation or buttons, and external links spelled out.
      await page.emulateMedia({ media: 'print' })
      expect(await page.locator('.site-header nav').isVisible()).toBe(false)
      expect(await page.getByRole('button', { name: 'Copy APA' }).isVisible()).toBe(false)
      expect(await page.locator('pre[data-citation="apa"]').isVisible()).toBe(true)
      await page.emulateMedia({ media: 'screen', reducedMotion: 'reduce' })
      expect(
        await page
          .locator('.site-header a')
          .first()
          .evaluate((a) => getComputedStyle(a).transitionDuration),
      ).toBe('0s')
      await page.emulateMedia({ media: 'screen', reducedMotion: 'no-preference' })
      expect(
        await page
          .locator('.site-header a')
          .first()
          .evaluate((a) => getComputedStyle(a).transitionDuration),
      ).not.toBe('0s')

      // The index lists the files; the product is in one of them (sitemap.browser.test.ts has more).
      const index = await (await fetch(`${site.url}/sitemap.xml`)).text()
      const files = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!)
      const listed = await Promise.all(files.map(async (f) => (await fetch(f)).text()))
      expect(listed.join('\n')).toContain(`${site.url}/products/${product.slug}`)
      expect(await (await fetch(`${site.url}/robots.txt`)).text()).toContain(
        `Sitemap: ${site.url}/sitemap.xml`,
      )
      const missing = await page.goto(`${site.url}/products/no-such-product-anywhere`)
      expect(missing?.status()).toBe(404)
      expect(await page.locator('h1').textContent()).toBe('Page not found')
    })
  })

  it('should show a product once it is published in the CMS', async () => {
    await withDiagnostics('publish', page, async () => {
      const title = `Freshly published toolkit ${Date.now()}`
      const search = `${site.url}/products?${toSearchParams({ q: title })}`
      // The site has read (and cached) the search before the product exists.
      await page.goto(search)
      expect(await page.locator('#results-heading').textContent()).toMatch(/^0 products/)

      const login = await fetch(`${cms.url}/api/users/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(cms.admin),
      })
      expect(login.status).toBe(200)
      const { token } = (await login.json()) as { token: string }
      const theme = matrix.themes[0]!
      const created = await fetch(`${cms.url}/api/${COLLECTIONS.knowledgeProducts}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token}` },
        body: JSON.stringify({
          title,
          type: 'toolkit',
          year: 2025,
          summary: 'Made by the browser test.',
          themes: [theme.id],
          _status: 'published',
        }),
      })
      expect(created.status, await created.clone().text()).toBe(201)
      const { doc } = (await created.json()) as { doc: { slug: string } }

      // What the CMS's afterChange hook does: tell the site, with the shared secret.
      const refused = await fetch(`${site.url}/api/revalidate`, {
        method: 'POST',
        headers: { Authorization: 'Bearer wrong-secret-wrong-secret' },
      })
      expect(refused.status).toBe(401)
      const revalidated = await fetch(`${site.url}/api/revalidate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${SECRET}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ collection: COLLECTIONS.knowledgeProducts, slug: doc.slug }),
      })
      expect(revalidated.status).toBe(200)

      await page.goto(search)
      expect(await page.locator('#results-heading').textContent()).toMatch(/^1 product\b/)
      expect(await resultTitles(page)).toEqual([title])
      await page.locator('#results .result h3 a').click()
      await page.waitForURL(`${site.url}/products/${doc.slug}`)
      expect(await page.locator('h1').textContent()).toBe(title)
    })
  })

  it('should switch between confirmed coverage and suggestions, with and without JavaScript', async () => {
    await withDiagnostics('map-modes', page, async () => {
      const suggestedMap = await sdk.map.matrix({ mode: 'suggested' })
      const row = suggestedMap.rows.find((r) => rowStatus(r) === 'suggested')
      expect(row, 'the real seed has needs the map suggests products for').toBeDefined()
      const cellsOf = (target: Page) =>
        target
          .locator(`#map-table tbody tr[data-row-key="${row!.key}"] td:not(.total)`)
          .evaluateAll((tds) => tds.map((td) => [td.className, td.textContent ?? '']))

      await page.goto(`${site.url}/`)
      expect(await page.getByLabel('Confirmed only').isChecked()).toBe(true)
      // Confirmed only: the need's cells are gaps, whatever the map would suggest.
      for (const [className] of await cellsOf(page)) expect(className).toBe('l0')
      await page.getByLabel('Include suggestions').check()
      await page.waitForURL(`${site.url}/?mode=suggested`)
      const cells = await cellsOf(page)
      for (const [c, t] of suggestedMap.themes.entries()) {
        const cell = cellStatus(row!, t.slug)
        const [className, text] = cells[c]!
        if (cell.status === 'suggested') {
          expect(className).toBe('s')
          expect(text).toBe(`${cell.count} suggested, not confirmed`)
        } else expect(className).toBe('l0')
      }
      const header = page.locator(`#map-table tbody tr[data-row-key="${row!.key}"] th`)
      expect(await header.locator('.badge-suggested').textContent()).toBe('Suggested only')
      expect(await page.locator('#suggestions-note').textContent()).toMatch(/not links/)
      expect(await page.locator('.legend').textContent()).toMatch(
        /Dashed ring: suggested, not confirmed/,
      )

      // A suggested cell opens the need's suggestions, each with why it is suggested.
      await page.locator(`#map-table tbody tr[data-row-key="${row!.key}"] td.s a`).first().click()
      await page.waitForURL(`${site.url}/learning-needs/${row!.key}#suggested`)
      const listed = await page.locator('#suggested li a').allTextContents()
      expect(listed).toEqual(row!.suggested!.products.map((p) => p.title))
      expect(await page.locator('#suggested li').first().textContent()).toMatch(/matched “/)

      // The plain form, without JavaScript: "Show" sends every field, the URL stays canonical.
      const plain = await browser.newContext({ javaScriptEnabled: false })
      try {
        const noJs = await plain.newPage()
        await noJs.goto(`${site.url}/`)
        await noJs.getByLabel('Include suggestions').check()
        await noJs.getByRole('button', { name: 'Show' }).click()
        await noJs.waitForURL(`${site.url}/?mode=suggested`)
        expect((await cellsOf(noJs)).map(([className]) => className)).toEqual(
          cells.map(([className]) => className),
        )
        await noJs.getByLabel('Bubbles').check()
        await noJs.getByRole('button', { name: 'Show' }).click()
        await noJs.waitForURL(`${site.url}/?mode=suggested&view=bubbles`)
        const frame = noJs.locator('iframe.bubble-frame')
        expect(await frame.getAttribute('src')).toBe('/map.svg?mode=suggested')
        expect(await noJs.locator('#map-table').count()).toBe(0)
        await noJs.getByRole('link', { name: 'The same map as a table' }).click()
        await noJs.waitForURL(`${site.url}/?mode=suggested`)
      } finally {
        await plain.close()
      }
    })
  })

  it('should be drivable with the keyboard alone', async () => {
    await withDiagnostics('keyboard', page, async () => {
      await page.goto(`${site.url}/`)
      await page.keyboard.press('Tab')
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content')
      // Tab forward until the first cell link of the map has the focus (gaps have no link).
      let reached = false
      for (let i = 0; i < 80 && !reached; i++) {
        await page.keyboard.press('Tab')
        reached = await page.evaluate(
          () => (document.activeElement as HTMLElement | null)?.matches('.matrix td > a') ?? false,
        )
      }
      expect(reached).toBe(true)
      // Where the focus is: row and column of its cell (a link, or a gap cell itself).
      const focused = () =>
        page.evaluate(() => {
          const el = document.activeElement as HTMLElement
          const td = el.closest('td')!
          const tr = td.parentElement as HTMLTableRowElement
          const body = tr.parentElement as HTMLTableSectionElement
          return {
            row: [...body.rows].indexOf(tr),
            col: [...tr.querySelectorAll('td:not(.total)')].indexOf(td),
            href: el.getAttribute('href'),
          }
        })
      const last = matrix.themes.length - 1
      const start = await focused()
      // A need's cell links to its short address, which redirects to the products it counts.
      expect(start.href).toMatch(/^\/n\/[^/]+\/[^/]+$/)
      await page.keyboard.press('ArrowRight')
      expect(await focused()).toMatchObject({ row: start.row, col: Math.min(start.col + 1, last) })
      await page.keyboard.press('ArrowDown')
      expect(await focused()).toMatchObject({
        row: start.row + 1,
        col: Math.min(start.col + 1, last),
      })
      await page.keyboard.press('End')
      expect(await focused()).toMatchObject({ row: start.row + 1, col: last })
      await page.keyboard.press('Home')
      expect(await focused()).toMatchObject({ row: start.row + 1, col: 0 })
      await page.keyboard.press('ArrowUp')
      expect(await focused()).toMatchObject({ row: start.row, col: 0 })
      for (let c = 0; c < start.col; c++) await page.keyboard.press('ArrowRight')
      const target = await focused()
      expect(target).toEqual(start)
      // The focus ring is visible.
      expect(
        await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle),
      ).not.toBe('none')
      await page.keyboard.press('Enter')
      await page.waitForURL(/\/products\?(.*&)?need=/)
    })
  })

  it('should have no serious or critical axe violations on the main pages', async () => {
    const product = (await sdk.products.list({ limit: 1 })).docs[0]!
    const need = matrix.rows[0]!
    const pages = {
      map: '/',
      'map-suggested': '/?mode=suggested',
      'map-bubbles': '/?view=bubbles',
      products: '/products',
      product: `/products/${product.slug}`,
      'learning-need': `/learning-needs/${need.key}`,
      changes: '/changes',
      'dated-map': '/?asOf=2026-01-01',
      'dated-products': '/products?asOf=2026-01-01',
    }
    const report: Record<string, { id: string; impact: string | null; nodes: number }[]> = {}
    for (const [name, route] of Object.entries(pages)) {
      await withDiagnostics(`axe-${name}`, page, async () => {
        const res = await page.goto(`${site.url}${route}`)
        expect(res?.status()).toBe(200)
        await page.addScriptTag({ path: axePath })
        const violations = (await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe
          const result = (await axe.run({
            runOnly: {
              type: 'tag',
              values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
            },
          })) as { violations: AxeViolation[] }
          return result.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.length,
          }))
        })) as { id: string; impact: string | null; help: string; nodes: number }[]
        report[route] = violations
        const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        expect(severe, `${route}: ${JSON.stringify(severe)}`).toEqual([])
      })
    }
    writeFileSync(path.join(artefacts, 'axe-report.json'), JSON.stringify(report, null, 2))
  })

  it('should serve every listing and detail page with its own title and canonical URL', async () => {
    const partnership = (await sdk.partnerships.list({ limit: 1 })).docs[0]!
    const theme = matrix.themes[0]!
    const need = matrix.rows[0]!
    const routes: [string, string][] = [
      ['/about', 'About the Knowledge Map'],
      ['/partnerships', 'Partnerships'],
      [`/partnerships/${partnership.slug}`, partnership.name],
      [`/themes/${theme.slug}`, theme.title],
      ['/learning-needs', 'Learning needs'],
      ['/learning-needs?coverage=open', 'Learning needs'],
      [`/learning-needs/${need.key}`, need.label],
    ]
    for (const [route, heading] of routes) {
      await withDiagnostics(`route-${route.replace(/\W+/g, '-')}`, page, async () => {
        const res = await page.goto(`${site.url}${route}`)
        expect(res?.status(), route).toBe(200)
        expect(await page.locator('h1').textContent()).toBe(heading)
        expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(
          `${site.url}${route}`,
        )
        expect(await page.locator('meta[property="og:url"]').getAttribute('content')).toBe(
          `${site.url}${route}`,
        )
      })
    }
    // The about page links the export API's description.
    await page.goto(`${site.url}/about`)
    expect(await page.locator(`a[href="${EXPORT_URL}/openapi.json"]`).count()).toBe(1)
  })

  it('should show an error page without details when the CMS cannot be reached', async () => {
    // A second site on a dead CMS: what visitors see while the CMS is down or still starting.
    const orphan = await startBuiltSite({
      repoRoot,
      cmsUrl: `http://127.0.0.1:${await freePort()}`,
    })
    const errorPage = await browser.newPage()
    try {
      await withDiagnostics('error-page', errorPage, async () => {
        const res = await errorPage.goto(`${orphan.url}/products`)
        expect(res?.status()).toBe(500)
        expect(await errorPage.locator('h1').textContent()).toBe('Something went wrong')
        const html = await errorPage.content()
        expect(html).not.toMatch(/KnowledgeMapError|Could not reach the CMS|at async|\.tsx?:\d+/)
        // The pages that do not need the CMS still work.
        expect((await fetch(`${orphan.url}/robots.txt`)).status).toBe(200)
      })
    } finally {
      await errorPage.close()
      await orphan.stop()
    }
  })

  it('should stay readable on narrow screens and save screenshots', async () => {
    for (const width of [1280, 375, 320]) {
      const narrow = await browser.newPage({ viewport: { width, height: 900 } })
      try {
        for (const [name, route] of [
          ['map', '/'],
          ['products', '/products'],
        ] as const) {
          await withDiagnostics(`${name}-${width}`, narrow, async () => {
            await narrow.goto(`${site.url}${route}`)
            // The page itself never scrolls sideways; the wide map scrolls inside its own box.
            const overflow = await narrow.evaluate(
              () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
            )
            expect(overflow).toBeLessThanOrEqual(0)
            if (width !== 320) {
              await narrow.screenshot({
                path: path.join(artefacts, `${name}-${width}.png`),
                fullPage: true,
              })
            }
          })
        }
      } finally {
        await narrow.close()
      }
    }
  })
})
