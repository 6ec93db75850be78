/**
 * The demand side, end to end: a search on the site that finds nothing is counted in the CMS
 * (words, day, count; nothing about the visitor), an editor sees it under "Unmet searches" in the
 * admin and turns it into a draft learning need with one click; /about says what is kept.
 */
import {
  adminApi,
  type AdminApi,
  findRepoRoot,
  launchBrowser,
  type RunningCms,
  type RunningServer,
  startCmsAndSite,
} from '@repo/testing'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const repoRoot = findRepoRoot(import.meta.dirname)
const SECRET = 'site-demand-test-shared-secret-012345'

describe('unmet searches', () => {
  let cms: RunningCms
  let site: RunningServer
  let browser: Browser
  let admin: AdminApi

  beforeAll(async () => {
    ;({ cms, site } = await startCmsAndSite({ repoRoot, secret: SECRET }))
    browser = await launchBrowser()
    admin = await adminApi(cms.url, cms.admin)
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    await site?.stop()
    await cms?.stop()
  })

  const countOf = async (query: string) =>
    (await admin.find({ collection: 'search-misses', where: { query: { equals: query } } })).docs[0]
      ?.count ?? 0

  const waitForCount = async (query: string, count: number) => {
    const deadline = Date.now() + 5_000
    while (Date.now() < deadline) {
      if ((await countOf(query)) === count) return
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(await countOf(query)).toBe(count)
  }

  it('should count a search that finds nothing, and only such searches, without a cookie', async () => {
    const res = await fetch(`${site.url}/products?q=Mangrove+Cooperatives`)
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toBeNull()
    await waitForCount('mangrove cooperatives', 1)
    await fetch(`${site.url}/products?q=mangrove%20%20cooperatives`)
    await waitForCount('mangrove cooperatives', 2)
    // A search with results is not an unmet one.
    const found = (await admin.find({ collection: 'knowledge-products', limit: 1 })).docs[0]!
    const word = String(found.title)
      .split(/\s+/)
      .find((w) => w.length > 5)!
    await fetch(`${site.url}/products?q=${encodeURIComponent(word)}`)
    await new Promise((r) => setTimeout(r, 500))
    expect(await countOf(word.toLowerCase())).toBe(0)
    const rows = (await admin.find({ collection: 'search-misses', limit: 100 })).docs
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual([
        'count',
        'createdAt',
        'day',
        'id',
        'query',
        'updatedAt',
      ])
    }
  })

  it('should list it for editors in the admin and make a draft need of it in one click', async () => {
    await fetch(`${site.url}/products?q=seed+banks+for+women+farmers`)
    await waitForCount('seed banks for women farmers', 1)
    const context = await browser.newContext()
    const page = await context.newPage()
    try {
      await page.goto(`${cms.url}/admin/login`)
      await page.fill('#field-email', cms.admin.email)
      await page.fill('#field-password', cms.admin.password)
      await page.click('button[type="submit"]')
      await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 })
      await page.goto(`${cms.url}/admin/unmet-searches`)
      const row = page.locator('[data-testid="unmet-searches"] tr', {
        hasText: 'seed banks for women farmers',
      })
      await row.waitFor()
      await row.getByRole('button', { name: 'Make a draft learning need' }).click()
      await page.waitForURL(new RegExp(`${cms.url}/admin/collections/learning-needs/\\d+`))
      await expect.poll(() => page.inputValue('#field-title')).toBe('Seed banks for women farmers')
      const needs = await admin.find({
        collection: 'learning-needs',
        where: { title: { equals: 'Seed banks for women farmers' } },
        draft: true,
      })
      expect(needs.docs).toHaveLength(1)
      expect(needs.docs[0]).toMatchObject({ _status: 'draft', kind: 'knowledge-gap' })
    } finally {
      await context.close()
    }
  })

  it('should say on /about exactly what is kept and for how long', async () => {
    const html = await (await fetch(`${site.url}/about`)).text()
    expect(html).toContain('data-privacy="unmet-searches"')
    expect(html).toMatch(/the day and a count, for (<!-- -->)?90(<!-- -->)? days/)
    expect(html).toContain('no IP address, no cookie')
  })
})
