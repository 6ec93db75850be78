import { COLLECTIONS } from '@repo/types'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { findRepoRoot, launchBrowser, type RunningCms, startBuiltCms } from '@repo/testing'

type Row = { key: string; coverage: string; total?: number }

describe('suggestions in the admin, in a real browser', () => {
  let cms: RunningCms
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
    cms = await startBuiltCms({ repoRoot: findRepoRoot(import.meta.dirname) })
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
    await cms?.stop()
  })

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
    const page = await openNeed()
    const why = await page.locator('[data-testid="suggestion"]').first().textContent()
    expect(why).toMatch(/Matched “/)
    const title = await firstTitle(page)
    await page.locator('[data-testid="suggestion-accept"]').first().click()
    await page
      .getByRole('status')
      .filter({ hasText: `Accepted: “${title}” is linked.` })
      .waitFor()
    const deadline = Date.now() + 2_000
    let row: Row | undefined
    let coverage = 'open'
    while (Date.now() < deadline) {
      coverage = (
        await anonymous<{ coverage: string }>(`${COLLECTIONS.learningNeeds}/${need.id}?depth=0`)
      ).coverage
      const matrix = await anonymous<{ rows: Row[] }>('map/matrix')
      row = matrix.rows.find((r) => r.key === need.slug)
      if (coverage !== 'open' && row?.coverage !== 'open') break
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(coverage).not.toBe('open')
    expect(row?.coverage).toBe(coverage)
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
  })
})
