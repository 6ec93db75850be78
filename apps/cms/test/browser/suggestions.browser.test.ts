import { COLLECTIONS } from '@repo/types'
import { parse as parseCsv } from 'csv-parse/sync'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  findRepoRoot,
  launchBrowser,
  type RunningCms,
  type RunningServer,
  startBuiltExport,
  startCmsAndSite,
} from '@repo/testing'

const SECRET = 'suggestions-browser-test-secret-0123456789'

/** Text as React writes it into HTML. */
const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;')

type Row = { key: string; coverage: string; total?: number }

describe('suggestions in the admin, in a real browser', () => {
  let cms: RunningCms
  let site: RunningServer
  let exporter: RunningServer
  let browser: Browser
  let adminToken: string
  let need: { id: number; slug: string; title: string }
  const editor = { email: 'suggest-editor@example.org', password: 'editor-pass-12345' }

  const api = async <T>(url: string, init: RequestInit = {}, token = adminToken): Promise<T> => {
    const res = await fetch(`${cms.url}/api/${url}`, {
      ...init,
      headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
    })
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`)
    return (await res.json()) as T
  }
  const anonymous = async <T>(url: string): Promise<T> =>
    (await (await fetch(`${cms.url}/api/${url}`)).json()) as T

  beforeAll(async () => {
    const repoRoot = findRepoRoot(import.meta.dirname)
    ;({ cms, site } = await startCmsAndSite({ repoRoot, secret: SECRET }))
    exporter = await startBuiltExport({ repoRoot, cmsUrl: cms.url, siteUrl: site.url })
    browser = await launchBrowser()
    const login = await fetch(`${cms.url}/api/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(cms.admin),
    })
    adminToken = ((await login.json()) as { token: string }).token
    await api('users', {
      method: 'POST',
      body: JSON.stringify({ ...editor, name: 'Sam Suggest', role: 'editor' }),
    })
    const { docs } = await api<{ docs: (typeof need)[] }>(
      `${COLLECTIONS.learningNeeds}?where[title][equals]=${encodeURIComponent('Learning and adaptive programming in fragile contexts')}&depth=0`,
    )
    need = docs[0]!
  }, 240_000)

  afterAll(async () => {
    await browser?.close()
    await exporter?.stop()
    await site?.stop()
    await cms?.stop()
  })

  /** The export service's CSV of a view, parsed by csv-parse (header row as keys). */
  const csv = async (path: string): Promise<Record<string, string>[]> => {
    const res = await fetch(`${exporter.url}${path}`)
    expect(res.status).toBe(200)
    return parseCsv(await res.text(), { columns: true, bom: true }) as Record<string, string>[]
  }

  /** The need's row on the public map as a visitor's browser shows it: badge and total. */
  const mapRow = async (visitor: Page, query = '') => {
    await visitor.goto(`${site.url}/${query}`)
    const row = visitor.locator(`#map-table tbody tr[data-row-key="${need.slug}"]`)
    return {
      badge: (await row.locator('th .badge').first().textContent()) ?? '',
      total: Number(await row.locator('td.total').textContent()),
      cells: await row
        .locator('td:not(.total)')
        .evaluateAll((tds) => tds.map((td) => td.className)),
    }
  }

  async function openNeed(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await page.goto(`${cms.url}/admin/login`)
    await page.fill('#field-email', editor.email)
    await page.fill('#field-password', editor.password)
    await page.click('button[type="submit"]')
    await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 })
    await page.goto(`${cms.url}/admin/collections/${COLLECTIONS.learningNeeds}/${need.id}`)
    await page.locator('[data-testid="suggestion"]').first().waitFor({ timeout: 60_000 })
    return page
  }

  const firstTitle = async (page: Page) =>
    (await page.locator('[data-testid="suggestion"] a').first().textContent())!.trim()

  it('should link a product when an editor accepts its suggestion, and the public map show the need confirmed within 2 s', async () => {
    const before = await anonymous<{ coverage: string }>(
      `${COLLECTIONS.learningNeeds}/${need.id}?depth=0`,
    )
    expect(before.coverage).toBe('open')
    // A visitor has the map open (the site caches what it read), as has the export's reader.
    const visitor = await browser.newPage()
    expect(await mapRow(visitor)).toMatchObject({ badge: 'Open (a gap)', total: 0 })
    expect(
      (await csv('/v1/map.csv?mode=suggested')).find((r) => r.Key === need.slug),
    ).toMatchObject({ Total: '0' })
    const page = await openNeed()
    const why = await page.locator('[data-testid="suggestion"]').first().textContent()
    expect(why).toMatch(/Matched “/)
    const title = await firstTitle(page)
    await page.locator('[data-testid="suggestion-accept"]').first().click()
    await page
      .getByRole('status')
      .filter({ hasText: `Accepted: “${title}” is linked.` })
      .waitFor()
    // Within 2 s: the CMS, the public map in a visitor's browser (both modes) and the export
    // service's CSV all say the need is confirmed.
    const deadline = Date.now() + 2_000
    let row: Row | undefined
    let coverage = 'open'
    let shown = { badge: '', total: 0, cells: [] as string[] }
    let exported: Record<string, string> | undefined
    while (Date.now() < deadline) {
      coverage = (
        await anonymous<{ coverage: string }>(`${COLLECTIONS.learningNeeds}/${need.id}?depth=0`)
      ).coverage
      const matrix = await anonymous<{ rows: Row[] }>('map/matrix')
      row = matrix.rows.find((r) => r.key === need.slug)
      shown = await mapRow(visitor)
      exported = (await csv('/v1/map.csv?mode=suggested')).find((r) => r.Key === need.slug)
      const done =
        coverage !== 'open' &&
        row?.coverage !== 'open' &&
        shown.total === 1 &&
        exported?.Status === 'Confirmed'
      if (done) break
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(coverage).not.toBe('open')
    expect(row?.coverage).toBe(coverage)
    expect(shown).toMatchObject({ badge: 'Partially covered', total: 1 })
    expect(shown.cells.filter((c) => /^l[1-4]$/.test(c)).length).toBeGreaterThan(0)
    expect(exported).toMatchObject({
      'Map mode': 'confirmed and suggested',
      Status: 'Confirmed',
      Coverage: coverage,
      Total: '1',
    })
    const suggestedMode = await mapRow(visitor, '?mode=suggested')
    expect(suggestedMode.total).toBe(1)
    await visitor.close()
    const products = await anonymous<{ docs: { title: string }[] }>(
      `${COLLECTIONS.knowledgeProducts}?where[learningNeeds][equals]=${need.id}&depth=0`,
    )
    expect(products.docs.map((d) => d.title)).toEqual([title])
    const history = await api<{ coverageHistory: { reason: string }[] }>(
      `${COLLECTIONS.learningNeeds}/${need.id}?depth=0`,
    )
    expect(history.coverageHistory.at(-1)!.reason).toMatch(/^Accepted from a suggestion/)
    await page.context().close()
  })

  it('should never show a dismissed suggestion again', async () => {
    const page = await openNeed()
    const title = await firstTitle(page)
    await page.locator('[data-testid="suggestion-dismiss"]').first().click()
    await page
      .getByRole('status')
      .filter({ hasText: `Dismissed: “${title}”` })
      .waitFor()
    await page.reload()
    await page.locator('[data-testid="suggestion"]').first().waitFor()
    const titles = await page.locator('[data-testid="suggestion"] a').allTextContents()
    expect(titles.map((t) => t.trim())).not.toContain(title)
    await page.goto(`${cms.url}/admin/suggestions-triage`)
    await page.locator('[data-testid="suggestions-triage"]').waitFor()
    const row = page.locator('tr', { hasText: need.title })
    expect(await row.count()).toBeGreaterThan(0)
    expect(await row.first().textContent()).not.toContain(title)
    await page.context().close()

    // For good: not on the public need page nor in the export, also after the map's
    // suggestions are recomputed (the job the dismissal queued, run now through the jobs API).
    const publicly = async () => {
      const html = await (await fetch(`${site.url}/learning-needs/${need.slug}`)).text()
      const exported = (await csv('/v1/learning-needs.csv')).find((r) => r.Slug === need.slug)!
      return {
        onPage: html.includes(title),
        inExport: exported['Suggested products (not confirmed)'],
      }
    }
    const before = await publicly()
    expect(before.onPage).toBe(false)
    expect(before.inExport.split('; ')).not.toContain(title)
    await api('payload-jobs/run?queue=suggestions')
    const status = await api<{ state: string; computedAt: string }>('globals/suggestion-status')
    expect(status.state).toBe('idle')
    const after = await publicly()
    expect(after.onPage).toBe(false)
    expect(after.inExport.split('; ')).not.toContain(title)
  })
})
