/**
 * The public proposal form in a real browser, with JavaScript and without: a proposal becomes a
 * draft for the editors (nothing public), a mistake keeps what was typed, and the spam checks
 * (honeypot, a form sent faster than a person can type) refuse without filing anything.
 */
import { createClient, type KnowledgeMapClient } from '@repo/types'
import {
  adminApi,
  type AdminApi,
  findRepoRoot,
  launchBrowser,
  type RunningCms,
  type RunningServer,
  startCmsAndSite,
} from '@repo/testing'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const repoRoot = findRepoRoot(import.meta.dirname)
const SECRET = 'site-propose-test-shared-secret-0123'
/** A little over the form's minimum fill time (MIN_FILL_MS). */
const HUMAN_PAUSE_MS = 3_200

describe('the proposal form', () => {
  let cms: RunningCms
  let site: RunningServer
  let browser: Browser
  let admin: AdminApi
  let sdk: KnowledgeMapClient

  beforeAll(async () => {
    ;({ cms, site } = await startCmsAndSite({ repoRoot, secret: SECRET }))
    browser = await launchBrowser()
    admin = await adminApi(cms.url, cms.admin)
    sdk = createClient({ baseUrl: cms.url })
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    await site?.stop()
    await cms?.stop()
  })

  const drafts = async (collection: string, title: string) =>
    (
      await admin.find({
        collection,
        where: { title: { equals: title } },
        draft: true,
        limit: 10,
      })
    ).docs

  async function fill(page: Page, values: Record<string, string>) {
    if (values.kind) await page.check(`input[name="kind"][value="${values.kind}"]`)
    for (const field of ['title', 'link', 'description', 'email']) {
      if (values[field] !== undefined) await page.fill(`#${field}`, values[field]!)
    }
  }

  for (const javaScript of [false, true]) {
    const mode = javaScript ? 'with JavaScript' : 'without JavaScript'

    it(`should file a product as a draft for the editors, ${mode}`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: javaScript })
      const page = await context.newPage()
      try {
        const res = await page.goto(`${site.url}/propose`)
        expect(res?.status()).toBe(200)
        const title = `Proposed toolkit ${mode} ${Date.now()}`
        await fill(page, {
          kind: 'knowledge-product',
          title,
          link: 'https://example.org/a-toolkit',
          description: 'A toolkit for local advocacy that belongs on the map, proposed in a test.',
          email: 'proposer@example.org',
        })
        await page.waitForTimeout(HUMAN_PAUSE_MS)
        await page.click('button[type="submit"]')
        await page.locator('[data-proposal="sent"]').waitFor()
        expect(await page.locator('[data-proposal="sent"]').textContent()).toContain(
          'a knowledge product',
        )
        const [draft] = await drafts('knowledge-products', title)
        expect(draft).toMatchObject({
          _status: 'draft',
          reviewStatus: 'in-review',
          externalUrl: 'https://example.org/a-toolkit',
          proposal: { email: 'proposer@example.org' },
        })
        // Nothing public: the site's SDK (anonymous) does not find it.
        expect((await sdk.products.list({ q: title })).totalDocs).toBe(0)
      } finally {
        await context.close()
      }
    })

    it(`should keep what was typed when a field is wrong, ${mode}`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: javaScript })
      const page = await context.newPage()
      try {
        await page.goto(`${site.url}/propose`)
        const title = `Half-finished need ${mode} ${Date.now()}`
        await fill(page, {
          kind: 'learning-need',
          title,
          link: 'not a link',
          description: 'Too short',
        })
        await page.waitForTimeout(HUMAN_PAUSE_MS)
        await page.click('button[type="submit"]')
        await page.locator('#link-error').waitFor()
        expect(await page.locator('#link-error').textContent()).toMatch(/full web address/)
        expect(await page.locator('#description-error').textContent()).toMatch(/at least 20/)
        expect(await page.inputValue('#title')).toBe(title)
        expect(await page.inputValue('#link')).toBe('not a link')
        expect(await page.inputValue('#description')).toBe('Too short')
        expect(await page.isChecked('input[name="kind"][value="learning-need"]')).toBe(true)
        expect(await page.getAttribute('#link', 'aria-invalid')).toBe('true')
        expect(await drafts('learning-needs', title)).toEqual([])

        // Corrected and sent again: it goes through, as a learning need.
        await page.fill('#link', 'https://example.org/where-it-was-said')
        await page.fill(
          '#description',
          'Partners ask how youth-led groups keep going after funding.',
        )
        await page.waitForTimeout(HUMAN_PAUSE_MS)
        await page.click('button[type="submit"]')
        await page.locator('[data-proposal="sent"]').waitFor()
        expect(await drafts('learning-needs', title)).toHaveLength(1)
      } finally {
        await context.close()
      }
    })
  }

  it('should refuse a form sent faster than a person can type, keeping the values', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    try {
      await page.goto(`${site.url}/propose`)
      const title = `Too fast ${Date.now()}`
      await fill(page, {
        kind: 'knowledge-product',
        title,
        description: 'Sent at once after loading, as a script would do it.',
      })
      await page.click('button[type="submit"]')
      await page.locator('[data-proposal="refused"]').waitFor()
      expect(await page.locator('[data-proposal="refused"]').textContent()).toMatch(
        /faster than a person/,
      )
      expect(await page.inputValue('#title')).toBe(title)
      expect(await drafts('knowledge-products', title)).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('should refuse a form whose hidden honeypot field was filled, and file nothing', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    try {
      await page.goto(`${site.url}/propose`)
      expect(await page.locator('.honeypot input').getAttribute('tabindex')).toBe('-1')
      const title = `Bot proposal ${Date.now()}`
      await fill(page, {
        kind: 'knowledge-product',
        title,
        description: 'A bot fills in every field it finds, the hidden one too.',
      })
      await page.fill('#website', 'https://spam.example')
      await page.waitForTimeout(HUMAN_PAUSE_MS)
      await page.click('button[type="submit"]')
      await page.locator('[data-proposal="refused"]').waitFor()
      expect(await drafts('knowledge-products', title)).toEqual([])
    } finally {
      await context.close()
    }
  })
})
